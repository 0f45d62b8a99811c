import type { Principal } from "../auth/principal";
import { auditIfStatement } from "./audit";

const LIST =
  "SELECT template_id AS template, kind, period, created_at AS createdAt, created_by AS createdBy FROM locks WHERE template_id = ? AND kind = ? ORDER BY period";
const ALL =
  "SELECT template_id AS template, kind, period, created_at AS createdAt, created_by AS createdBy FROM locks ORDER BY template_id, kind, period";
const INSERT =
  "INSERT INTO locks (template_id, kind, period, created_at, created_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
const DELETE = "DELETE FROM locks WHERE template_id = ? AND kind = ? AND period = ?";

export interface LockRow {
  template: string;
  kind: string;
  period: string;
  createdAt: string;
  createdBy: string;
}

export function locksStatement(db: D1Database, template: string, kind: string) {
  return db.prepare(LIST).bind(template, kind);
}

export function locksOf(result: D1Result): LockRow[] {
  return result.results as LockRow[];
}

export async function allLocks(db: D1Database): Promise<LockRow[]> {
  return (await db.prepare(ALL).all<LockRow>()).results;
}

function lockStatement(db: D1Database, template: string, kind: string, period: string, at: string, by: string) {
  return db.prepare(INSERT).bind(template, kind, period, at, by);
}

function unlockStatement(db: D1Database, template: string, kind: string, period: string) {
  return db.prepare(DELETE).bind(template, kind, period);
}

/**
 * Holds when the year is locked (`locked`) or not (`!locked`): a lock or unlock changes something only against the
 * other state.
 */
function lockStateCondition(template: string, kind: string, period: string, locked: boolean) {
  return {
    sql: `${locked ? "" : "NOT "}EXISTS (SELECT 1 FROM locks WHERE template_id = ? AND kind = ? AND period = ?)`,
    args: [template, kind, period],
  };
}

/**
 * Locks (`locked`) or unlocks a year and writes its audit row, in one batch. The audit row goes
 * before the write and is written only if the year is in the other state: locking a locked year
 * or unlocking an open one changes nothing and leaves no row. Answers whether it changed.
 */
export async function setLock(
  db: D1Database,
  who: Principal,
  l: { template: string; kind: string; period: string },
  locked: boolean,
  at: string,
): Promise<boolean> {
  const action = locked ? "lock.create" : "lock.delete";
  const [, written] = await db.batch([
    auditIfStatement(
      db,
      who,
      action,
      `${l.template}/${l.kind}/${l.period}`,
      {},
      at,
      lockStateCondition(l.template, l.kind, l.period, !locked),
    ),
    locked
      ? lockStatement(db, l.template, l.kind, l.period, at, who.id)
      : unlockStatement(db, l.template, l.kind, l.period),
  ]);
  return written.meta.changes > 0;
}
