-- Issue 14: report kinds are a template's own data (`template.kinds`), not a fixed pair, so the
-- CHECK (kind IN ('plan', 'execution')) of migration 0002 goes: the Worker checks a kind against
-- its template before anything is stored (422 KIND_UNKNOWN). SQLite cannot drop a CHECK, so the
-- table is rebuilt (new table, copy, drop, rename) with every row, column and index kept.
-- Reviews reference snapshots(id): the check of that reference waits until the end of the
-- migration, when the rebuilt table holds every id again.
PRAGMA defer_foreign_keys = on;

CREATE TABLE snapshots_rebuilt (
  id               TEXT PRIMARY KEY,
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  unit             TEXT NOT NULL REFERENCES units(code),
  kind             TEXT NOT NULL,
  version          INTEGER NOT NULL,
  canonical        TEXT NOT NULL,
  sha256           TEXT NOT NULL,
  source           TEXT NOT NULL CHECK (source IN ('addin', 'upload', 'api')),
  file_key         TEXT,
  file_name        TEXT,
  warnings         TEXT NOT NULL DEFAULT '[]',
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  idempotency_key  TEXT,
  request_sha256   TEXT,
  UNIQUE (template_id, unit, kind, version)
);

INSERT INTO snapshots_rebuilt (id, template_id, template_version, unit, kind, version, canonical, sha256, source, file_key,
    file_name, warnings, created_at, created_by, idempotency_key, request_sha256)
  SELECT id, template_id, template_version, unit, kind, version, canonical, sha256, source, file_key,
    file_name, warnings, created_at, created_by, idempotency_key, request_sha256
  FROM snapshots;

DROP TABLE snapshots;
ALTER TABLE snapshots_rebuilt RENAME TO snapshots;

CREATE UNIQUE INDEX snapshots_idempotency ON snapshots (created_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX snapshots_report ON snapshots (template_id, kind, unit, version);
-- The storage quota counts one unit's snapshots of every kind under a template
-- (worker/db/quota.ts): read through this index, its cost follows that unit's rows only.
CREATE INDEX snapshots_unit ON snapshots (template_id, unit);

PRAGMA defer_foreign_keys = off;
