-- Money rows are written once (issue 11, Open Collective's rule): a correction is a new
-- reversing row, and every running total is derived from the rows it sums. Until now
-- fund_project_sources and fund_projects kept counters that each write changed in place,
-- and a donation's reversal was an UPDATE of the donation row.

-- A donation's reversal is its own row (the ledger's donation_reversal leaf). One per
-- donation: the primary key refuses a second one even if two requests race.
CREATE TABLE donation_reversals (
  donation_id TEXT PRIMARY KEY NOT NULL REFERENCES donations(id),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen < 0),
  reason TEXT NOT NULL,
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL
);

-- Reversals written before this migration move to their own rows. The reversal's date was
-- kept only in its ledger leaf, which is where it is read from.
INSERT INTO donation_reversals (donation_id, date, amount_fen, reason, ledger_index, recorded_at)
SELECT d.id, json_extract(e.leaf, '$.date'), -d.amount_fen, d.reversal_reason, d.reversal_ledger_index, d.reversed_at
FROM donations d JOIN ledger_entries e ON e.idx = d.reversal_ledger_index
WHERE d.reversed_at IS NOT NULL;

-- The donations columns that were changed in place go. SQLite cannot drop a column a table
-- CHECK names, so the table is rebuilt (the documented D1 way: foreign keys deferred until
-- the end of the migration, when donation_allocations and donation_reversals point at the
-- rebuilt table under the same name).
PRAGMA defer_foreign_keys = true;
CREATE TABLE donations_rebuilt (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'don_*'),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  channel TEXT NOT NULL CHECK (channel IN ('bank_transfer', 'online', 'cash', 'in_kind')),
  donor_name TEXT CHECK (donor_name IS NULL OR length(donor_name) BETWEEN 1 AND 100),
  target_type TEXT NOT NULL CHECK (target_type IN ('general', 'region', 'project')),
  target_region TEXT REFERENCES regions(code),
  target_project TEXT REFERENCES fund_projects(id),
  region_code TEXT REFERENCES regions(code),
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  CHECK ((target_type = 'region') = (target_region IS NOT NULL)),
  CHECK ((target_type = 'project') = (target_project IS NOT NULL))
);
INSERT INTO donations_rebuilt (id, date, amount_fen, channel, donor_name, target_type, target_region, target_project, region_code, ledger_index, recorded_at, is_demo)
SELECT id, date, amount_fen, channel, donor_name, target_type, target_region, target_project, region_code, ledger_index, recorded_at, is_demo FROM donations;
DROP TABLE donations;
ALTER TABLE donations_rebuilt RENAME TO donations;
CREATE INDEX donations_date ON donations (date, id);
CREATE INDEX donations_region ON donations (region_code, date, id);
CREATE INDEX donations_project ON donations (target_project, date, id);
CREATE INDEX donations_target ON donations (target_type, date, id);

-- The counters of fund_project_sources and fund_projects go (dropped in dependency order:
-- each CHECK names the column before it). Their values are derived by the view below.
ALTER TABLE fund_project_sources DROP COLUMN receipted_fen;
ALTER TABLE fund_project_sources DROP COLUMN disbursed_fen;
ALTER TABLE fund_project_sources DROP COLUMN allocated_fen;
ALTER TABLE fund_projects DROP COLUMN donated_fen;

-- Covering indexes: each derived total is one index range read, never a table scan.
CREATE INDEX fund_allocations_totals ON fund_allocations (project_id, source, amount_fen);
CREATE INDEX disbursements_totals ON disbursements (project_id, source, amount_fen, receipted_fen);
CREATE INDEX donation_allocations_project_totals ON donation_allocations (project_id, amount_fen);
CREATE INDEX donation_allocations_donation_totals ON donation_allocations (donation_id, amount_fen);

-- A project's budget line with the totals of the rows written against it. Reversing rows
-- carry negative amounts, so a plain sum is the net figure.
CREATE VIEW fund_source_totals AS
SELECT
  s.project_id AS project_id,
  s.source AS source,
  s.budget_fen AS budget_fen,
  (SELECT coalesce(sum(a.amount_fen), 0) FROM fund_allocations a WHERE a.project_id = s.project_id AND a.source = s.source) AS allocated_fen,
  (SELECT coalesce(sum(d.amount_fen), 0) FROM disbursements d WHERE d.project_id = s.project_id AND d.source = s.source) AS disbursed_fen,
  (SELECT coalesce(sum(d.receipted_fen), 0) FROM disbursements d WHERE d.project_id = s.project_id AND d.source = s.source) AS receipted_fen
FROM fund_project_sources s;

-- The database itself refuses to change or delete a money row once written. (Someone with
-- raw access can drop a trigger; `npm run ledger:verify` is what catches that.)
CREATE TRIGGER fund_project_sources_no_update BEFORE UPDATE ON fund_project_sources
BEGIN SELECT RAISE(ABORT, 'fund_project_sources is written once (a budget line is never edited)'); END;
CREATE TRIGGER fund_project_sources_no_delete BEFORE DELETE ON fund_project_sources
BEGIN SELECT RAISE(ABORT, 'fund_project_sources is written once (a budget line is never deleted)'); END;
CREATE TRIGGER fund_allocations_no_update BEFORE UPDATE ON fund_allocations
BEGIN SELECT RAISE(ABORT, 'fund_allocations is written once (correct by a reversing row)'); END;
CREATE TRIGGER fund_allocations_no_delete BEFORE DELETE ON fund_allocations
BEGIN SELECT RAISE(ABORT, 'fund_allocations is written once (correct by a reversing row)'); END;
CREATE TRIGGER disbursements_no_update BEFORE UPDATE ON disbursements
BEGIN SELECT RAISE(ABORT, 'disbursements is written once (correct by a reversing row)'); END;
CREATE TRIGGER disbursements_no_delete BEFORE DELETE ON disbursements
BEGIN SELECT RAISE(ABORT, 'disbursements is written once (correct by a reversing row)'); END;
CREATE TRIGGER donations_no_update BEFORE UPDATE ON donations
BEGIN SELECT RAISE(ABORT, 'donations is written once (a reversal is a donation_reversals row)'); END;
CREATE TRIGGER donations_no_delete BEFORE DELETE ON donations
BEGIN SELECT RAISE(ABORT, 'donations is written once (a reversal is a donation_reversals row)'); END;
CREATE TRIGGER donation_allocations_no_update BEFORE UPDATE ON donation_allocations
BEGIN SELECT RAISE(ABORT, 'donation_allocations is written once (correct by a reversing row)'); END;
CREATE TRIGGER donation_allocations_no_delete BEFORE DELETE ON donation_allocations
BEGIN SELECT RAISE(ABORT, 'donation_allocations is written once (correct by a reversing row)'); END;
CREATE TRIGGER donation_reversals_no_update BEFORE UPDATE ON donation_reversals
BEGIN SELECT RAISE(ABORT, 'donation_reversals is written once'); END;
CREATE TRIGGER donation_reversals_no_delete BEFORE DELETE ON donation_reversals
BEGIN SELECT RAISE(ABORT, 'donation_reversals is written once'); END;

PRAGMA defer_foreign_keys = false;
