-- Console staff (issue 12): named accounts with a role and a region scope, like API tokens,
-- but held by a person who signs in with a passkey. No password column exists anywhere.
CREATE TABLE staff (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  region_code TEXT NOT NULL REFERENCES regions(code),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX staff_region ON staff (region_code, id);

-- One-time invitation links: 256 random bits in the link, only their SHA-256 here. Single
-- use (used_at is set by a conditional UPDATE behind the write guard) and 72 h long.
CREATE TABLE staff_invitations (
  id TEXT PRIMARY KEY NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_by TEXT NOT NULL
);
CREATE INDEX staff_invitations_staff ON staff_invitations (staff_id);

-- Passkeys (WebAuthn credentials): the credential id and COSE public key, both base64url,
-- and the signature counter the authenticator reports (a clone shows as a counter that
-- does not grow).
CREATE TABLE staff_passkeys (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 16 AND 1400),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  public_key TEXT NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0 CHECK (counter >= 0),
  transports TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 100),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id);

-- WebAuthn challenges: random, short-lived, used once. Keyed by the SHA-256 of the challenge
-- the browser signs, so the ceremony needs no cookie before sign-in.
CREATE TABLE webauthn_challenges (
  challenge_hash TEXT PRIMARY KEY NOT NULL CHECK (length(challenge_hash) = 64),
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  invitation_id TEXT REFERENCES staff_invitations(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);
