-- Issue 11: signing-key rotation and the recorded ledger cross-check.

-- Every key that ever signed tree heads, as transparency logs publish it: a key signs the
-- heads from `valid_from_size` on, until the next key's valid_from_size. The append that
-- first signs with a key registers it in the same batch (db/queries/ledger.ts), so the
-- history can never lag behind the heads. Append-only.
CREATE TABLE ledger_keys (
  key_id TEXT PRIMARY KEY NOT NULL CHECK (length(key_id) = 64),
  -- SubjectPublicKeyInfo DER, base64.
  public_key TEXT NOT NULL,
  valid_from_size INTEGER NOT NULL UNIQUE CHECK (valid_from_size >= 1),
  -- Timestamp (ms) of the first head this key signed.
  valid_from_timestamp INTEGER NOT NULL
);
CREATE TRIGGER ledger_keys_no_update BEFORE UPDATE ON ledger_keys
BEGIN SELECT RAISE(ABORT, 'ledger_keys is append-only'); END;
CREATE TRIGGER ledger_keys_no_delete BEFORE DELETE ON ledger_keys
BEGIN SELECT RAISE(ABORT, 'ledger_keys is append-only'); END;
-- A head must be signed by the key valid at its size (the newest key whose valid_from_size
-- is not above it). A new head is larger than every valid_from_size, so once a new key has
-- signed, an old one (a rolled-back secret) can no longer sign, and every tree size has
-- exactly one valid key; a restore (npm run db:restore) replays old heads with their own key.
CREATE TRIGGER ledger_heads_current_key BEFORE INSERT ON ledger_heads
WHEN NEW.key_id IS NOT (SELECT key_id FROM ledger_keys WHERE valid_from_size <= NEW.tree_size ORDER BY valid_from_size DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'ledger_key_retired: this signing key was replaced by a newer one; set LEDGER_SIGNING_KEY to the current key'); END;

-- Results of the scheduled cross-check (every public money row against its leaf, the
-- tree, the heads), newest shown by GET /api/v1/admin/ledger/verification.
CREATE TABLE ledger_checks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  checked_at TEXT NOT NULL,
  -- What ran it: the Cron Trigger (the only runner today).
  trigger TEXT NOT NULL CHECK (trigger IN ('cron')),
  tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
  root_hash TEXT,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  rows_checked INTEGER NOT NULL,
  problem_count INTEGER NOT NULL,
  -- The first mismatch as JSON ({kind, entry, table, row_id, field, message}), NULL when ok.
  first_problem TEXT,
  duration_ms INTEGER NOT NULL
);
