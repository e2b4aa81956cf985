-- Issue 13: citable snapshots. A snapshot is a Frictionless Data Package (v2) of every
-- public dataset — datapackage.json and one CSV per resource — stored in R2 (binding
-- SNAPSHOTS) and described here once it is complete. Its package hash (SHA-256 of the
-- datapackage.json bytes, which list every file's SHA-256 and size) is appended to the
-- transparency ledger in the same batch as this row, so "snapshot N, hash H" can be proven.
-- Rows are written once: a snapshot is never changed, only superseded by a newer one.
CREATE TABLE snapshots (
  -- Snapshot N, as a story cites it: 1, 2, 3, … in the order they were recorded.
  id INTEGER PRIMARY KEY NOT NULL CHECK (id >= 1),
  created_at TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('cron', 'admin')),
  -- Where its files are in R2 (a random prefix per build, so a build that lost a race
  -- never overwrites the winner's files).
  storage_prefix TEXT NOT NULL UNIQUE,
  package_hash TEXT NOT NULL CHECK (length(package_hash) = 64 AND package_hash NOT GLOB '*[^0-9a-f]*'),
  package_bytes INTEGER NOT NULL CHECK (package_bytes > 0),
  resource_count INTEGER NOT NULL CHECK (resource_count >= 1),
  total_bytes INTEGER NOT NULL CHECK (total_bytes > 0),
  -- The dataset versions the files were read at (JSON object): the next build is skipped
  -- when nothing changed.
  versions TEXT NOT NULL,
  ledger_index INTEGER NOT NULL UNIQUE CHECK (ledger_index >= 0),
  build_ms INTEGER NOT NULL CHECK (build_ms >= 0)
);

CREATE TABLE snapshot_resources (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
  name TEXT NOT NULL CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'),
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  PRIMARY KEY (snapshot_id, name)
) WITHOUT ROWID;

CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots BEGIN SELECT RAISE(ABORT, 'snapshots are written once'); END;
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots BEGIN SELECT RAISE(ABORT, 'snapshots are written once'); END;
CREATE TRIGGER snapshot_resources_no_update BEFORE UPDATE ON snapshot_resources BEGIN SELECT RAISE(ABORT, 'snapshots are written once'); END;
CREATE TRIGGER snapshot_resources_no_delete BEFORE DELETE ON snapshot_resources BEGIN SELECT RAISE(ABORT, 'snapshots are written once'); END;
