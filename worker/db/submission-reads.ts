// What a submission needs from D1 before validating, read in one round trip (DESIGN.md: reads
// take one D1 round trip; decision 0023: the sign-in goes with it): the template's newest stored
// version (its definition only when this isolate does not hold it), whether the unit exists and
// its life, the report's locks and its latest version (an identical resubmission answers it; with
// its figures when the report has locks, for the lock check), and (when it would store) the
// unit's usage for the quota and the snapshot an Idempotency-Key already stored.
import type { Template } from "../../domain";
import type { Principal } from "../auth/principal";
import type { SqlValue } from "./snapshots";
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
  /** The canonical JSON of `latest` when the report has locks (the lock check compares figures); else null. */
  latestCanonical: string | null;
}

// The latest version's figures, read only when a lock could need them (the same version as
// latestStatement's, in the same batch).
const LATEST_CANONICAL_IF_LOCKED = `SELECT s.canonical FROM snapshots s
  WHERE s.template_id = ?1 AND s.unit = ?2 AND s.kind = ?3
    AND EXISTS (SELECT 1 FROM locks l WHERE l.template_id = ?1 AND l.kind = ?3)
  ORDER BY s.version DESC LIMIT 1`;

export async function readForSubmission(
  db: D1Database,
  q: {
    template: string;
    unit: string;
    kind: string;
    storing: boolean;
    /** `by`: the principal, or its id as SQL while its sign-in rides with these reads. */
    keyed: { by: Principal | SqlValue; key: string } | null;
  },
): Promise<SubmissionReads> {
  const results = await db.batch([
    storedTemplateStatement(db, q.template),
    unitExistsStatement(db, q.unit),
    locksStatement(db, q.template, q.kind),
    latestStatement(db, q.template, q.unit, q.kind),
    ...(q.storing ? [usageStatement(db, q.template, q.unit)] : []),
    ...(q.keyed ? [idempotencyStatement(db, q.keyed.by, q.keyed.key)] : []),
    db.prepare(LATEST_CANONICAL_IF_LOCKED).bind(q.template, q.unit, q.kind),
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
    latestCanonical: (results[results.length - 2].results[0] as { canonical?: string } | undefined)?.canonical ?? null,
  };
}
