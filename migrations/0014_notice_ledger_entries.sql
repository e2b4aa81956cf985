-- Issue 13: a notice's fingerprint goes into the transparency ledger when the notice opens,
-- when it is corrected (superseded) and when its result is announced, in the same batch as
-- the status change (worker/writes/notices.ts). Each column names the entry that vouches for
-- that moment; ledger:verify recomputes the fingerprint from the row and its items and
-- compares it with the signed leaf (worker/ledger/rows.ts), so a notice changed in the
-- database after it opened is caught.
ALTER TABLE notices ADD COLUMN ledger_index INTEGER CHECK (ledger_index IS NULL OR ledger_index >= 0);
ALTER TABLE notices ADD COLUMN superseded_ledger_index INTEGER CHECK (superseded_ledger_index IS NULL OR superseded_ledger_index >= 0);
ALTER TABLE notices ADD COLUMN announced_ledger_index INTEGER CHECK (announced_ledger_index IS NULL OR announced_ledger_index >= 0);
-- One entry is claimed by one row; the verifier reads these by range (BETWEEN), an index range.
CREATE UNIQUE INDEX notices_ledger_index ON notices (ledger_index);
CREATE UNIQUE INDEX notices_superseded_ledger_index ON notices (superseded_ledger_index);
CREATE UNIQUE INDEX notices_announced_ledger_index ON notices (announced_ledger_index);
