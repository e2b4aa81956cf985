-- Issue 12: an administrator amends a funds project's budget or names with a public reason.
-- Money rows are written once (migration 0006), so an amendment is a new row, never an edit
-- of fund_project_sources: the current budget of a line is its original amount plus the
-- changes of its amendments (each line change stores the amount before and after it, and
-- `npm run ledger:verify` checks that each "before" is what the earlier rows add up to).
CREATE TABLE fund_project_amendments (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'pam_*'),
  project_id TEXT NOT NULL REFERENCES fund_projects(id),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  reason_zh TEXT NOT NULL CHECK (length(reason_zh) BETWEEN 1 AND 500),
  reason_en TEXT CHECK (reason_en IS NULL OR length(reason_en) BETWEEN 1 AND 1000),
  -- Names before and after; all NULL when the amendment changes only the budget.
  previous_name_zh TEXT,
  name_zh TEXT,
  previous_name_en TEXT,
  name_en TEXT,
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  CHECK ((name_zh IS NULL) = (previous_name_zh IS NULL)),
  CHECK ((name_en IS NULL) = (previous_name_en IS NULL))
);
CREATE INDEX fund_project_amendments_project ON fund_project_amendments (project_id, ledger_index);

-- One row per budget line an amendment changes, with its own ledger entry.
CREATE TABLE fund_project_budget_amendments (
  amendment_id TEXT NOT NULL REFERENCES fund_project_amendments(id),
  project_id TEXT NOT NULL REFERENCES fund_projects(id),
  source TEXT NOT NULL,
  previous_budget_fen INTEGER NOT NULL CHECK (previous_budget_fen >= 0),
  budget_fen INTEGER NOT NULL CHECK (budget_fen >= 0),
  ledger_index INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (amendment_id, source),
  CHECK (budget_fen <> previous_budget_fen)
);
-- Covering index: the view below sums a line's changes with one index range read.
CREATE INDEX fund_project_budget_amendments_line ON fund_project_budget_amendments (project_id, source, budget_fen, previous_budget_fen);

CREATE TRIGGER fund_project_amendments_no_update BEFORE UPDATE ON fund_project_amendments
BEGIN SELECT RAISE(ABORT, 'fund_project_amendments is written once (amend again instead)'); END;
CREATE TRIGGER fund_project_amendments_no_delete BEFORE DELETE ON fund_project_amendments
BEGIN SELECT RAISE(ABORT, 'fund_project_amendments is written once (amend again instead)'); END;
CREATE TRIGGER fund_project_budget_amendments_no_update BEFORE UPDATE ON fund_project_budget_amendments
BEGIN SELECT RAISE(ABORT, 'fund_project_budget_amendments is written once (amend again instead)'); END;
CREATE TRIGGER fund_project_budget_amendments_no_delete BEFORE DELETE ON fund_project_budget_amendments
BEGIN SELECT RAISE(ABORT, 'fund_project_budget_amendments is written once (amend again instead)'); END;

-- The line's budget is now its original amount plus its amendments' changes.
DROP VIEW fund_source_totals;
CREATE VIEW fund_source_totals AS
SELECT
  s.project_id AS project_id,
  s.source AS source,
  s.budget_fen + (SELECT coalesce(sum(b.budget_fen - b.previous_budget_fen), 0) FROM fund_project_budget_amendments b WHERE b.project_id = s.project_id AND b.source = s.source) AS budget_fen,
  (SELECT coalesce(sum(a.amount_fen), 0) FROM fund_allocations a WHERE a.project_id = s.project_id AND a.source = s.source) AS allocated_fen,
  (SELECT coalesce(sum(d.amount_fen), 0) FROM disbursements d WHERE d.project_id = s.project_id AND d.source = s.source) AS disbursed_fen,
  (SELECT coalesce(sum(d.receipted_fen), 0) FROM disbursements d WHERE d.project_id = s.project_id AND d.source = s.source) AS receipted_fen
FROM fund_project_sources s;
