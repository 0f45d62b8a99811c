import type { Principal } from "../auth/principal";

const INSERT = "INSERT INTO audit (at, actor, role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)";
const LIST = "SELECT seq, at, actor, role, action, target, detail FROM audit WHERE seq > ? ORDER BY seq LIMIT ?";

const INSERT_IF_SNAPSHOT = `INSERT INTO audit (at, actor, role, action, target, detail)
  SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM snapshots WHERE id = ?)`;

/**
 * An audit row, as a statement to run in the same batch as the write it records. With
 * `ifSnapshot`, the row is written only if that snapshot was (a stale INSERT writes none).
 */
export function auditStatement(db: D1Database, who: Principal, action: string, target: string, detail: unknown = {}, at = new Date().toISOString(), ifSnapshot?: string) {
  const args = [at, who.id, who.role, action, target, JSON.stringify(detail)];
  return ifSnapshot ? db.prepare(INSERT_IF_SNAPSHOT).bind(...args, ifSnapshot) : db.prepare(INSERT).bind(...args);
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  detail: unknown;
}

export async function listAudit(db: D1Database, after: number, limit: number): Promise<AuditRow[]> {
  const { results } = await db.prepare(LIST).bind(after, limit).all<Omit<AuditRow, "detail"> & { detail: string }>();
  return results.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
}
