-- Reporting: templates, access tokens, immutable snapshots, reviews, locks, published
-- consolidated reports and the audit log. Snapshots are never updated or deleted: their
-- status is the latest review's decision.

-- Validity dates let units after the 2025 reform be added as data.
ALTER TABLE units ADD COLUMN valid_from TEXT;
ALTER TABLE units ADD COLUMN valid_to TEXT;

CREATE TABLE templates (
  id         TEXT NOT NULL,
  version    INTEGER NOT NULL,
  definition TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

-- Units expected to report on a template (the status board).
CREATE TABLE expected_units (
  template_id TEXT NOT NULL,
  unit        TEXT NOT NULL REFERENCES units(code),
  PRIMARY KEY (template_id, unit)
);

CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('submitter', 'reviewer', 'leader', 'admin')),
  unit       TEXT REFERENCES units(code),
  label      TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((role = 'submitter') = (unit IS NOT NULL))
);

CREATE TABLE snapshots (
  id               TEXT PRIMARY KEY,
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  unit             TEXT NOT NULL REFERENCES units(code),
  kind             TEXT NOT NULL CHECK (kind IN ('plan', 'execution')),
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
  UNIQUE (template_id, unit, kind, version)
);
CREATE UNIQUE INDEX snapshots_idempotency ON snapshots (created_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX snapshots_report ON snapshots (template_id, kind, unit, version);

CREATE TABLE reviews (
  id          TEXT PRIMARY KEY,
  snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
  decision    TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
  comment     TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX reviews_snapshot ON reviews (snapshot_id, created_at);

CREATE TABLE locks (
  template_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  period      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  PRIMARY KEY (template_id, kind, period)
);

CREATE TABLE published (
  id          TEXT PRIMARY KEY,
  template_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  basis       TEXT NOT NULL,
  as_of       TEXT NOT NULL,
  body        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);

CREATE TABLE audit (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  role       TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  detail     TEXT NOT NULL DEFAULT '{}'
);
