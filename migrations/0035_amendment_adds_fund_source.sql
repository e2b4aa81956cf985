-- Issue 12: a project amendment may add a fund source the project did not have. Budget lines
-- are written once (migration 0006), so the new line is a new fund_project_sources row of
-- 0 fen (its own `project_budget` ledger entry) plus the amendment's change 0 → amount
-- (fund_project_budget_amendments), like any other change of a line. The row names the
-- amendment that added it; NULL for the lines the project was created with. ledger:verify
-- reads its recorded time from that amendment.
ALTER TABLE fund_project_sources ADD COLUMN amendment_id TEXT REFERENCES fund_project_amendments(id);
