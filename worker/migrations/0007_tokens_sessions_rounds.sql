-- Issue 17 (points 4 and 5): tokens that expire and record their last use, sessions for the
-- pages' sign-in, and reporting rounds with their deadlines.

-- A token may carry an expiry (an instant, UTC); NULL: valid until revoked. last_used_at is
-- written at most once a minute per token (worker/db/tokens.ts), never on every request.
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;

-- A page's sign-in: the cookie carries a random session id, stored here only as its SHA-256.
-- token_id is the token signed in with (tokens.id, or 'admin-env' for the bootstrap token):
-- revoking or expiring that token ends its sessions too. A session lives 12 hours (decision 0009).
CREATE TABLE sessions (
  hash       TEXT PRIMARY KEY,
  token_id   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_token ON sessions (token_id);

-- A reporting round: a template's report kind for one of its periods, due by `deadline` (a date:
-- the end of that day in Vietnam time). `opens` (a date, optional): versions stored before the
-- start of that day in Vietnam time do not count for the round. `units`: a JSON array of unit codes
-- expected in this round; NULL means the template's expected_units.
CREATE TABLE rounds (
  template_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  period      TEXT NOT NULL,
  deadline    TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  opens       TEXT CHECK (opens IS NULL OR opens GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  units       TEXT CHECK (units IS NULL OR json_type(units) = 'array'),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (template_id, kind, period)
);
