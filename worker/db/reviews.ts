import type { Principal } from "../auth/principal";
import { auditStatement } from "./audit";

const INSERT =
  "INSERT INTO reviews (id, snapshot_id, decision, comment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";

export interface NewReview {
  id: string;
  snapshot: string;
  decision: "approved" | "returned";
  comment: string;
  at: string;
}

/** Stores a review decision and its audit row (`snapshot.approve` / `snapshot.return`) in one batch. */
export async function storeReview(db: D1Database, who: Principal, r: NewReview): Promise<void> {
  const action = r.decision === "approved" ? "snapshot.approve" : "snapshot.return";
  await db.batch([
    db.prepare(INSERT).bind(r.id, r.snapshot, r.decision, r.comment, r.at, who.id),
    auditStatement(db, who, action, r.snapshot, { comment: r.comment }, r.at),
  ]);
}
