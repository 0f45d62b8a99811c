import type { Principal } from "../auth/principal";
import type { Template } from "../../domain";
import { auditStatement } from "./audit";
import { parseTemplateDefinition } from "./stored";

const INSERT =
  "INSERT INTO templates (id, version, definition, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";
const LATEST = "SELECT definition FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1";
const ALL = "SELECT id, MAX(version) AS version FROM templates GROUP BY id";
const AT_VERSIONS =
  "SELECT version, definition FROM templates WHERE id = ? AND version IN (SELECT value FROM json_each(?))";

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
  return db.prepare(LATEST).bind(id);
}

export function storedTemplateOf(result: D1Result): Template | null {
  const definition = (result.results[0] as { definition?: unknown } | undefined)?.definition;
  return typeof definition === "string" ? parseTemplateDefinition(definition) : null;
}

export async function storedTemplate(db: D1Database, id: string): Promise<Template | null> {
  const row = await storedTemplateStatement(db, id).first<{ definition: string }>();
  return row ? parseTemplateDefinition(row.definition) : null;
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
  const { results } = await db
    .prepare(AT_VERSIONS)
    .bind(id, JSON.stringify(versions))
    .all<{ version: number; definition: string }>();
  return new Map(results.map((r) => [r.version, parseTemplateDefinition(r.definition)]));
}
