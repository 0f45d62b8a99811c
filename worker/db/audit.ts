import type { Principal } from "../auth/principal";
import { parseAuditDetail } from "./stored";

const INSERT = "INSERT INTO audit (at, actor, role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)";
const LIST = "SELECT seq, at, actor, role, action, target, detail FROM audit WHERE seq > ? ORDER BY seq LIMIT ?";

/** A SQL condition (with its arguments) on the state a write is about to change. */
export interface AuditCondition {
  sql: string;
  args: unknown[];
}

const SNAPSHOT_EXISTS = "EXISTS (SELECT 1 FROM snapshots WHERE id = ?)";

/**
 * An audit row, as a statement to run in the same batch as the write it records. With
 * `ifSnapshot`, the row is written only if that snapshot was (a stale INSERT writes none).
 */
export function auditStatement(
  db: D1Database,
  who: Principal,
  action: string,
  target: string,
  detail: unknown = {},
  at = new Date().toISOString(),
  ifSnapshot?: string,
) {
  if (ifSnapshot)
    return auditIfStatement(db, who, action, target, detail, at, { sql: SNAPSHOT_EXISTS, args: [ifSnapshot] });
  return db.prepare(INSERT).bind(at, who.id, who.role, action, target, JSON.stringify(detail));
}

/**
 * An audit row written only if `when` holds. Put it in the batch BEFORE the write and make
 * `when` say "the write will change something" (the token is not yet revoked, the year is not
 * yet locked…): the batch is one transaction, so the row exists exactly when the write changed
 * state, and a no-op write (revoking a revoked token, locking a locked year) leaves none.
 */
export function auditIfStatement(
  db: D1Database,
  who: Principal,
  action: string,
  target: string,
  detail: unknown,
  at: string,
  when: AuditCondition,
) {
  const sql = `INSERT INTO audit (at, actor, role, action, target, detail) SELECT ?, ?, ?, ?, ?, ? WHERE ${when.sql}`;
  return db.prepare(sql).bind(at, who.id, who.role, action, target, JSON.stringify(detail), ...when.args);
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
  return results.map((r) => ({ ...r, detail: parseAuditDetail(r.detail) }));
}
