-- Console sessions: the cookie holds 256 random bits; only their SHA-256 is stored. A session
-- ends at its absolute expiry (12 h after sign-in), after 30 min without a request, when it
-- is signed out, or at once when its account or its passkey is revoked (ended_at is set in
-- the same batch as the revocation).
CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY NOT NULL CHECK (length(id_hash) = 64),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  passkey_id TEXT NOT NULL REFERENCES staff_passkeys(id),
  csrf_token TEXT NOT NULL CHECK (length(csrf_token) >= 32),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('signed_out', 'staff_revoked', 'passkey_revoked'))
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id, ended_at);
CREATE INDEX staff_sessions_passkey ON staff_sessions (passkey_id, ended_at);
