// What a submission needs from D1 before validating, read in one round trip (DESIGN.md: reads
// take one D1 round trip): the template's newest stored version, whether the unit exists, the
// report's locks and its latest version (an identical resubmission answers it), and (when it would
// store) the unit's usage for the quota and the snapshot an Idempotency-Key already stored.
import type { Template } from "../../domain";
import type { Principal } from "../auth/principal";
import { type LockRow, locksOf, locksStatement } from "./locks";
import { type UnitUsage, usageOf, usageStatement } from "./quota";
import {
  idempotencyStatement,
  type KeyedSnapshot,
  keyedSnapshotOf,
  latestOf,
  type LatestSnapshot,
  latestStatement,
} from "./snapshots";
import { storedTemplateOf, storedTemplateStatement } from "./templates";
import { type UnitLife, unitLifeOf, unitLifeStatement } from "./unit-history";
import { unitExistsOf, unitExistsStatement } from "./units";

export interface SubmissionReads {
  /** The newest version an administrator stored (null: none; the built-in one may still exist). */
  stored: Template | null;
  unitExists: boolean;
  locks: LockRow[];
  /** The report's newest version (template, unit, kind), whatever its review state; null: none yet. */
  latest: LatestSnapshot | null;
  /** Null when the submission would not store (a dry run). */
  usage: UnitUsage | null;
  /** The snapshot this principal stored under the same Idempotency-Key, if any. */
  first: KeyedSnapshot | null;
  /** The unit's life and the late reports an administrator allowed (issue 17); null: no such unit. */
  life: UnitLife | null;
}

export async function readForSubmission(
  db: D1Database,
  q: { template: string; unit: string; kind: string; storing: boolean; keyed: { by: Principal; key: string } | null },
): Promise<SubmissionReads> {
  const results = await db.batch([
    storedTemplateStatement(db, q.template),
    unitExistsStatement(db, q.unit),
    locksStatement(db, q.template, q.kind),
    latestStatement(db, q.template, q.unit, q.kind),
    ...(q.storing ? [usageStatement(db, q.template, q.unit)] : []),
    ...(q.keyed ? [idempotencyStatement(db, q.keyed.by, q.keyed.key)] : []),
    unitLifeStatement(db, q.unit, q.template, q.kind),
  ]);
  const [stored, unit, locks, latest] = results;
  const usage = q.storing ? usageOf(results[4]) : null;
  const keyed = q.keyed ? results[q.storing ? 5 : 4] : undefined;
  return {
    stored: storedTemplateOf(stored),
    unitExists: unitExistsOf(unit),
    locks: locksOf(locks),
    latest: latestOf(latest),
    usage,
    first: keyed ? keyedSnapshotOf(keyed) : null,
    life: unitLifeOf(results[results.length - 1]),
  };
}
