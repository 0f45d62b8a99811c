-- Issue 12: an Idempotency-Key is bound to what was submitted. request_sha256 is the SHA-256
-- of the request as sent (JSON: the canonical JSON of template, unit, kind, baseVersion and the
-- appendices as given; upload: the file's SHA-256 with template, unit, kind, baseVersion). A
-- retry under the same key is answered with the first receipt only when it hashes the same;
-- otherwise 409 IDEMPOTENCY_KEY_REUSED. Rows written before this migration keep NULL ("legacy"):
-- a retry of a legacy key is validated and replayed only when its canonical figures have the
-- stored snapshot's sha256, so a different request is never answered with the first receipt.
ALTER TABLE snapshots ADD COLUMN request_sha256 TEXT;

-- The review queue reads the newest version of every report of a template (GROUP BY template,
-- kind, unit over snapshots_report) and keeps those without a review; reviews are found by
-- reviews_snapshot. The recently reviewed list orders reviews by time: this index serves it
-- without reading every review of every template.
CREATE INDEX reviews_created ON reviews (created_at);
