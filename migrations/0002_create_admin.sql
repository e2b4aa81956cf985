-- Administrator tokens: 256-bit bearer secrets stored only as SHA-256 hashes. Each acts
-- with one role on one region and everything below it.
CREATE TABLE admin_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  region_code TEXT NOT NULL REFERENCES regions(code),
  label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 200),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Audit log: who (token id, or `cli:…` for the command line), what, when, a summary.
-- Written in the same batch as the write it records; append-only by construction.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  region_code TEXT,
  summary TEXT NOT NULL CHECK (length(summary) <= 2000),
  created_at TEXT NOT NULL
);
CREATE INDEX audit_log_region ON audit_log (region_code, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Idempotency keys of admin writes: the first response is stored with a hash of the
-- request, in the same batch as the write, so a retry replays it and writes nothing.
CREATE TABLE idempotency_keys (
  token_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_id, idempotency_key)
);

-- Conditional writes inside one batch: inserting `changes()` of the previous statement
-- aborts the whole batch (and so rolls back everything in it) when that statement
-- changed nothing — e.g. a status transition whose WHERE status = ? no longer matched.
CREATE VIEW write_guard AS SELECT 1 AS changed;
CREATE TRIGGER write_guard_check INSTEAD OF INSERT ON write_guard
WHEN NEW.changed = 0
BEGIN SELECT RAISE(ABORT, 'write_guard: the previous statement changed no rows'); END;
