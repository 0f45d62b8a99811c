-- Units that submit or read reports: the province, its districts and departments.
-- Never edit a merged migration; add the next numbered file instead.
CREATE TABLE units (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  kind    TEXT NOT NULL,
  parent  TEXT REFERENCES units(code),
  coastal INTEGER NOT NULL DEFAULT 0 CHECK (coastal IN (0, 1))
);

CREATE INDEX units_parent ON units(parent);
