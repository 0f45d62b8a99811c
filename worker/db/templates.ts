import type { Principal } from "../auth/principal";
import type { Template } from "../../domain";
import { auditStatement } from "./audit";
import { parseTemplateDefinition } from "./stored";

const INSERT =
  "INSERT INTO templates (id, version, definition, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";
// The definition comes back only when this isolate does not hold it already (by id, version and
// the SHA-256 of its text, `known`): a request that finds its template in memory reads a row of
// three short columns.
const LATEST = `SELECT id, version, sha256,
    CASE WHEN (id || '@' || version || '#' || sha256) IN (SELECT value FROM json_each(?2)) THEN NULL ELSE definition END
      AS definition
  FROM templates WHERE id = ?1 ORDER BY version DESC LIMIT 1`;
const ALL = "SELECT id, MAX(version) AS version FROM templates GROUP BY id";
const AT_VERSIONS = `SELECT id, version, sha256,
    CASE WHEN (id || '@' || version || '#' || sha256) IN (SELECT value FROM json_each(?3)) THEN NULL ELSE definition END
      AS definition
  FROM templates WHERE id = ?1 AND version IN (SELECT value FROM json_each(?2))`;

/**
 * Parsed and checked template versions held by this isolate, by id, version and the SHA-256 of
 * the stored text: a version is never changed once stored, so a request needs only to learn
 * which version is the newest (and reads a definition it has not seen). Bounded: the oldest go first.
 */
const held = new Map<string, Template>();
const HELD_KEPT = 64;

function heldKey(r: { id: string; version: number; sha256: string }): string {
  return `${r.id}@${r.version}#${r.sha256}`;
}

/** The keys this isolate holds for a template (the `known` list the statements above take). */
function heldOf(id: string): string {
  const prefix = `${id}@`;
  return JSON.stringify([...held.keys()].filter((k) => k.startsWith(prefix)));
}

interface DefinitionRow {
  id: string;
  version: number;
  sha256: string;
  /** Null when this isolate holds it. */
  definition: string | null;
}

/** The template a row names: held, or parsed (and checked) from its definition and then held. */
function templateOfRow(row: DefinitionRow): Template {
  const key = heldKey(row);
  const known = held.get(key);
  if (known && row.definition === null) {
    held.delete(key);
    held.set(key, known);
    return known;
  }
  if (row.definition === null) throw new Error(`template ${key} was neither held nor read`);
  const template = parseTemplateDefinition(row.definition);
  held.set(key, template);
  if (held.size > HELD_KEPT) held.delete(held.keys().next().value!);
  return template;
}

/** Stores a checked template version and its audit row in one batch. */
export async function storeTemplate(
  db: D1Database,
  t: Template,
  text: string,
  sha256: string,
  who: Principal,
  at: string,
): Promise<void> {
  await db.batch([
    db.prepare(INSERT).bind(t.id, t.version, text, sha256, at, who.id),
    auditStatement(db, who, "template.create", `${t.id}@${t.version}`, {}, at),
  ]);
}

/** The newest stored version, as a statement for a batch (read it with storedTemplateOf). */
export function storedTemplateStatement(db: D1Database, id: string) {
  return db.prepare(LATEST).bind(id, heldOf(id));
}

export function storedTemplateOf(result: D1Result): Template | null {
  const row = result.results[0] as DefinitionRow | undefined;
  return row ? templateOfRow(row) : null;
}

export async function storedTemplate(db: D1Database, id: string): Promise<Template | null> {
  return storedTemplateOf(await storedTemplateStatement(db, id).all());
}

export async function storedTemplateIds(db: D1Database): Promise<{ id: string; version: number }[]> {
  return (await db.prepare(ALL).all<{ id: string; version: number }>()).results;
}

/** Stored versions of a template, by version (versions never stored are absent). */
export async function storedTemplateVersions(
  db: D1Database,
  id: string,
  versions: number[],
): Promise<Map<number, Template>> {
  const { results } = await db.prepare(AT_VERSIONS).bind(id, JSON.stringify(versions), heldOf(id)).all<DefinitionRow>();
  return new Map(results.map((r) => [r.version, templateOfRow(r)]));
}
