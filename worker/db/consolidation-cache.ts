// Consolidated answers stored with the generation of the data they were computed from (issue 18,
// decision 0022), and the one batch that reads everything a consolidation needs.
//
// The key names what the answer depends on besides data: template, newest template version,
// kind, basis, unit scope and view, and the moment class: "now:<day>" when `asOf` is at or after
// the last event (snapshot or review) of every report of that kind, so the answer is the current
// state read on that Vietnam day (the units' structure is read on that day), or "at:<asOf>" for a
// moment before. The generation is the stored templates' and the units' structure's generations
// (migration 0008, moved by triggers), and for "now" (or a moment within the last minutes, which
// a slow write could still land before) the max rowid of snapshots and of reviews. A request whose
// key and generation match is answered from the cache without reading any snapshot: its rows
// statements return nothing then.
import { CHOSEN_CTE, INCLUDED_SELECT, LAST_EVENT, PASSED_OVER_SELECT } from "./latest";
import type { IncludedRow, PassedOver } from "./snapshots";

/** How long a past moment stays "recent" (a write whose clock read came before it may still commit). */
export const RECENT_MS = 5 * 60_000;

const GENERATION = (name: string) => `(SELECT n FROM generations WHERE name = '${name}')`;
const NOW_CLASS = `?3 >= ${LAST_EVENT}`;
const KEY = `?5 || CASE WHEN ${NOW_CLASS} THEN '|now:' || ?6 ELSE '|at:' || ?3 END`;
const DATA = `'.' || (SELECT IFNULL(MAX(rowid), 0) FROM snapshots) || '.' || (SELECT IFNULL(MAX(rowid), 0) FROM reviews)`;
const GEN = `${GENERATION("templates")} || '.' || ${GENERATION("structure")} || '.' || ${GENERATION("history")}
  || CASE WHEN ${NOW_CLASS} OR ?7 = 1 THEN ${DATA} ELSE '' END`;
const K_CTE = `k AS (SELECT ${KEY} AS key, ${GEN} AS generation)`;
const HIT = `EXISTS (SELECT 1 FROM k JOIN consolidation_cache cc ON cc.key = k.key AND cc.generation = k.generation)`;

const HEAD = `WITH ${K_CTE}
  SELECT k.key, k.generation, cc.body, ${GENERATION("structure")} AS structure
  FROM k LEFT JOIN consolidation_cache cc ON cc.key = k.key AND cc.generation = k.generation`;

export interface ConsolidationQuery {
  template: string;
  /** The newest template version (the layout when nothing is included). */
  templateVersion: number;
  kind: string;
  basis: string;
  asOf: string;
  /** vietnamDay(asOf): the day the units' structure is read on. */
  day: string;
  root: string | null;
  view: string;
  /** Read the included rows even on a hit (the exports need each unit's figures). */
  rowsOnHit: boolean;
}

export interface ConsolidationRead {
  key: string;
  generation: string;
  /** The cached report (JSON), or null on a miss. */
  body: string | null;
  /** The units' structure generation (the Worker keeps the structure it read under it). */
  structure: string;
  /** Empty on a hit unless rowsOnHit. */
  included: IncludedRow[];
  passedOver: PassedOver[];
}

/** The statements of the one read batch, in order: head, included rows, passed-over rows. */
export function consolidationStatements(db: D1Database, q: ConsolidationQuery): D1PreparedStatement[] {
  const prefix = JSON.stringify([q.template, q.templateVersion, q.kind, q.basis, q.root, q.view]);
  const recent = Date.parse(q.asOf) >= Date.now() - RECENT_MS ? 1 : 0;
  const args = [q.template, q.kind, q.asOf, q.basis, prefix, q.day, recent];
  const unlessHit = q.rowsOnHit ? "" : `AND NOT ${HIT}`;
  return [
    db.prepare(HEAD).bind(...args),
    db
      .prepare(`WITH ${CHOSEN_CTE}, ${K_CTE} ${INCLUDED_SELECT} WHERE ?7 = ?7 ${unlessHit} ORDER BY s.unit`)
      .bind(...args),
    db
      .prepare(`WITH ${CHOSEN_CTE}, ${K_CTE} ${PASSED_OVER_SELECT} ${unlessHit} ORDER BY s.unit, s.version DESC`)
      .bind(...args),
  ];
}

export function consolidationRead(results: D1Result[]): ConsolidationRead {
  const head = results[0].results[0] as { key: string; generation: string; body: string | null; structure: string };
  return {
    key: head.key,
    generation: head.generation,
    body: head.body,
    structure: head.structure,
    included: results[1].results as IncludedRow[],
    passedOver: results[2].results as PassedOver[],
  };
}

/** Keep this many answers; the oldest go first. */
const KEEP = 500;

/** Stores an answer under its key and generation (replacing what the key held), in one batch. */
export async function storeConsolidation(db: D1Database, read: ConsolidationRead, body: string): Promise<void> {
  await db.batch([
    db
      .prepare("INSERT OR REPLACE INTO consolidation_cache (key, generation, body, created_at) VALUES (?, ?, ?, ?)")
      .bind(read.key, read.generation, body, new Date().toISOString()),
    db
      .prepare(
        `DELETE FROM consolidation_cache WHERE key IN
          (SELECT key FROM consolidation_cache ORDER BY created_at DESC LIMIT -1 OFFSET ${KEEP})`,
      )
      .bind(),
  ]);
}
