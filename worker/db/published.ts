import type { Principal } from "../auth/principal";
import { auditStatement } from "./audit";
import { parsePublished } from "./stored";

export interface PublishedRow {
  id: string;
  template: string;
  kind: string;
  basis: string;
  asOf: string;
  sha256: string;
  createdAt: string;
  createdBy: string;
}

const COLUMNS =
  "id, template_id AS template, kind, basis, as_of AS asOf, sha256, created_at AS createdAt, created_by AS createdBy";
const INSERT =
  "INSERT INTO published (id, template_id, kind, basis, as_of, body, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

/** Stores a published consolidation and its audit row in one batch. */
export async function storePublished(
  db: D1Database,
  who: Principal,
  p: PublishedRow & { body: string },
  audit: Record<string, unknown>,
): Promise<void> {
  await db.batch([
    db.prepare(INSERT).bind(p.id, p.template, p.kind, p.basis, p.asOf, p.body, p.sha256, p.createdAt, p.createdBy),
    auditStatement(db, who, "consolidated.publish", p.id, audit, p.createdAt),
  ]);
}

export async function listPublished(db: D1Database, template?: string): Promise<PublishedRow[]> {
  const sql = `SELECT ${COLUMNS} FROM published ${template ? "WHERE template_id = ?" : ""} ORDER BY created_at DESC`;
  const stmt = db.prepare(sql);
  return (await (template ? stmt.bind(template) : stmt).all<PublishedRow>()).results;
}

/** A published consolidation with its report exactly as published. */
export async function getPublished(
  db: D1Database,
  id: string,
): Promise<(PublishedRow & { report: Record<string, unknown> }) | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS}, body FROM published WHERE id = ?`)
    .bind(id)
    .first<PublishedRow & { body: string }>();
  if (!row) return null;
  const { body, ...meta } = row;
  return { ...meta, report: parsePublished(body) };
}
