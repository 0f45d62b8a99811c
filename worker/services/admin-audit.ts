// The audit log as the administrator's page reads it: newest first, filtered by actor (a token id,
// or its label), action, unit (the row's target, or a `unit` in its detail) and a range of days in
// Vietnam time; each row with its actor's token label.
import { parseAuditDetail } from "../db/stored";

export interface AuditFilter {
  actor?: string;
  action?: string;
  unit?: string;
  /** First and last day, both included (YYYY-MM-DD, Vietnam time). */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorLabel: string | null;
  role: string;
  action: string;
  target: string;
  detail: unknown;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant a Vietnam day starts (ISO, UTC). */
function dayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS).toISOString();
}

const SEARCH = `SELECT a.seq, a.at, a.actor, t.label AS actorLabel, a.role, a.action, a.target, a.detail
  FROM audit a LEFT JOIN tokens t ON t.id = a.actor
  WHERE (?1 IS NULL OR a.actor = ?1 OR t.label = ?1)
    AND (?2 IS NULL OR a.action = ?2 OR a.action LIKE ?2 || '.%')
    AND (?3 IS NULL OR a.target = ?3 OR (json_valid(a.detail) AND json_extract(a.detail, '$.unit') = ?3)
      OR (',' || a.target || ',') LIKE '%,' || ?3 || ',%')
    AND (?4 IS NULL OR a.at >= ?4) AND (?5 IS NULL OR a.at < ?5)
  ORDER BY a.seq DESC LIMIT ?6`;

export async function searchAudit(db: D1Database, f: AuditFilter, limit: number): Promise<AuditEntry[]> {
  const to = f.to ? new Date(Date.parse(dayStart(f.to)) + DAY_MS).toISOString() : null;
  const { results } = await db
    .prepare(SEARCH)
    .bind(f.actor || null, f.action || null, f.unit || null, f.from ? dayStart(f.from) : null, to, limit)
    .all<Omit<AuditEntry, "detail"> & { detail: string }>();
  return results.map((r) => ({ ...r, detail: parseAuditDetail(r.detail) }));
}

/** The actions recorded so far, for the filter's choices. */
export async function auditActions(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT DISTINCT action FROM audit ORDER BY action").all<{ action: string }>();
  return results.map((r) => r.action);
}
