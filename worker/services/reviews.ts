// Approving or returning a snapshot: the rules the API route and the review page share. Only a
// reviewer (or an administrator) decides; returning needs a comment so the unit knows what to
// correct; the decision and its audit row are written together.
import type { ReviewAnswer } from "../../domain";
import { assertRole, canActForUnit, type Principal } from "../auth/principal";
import { storeReview } from "../db/reviews";
import { getSnapshot, type SnapshotMeta } from "../db/snapshots";
import { catalogueError } from "../errors";

export type Decision = ReviewAnswer["status"];

/**
 * The snapshot a principal may read: 404 SUBMISSION_NOT_FOUND, or 403 UNIT_FORBIDDEN for another
 * unit's. `who` may be read after the snapshot (a sign-in carried by its read, decision 0023).
 */
export async function readableSnapshot(db: D1Database, who: Principal | (() => Principal), id: string) {
  const snapshot = await getSnapshot(db, id);
  if (!snapshot) throw catalogueError(404, "SUBMISSION_NOT_FOUND");
  if (!canActForUnit(typeof who === "function" ? who() : who, snapshot.unit))
    throw catalogueError(403, "UNIT_FORBIDDEN");
  return snapshot;
}

/**
 * Records a reviewer's decision on a snapshot. Throws the catalogue error a refusal answers
 * with: 403 FORBIDDEN (not a reviewer), 422 COMMENT_REQUIRED (returning without a comment),
 * 404 SUBMISSION_NOT_FOUND, 403 UNIT_FORBIDDEN.
 */
export async function decide(
  db: D1Database,
  who: Principal,
  id: string,
  decision: Decision,
  comment: string,
): Promise<ReviewAnswer> {
  assertRole(who, "reviewer");
  if (decision === "returned" && !comment.trim()) throw catalogueError(422, "COMMENT_REQUIRED");
  const snapshot: SnapshotMeta = await readableSnapshot(db, who, id);
  const at = new Date().toISOString();
  await storeReview(db, who, { id: crypto.randomUUID(), snapshot: snapshot.id, decision, comment, at });
  return { id: snapshot.id, unit: snapshot.unit, version: snapshot.version, status: decision, comment, reviewedAt: at };
}
