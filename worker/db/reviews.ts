const INSERT = "INSERT INTO reviews (id, snapshot_id, decision, comment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";

export function insertReviewStatement(db: D1Database, r: { id: string; snapshot: string; decision: "approved" | "returned"; comment: string; at: string; by: string }) {
  return db.prepare(INSERT).bind(r.id, r.snapshot, r.decision, r.comment, r.at, r.by);
}
