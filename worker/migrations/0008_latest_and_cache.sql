-- Issue 18 (decision 0022): consolidation costs what the units cost, not what the history costs.
--
-- report_latest: one row per report (template, kind, unit) with its newest version, its newest
-- version not returned (what basis "latest" counts now, decision 0017) and its newest approved
-- version (basis "approved"), and the time of the last event (snapshot or review) of the report.
-- It is kept by triggers on snapshots and reviews, so it is written in the same statement (hence
-- the same batch and transaction) as every snapshot and every review, whoever writes them: it
-- cannot drift, and a batch that fails leaves neither.
CREATE TABLE report_latest (
  template_id      TEXT NOT NULL,
  kind             TEXT NOT NULL,
  unit             TEXT NOT NULL,
  latest_id        TEXT NOT NULL,
  latest_version   INTEGER NOT NULL,
  counted_id       TEXT,
  counted_version  INTEGER,
  approved_id      TEXT,
  approved_version INTEGER,
  changed_at       TEXT NOT NULL,
  PRIMARY KEY (template_id, kind, unit)
);

-- A past asOf is answered with one probe per report: its newest version stored by then, walking
-- back over this index (created_at is non-decreasing with version within a report: the INSERT of
-- worker/db/snapshots.ts keeps it so).
CREATE INDEX snapshots_report_time ON snapshots (template_id, kind, unit, created_at, version);

-- Compact figures of a snapshot, computed once at submission: a JSON array (slot, value, slot,
-- value, …) in the layout of the snapshot's own template version, money in integer đồng
-- (domain/consolidate/sum-trees.ts packTree). NULL for rows stored before: read from canonical.
ALTER TABLE snapshots ADD COLUMN packed TEXT;

-- Generations of what consolidation depends on besides snapshots and reviews (whose max rowid is
-- their generation): stored template versions, and the units' structure over time. Each change
-- draws a new random value, so equal values mean the same data even across databases (the
-- Worker keeps the structure it read in memory under this value).
CREATE TABLE generations (
  name TEXT PRIMARY KEY,
  n    TEXT NOT NULL
);
INSERT INTO generations (name, n) VALUES ('templates', lower(hex(randomblob(8)))), ('structure', lower(hex(randomblob(8)))),
  ('history', lower(hex(randomblob(8))));

-- Consolidated answers by what they depend on (worker/db/consolidation-cache.ts): served while
-- `generation` is still the data's generation; otherwise recomputed and replaced.
CREATE TABLE consolidation_cache (
  key        TEXT PRIMARY KEY,
  generation TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX consolidation_cache_created ON consolidation_cache (created_at);

-- A new snapshot is its report's newest version, not reviewed: newest and counted; approved stays.
CREATE TRIGGER report_latest_snapshot AFTER INSERT ON snapshots
BEGIN
  INSERT OR REPLACE INTO report_latest (template_id, kind, unit, latest_id, latest_version, counted_id, counted_version,
      approved_id, approved_version, changed_at)
    SELECT NEW.template_id, NEW.kind, NEW.unit, NEW.id, NEW.version, NEW.id, NEW.version,
      (SELECT approved_id FROM report_latest WHERE template_id = NEW.template_id AND kind = NEW.kind AND unit = NEW.unit),
      (SELECT approved_version FROM report_latest WHERE template_id = NEW.template_id AND kind = NEW.kind AND unit = NEW.unit),
      MAX(NEW.created_at, COALESCE((SELECT changed_at FROM report_latest
        WHERE template_id = NEW.template_id AND kind = NEW.kind AND unit = NEW.unit), ''));
END;

-- A review changes which versions count: the report's newest version whose latest review is not
-- "returned", and its newest whose latest review is "approved", are found again (newest first).
CREATE TRIGGER report_latest_review AFTER INSERT ON reviews
BEGIN
  UPDATE report_latest SET
    counted_id = (SELECT s.id FROM snapshots s WHERE s.template_id = report_latest.template_id
        AND s.kind = report_latest.kind AND s.unit = report_latest.unit
        AND (SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id
          ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1) IS NOT 'returned'
        ORDER BY s.version DESC LIMIT 1),
    approved_id = (SELECT s.id FROM snapshots s WHERE s.template_id = report_latest.template_id
        AND s.kind = report_latest.kind AND s.unit = report_latest.unit
        AND (SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id
          ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1) = 'approved'
        ORDER BY s.version DESC LIMIT 1),
    changed_at = MAX(changed_at, NEW.created_at)
  WHERE (template_id, kind, unit) = (SELECT template_id, kind, unit FROM snapshots WHERE id = NEW.snapshot_id);
  UPDATE report_latest SET
    counted_version = (SELECT version FROM snapshots WHERE id = report_latest.counted_id),
    approved_version = (SELECT version FROM snapshots WHERE id = report_latest.approved_id)
  WHERE (template_id, kind, unit) = (SELECT template_id, kind, unit FROM snapshots WHERE id = NEW.snapshot_id);
END;

-- Snapshots and reviews are never updated or deleted (decision 0006). Should a row be changed all
-- the same (by hand, or a test moving a row in time), its report is answered by probes from then
-- on (changed_at far in the future), and every cached answer is dropped ('history' moves).
CREATE TRIGGER report_latest_snapshot_edit AFTER UPDATE ON snapshots
BEGIN
  UPDATE report_latest SET changed_at = '9999-12-31T23:59:59.999Z'
    WHERE template_id = OLD.template_id AND kind = OLD.kind AND unit = OLD.unit;
  UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'history';
END;
CREATE TRIGGER report_latest_snapshot_delete AFTER DELETE ON snapshots
BEGIN
  UPDATE report_latest SET changed_at = '9999-12-31T23:59:59.999Z'
    WHERE template_id = OLD.template_id AND kind = OLD.kind AND unit = OLD.unit;
  UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'history';
END;
CREATE TRIGGER report_latest_review_edit AFTER UPDATE ON reviews
BEGIN
  UPDATE report_latest SET changed_at = '9999-12-31T23:59:59.999Z'
    WHERE (template_id, kind, unit) IN (SELECT template_id, kind, unit FROM snapshots WHERE id IN (OLD.snapshot_id, NEW.snapshot_id));
  UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'history';
END;
CREATE TRIGGER report_latest_review_delete AFTER DELETE ON reviews
BEGIN
  UPDATE report_latest SET changed_at = '9999-12-31T23:59:59.999Z'
    WHERE (template_id, kind, unit) = (SELECT template_id, kind, unit FROM snapshots WHERE id = OLD.snapshot_id);
  UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'history';
END;

-- Every change to stored templates or to the units' structure (units, parents, names,
-- successions) moves its counter, in the same transaction as the change.
CREATE TRIGGER generation_templates_insert AFTER INSERT ON templates
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'templates'; END;
CREATE TRIGGER generation_templates_update AFTER UPDATE ON templates
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'templates'; END;
CREATE TRIGGER generation_templates_delete AFTER DELETE ON templates
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'templates'; END;
CREATE TRIGGER generation_units_insert AFTER INSERT ON units
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_units_update AFTER UPDATE ON units
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_units_delete AFTER DELETE ON units
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_parents_insert AFTER INSERT ON unit_parents
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_parents_update AFTER UPDATE ON unit_parents
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_parents_delete AFTER DELETE ON unit_parents
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_names_insert AFTER INSERT ON unit_names
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_names_update AFTER UPDATE ON unit_names
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_names_delete AFTER DELETE ON unit_names
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_successions_insert AFTER INSERT ON unit_successions
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_successions_update AFTER UPDATE ON unit_successions
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;
CREATE TRIGGER generation_unit_successions_delete AFTER DELETE ON unit_successions
BEGIN UPDATE generations SET n = lower(hex(randomblob(8))) WHERE name = 'structure'; END;

-- Reports stored before this migration: their row, as the triggers would have kept it.
INSERT INTO report_latest (template_id, kind, unit, latest_id, latest_version, counted_id, counted_version,
    approved_id, approved_version, changed_at)
  SELECT k.template_id, k.kind, k.unit,
    (SELECT s.id FROM snapshots s WHERE s.template_id = k.template_id AND s.kind = k.kind AND s.unit = k.unit
      ORDER BY s.version DESC LIMIT 1),
    k.latest_version,
    (SELECT s.id FROM snapshots s WHERE s.template_id = k.template_id AND s.kind = k.kind AND s.unit = k.unit
      AND (SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)
        IS NOT 'returned' ORDER BY s.version DESC LIMIT 1),
    NULL,
    (SELECT s.id FROM snapshots s WHERE s.template_id = k.template_id AND s.kind = k.kind AND s.unit = k.unit
      AND (SELECT r.decision FROM reviews r WHERE r.snapshot_id = s.id ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)
        = 'approved' ORDER BY s.version DESC LIMIT 1),
    NULL,
    MAX(k.created_at, COALESCE((SELECT MAX(r.created_at) FROM reviews r JOIN snapshots s ON s.id = r.snapshot_id
      WHERE s.template_id = k.template_id AND s.kind = k.kind AND s.unit = k.unit), ''))
  FROM (SELECT template_id, kind, unit, MAX(version) AS latest_version, MAX(created_at) AS created_at
    FROM snapshots GROUP BY template_id, kind, unit) k;
UPDATE report_latest SET
  counted_version = (SELECT version FROM snapshots WHERE id = report_latest.counted_id),
  approved_version = (SELECT version FROM snapshots WHERE id = report_latest.approved_id);
