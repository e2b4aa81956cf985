-- Which disclosure gate and rules produced a release's published tables (issue 16, joint gate
-- ON plumbing). A release published under an older gate or rules version (before migration
-- 0032's edge/unstable metrics, or under the per-metric gate) reads `withheld` for what the
-- newer rules publish; sending its file again republishes it (writes/register-imports.ts
-- releaseTarget) instead of answering `unchanged`.
--   disclosure_gate: 'per-metric' (protect.ts alone) or 'joint' (joint-protect.ts at import);
--   disclosure_rules: the rules version (DISCLOSURE_RULES_VERSION), 0 = before it was recorded.
-- Existing rows are the old gate: per-metric, rules 0 (the column defaults). Every import
-- writes both explicitly.
ALTER TABLE register_releases ADD COLUMN disclosure_gate TEXT NOT NULL DEFAULT 'per-metric' CHECK (disclosure_gate IN ('per-metric', 'joint'));
ALTER TABLE register_releases ADD COLUMN disclosure_rules INTEGER NOT NULL DEFAULT 0 CHECK (disclosure_rules >= 0);
-- Imports under way (a staged release, written before the gate runs): the statistics API and
-- /api/v1/health say which region-years are being checked. Partial, so it holds only those.
CREATE INDEX register_releases_staging ON register_releases (created_at) WHERE status = 'staging';
