-- Issue 11: the ledger vouches for every public money row, including a project's budget
-- by fund source. Each budget line names its `project_budget` ledger entry, which
-- `npm run ledger:verify` compares with the row field by field. Lines recorded before this
-- migration have none and are reported by the verifier as rows without a leaf.
ALTER TABLE fund_project_sources ADD COLUMN ledger_index INTEGER;
CREATE UNIQUE INDEX fund_project_sources_ledger_index ON fund_project_sources (ledger_index);
