import type { Template } from "../../domain";

const INSERT = "INSERT INTO templates (id, version, definition, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";
const LATEST = "SELECT definition FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1";
const ALL = "SELECT id, MAX(version) AS version FROM templates GROUP BY id";
const AT_VERSIONS = "SELECT version, definition FROM templates WHERE id = ? AND version IN (SELECT value FROM json_each(?))";

export function insertTemplateStatement(db: D1Database, t: Template, sha256: string, at: string, by: string) {
  return db.prepare(INSERT).bind(t.id, t.version, JSON.stringify(t), sha256, at, by);
}

export function storedTemplateStatement(db: D1Database, id: string) {
  return db.prepare(LATEST).bind(id);
}

export async function storedTemplate(db: D1Database, id: string): Promise<Template | null> {
  const row = await storedTemplateStatement(db, id).first<{ definition: string }>();
  return row ? (JSON.parse(row.definition) as Template) : null;
}

export async function storedTemplateIds(db: D1Database): Promise<{ id: string; version: number }[]> {
  return (await db.prepare(ALL).all<{ id: string; version: number }>()).results;
}

/** Stored versions of a template, by version (versions never stored are absent). */
export async function storedTemplateVersions(db: D1Database, id: string, versions: number[]): Promise<Map<number, Template>> {
  const { results } = await db.prepare(AT_VERSIONS).bind(id, JSON.stringify(versions)).all<{ version: number; definition: string }>();
  return new Map(results.map((r) => [r.version, JSON.parse(r.definition) as Template]));
}
