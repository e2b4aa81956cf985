-- Issue 12, optional Cloudflare Access: when the console sits behind Access (ACCESS_TEAM_DOMAIN
-- and ACCESS_AUD set), the signed identity Access adds to each request can start a console
-- session. Its e-mail address is mapped to a staff account here (lower case, one account each);
-- an account without one can sign in only with its passkey.
ALTER TABLE staff ADD COLUMN access_email TEXT CHECK (access_email IS NULL OR (access_email = lower(access_email) AND length(access_email) BETWEEN 3 AND 254 AND access_email LIKE '%_@_%'));
CREATE UNIQUE INDEX staff_access_email ON staff (access_email) WHERE access_email IS NOT NULL;

-- A session started from Access has no passkey: passkey_id becomes optional and `method` says
-- how the session began. SQLite cannot drop NOT NULL in place, so the table is rebuilt (the
-- documented D1 way; nothing references staff_sessions).
PRAGMA defer_foreign_keys = true;
CREATE TABLE staff_sessions_rebuilt (
  id_hash TEXT PRIMARY KEY NOT NULL CHECK (length(id_hash) = 64),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  method TEXT NOT NULL DEFAULT 'passkey' CHECK (method IN ('passkey', 'access')),
  passkey_id TEXT REFERENCES staff_passkeys(id),
  csrf_token TEXT NOT NULL CHECK (length(csrf_token) >= 32),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('signed_out', 'staff_revoked', 'passkey_revoked')),
  CHECK ((method = 'passkey') = (passkey_id IS NOT NULL))
);
INSERT INTO staff_sessions_rebuilt (id_hash, staff_id, method, passkey_id, csrf_token, created_at, last_seen_at, expires_at, ended_at, end_reason)
SELECT id_hash, staff_id, 'passkey', passkey_id, csrf_token, created_at, last_seen_at, expires_at, ended_at, end_reason FROM staff_sessions;
DROP TABLE staff_sessions;
ALTER TABLE staff_sessions_rebuilt RENAME TO staff_sessions;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id, ended_at);
CREATE INDEX staff_sessions_passkey ON staff_sessions (passkey_id, ended_at);
PRAGMA defer_foreign_keys = false;
