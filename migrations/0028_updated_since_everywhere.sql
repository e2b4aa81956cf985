-- Issue 13: `updated_since=` on every list. Rows carry `updated_at` (UTC, milliseconds),
-- stamped by the write that changes them; each list walks an index on (updated_at, key) from
-- the cursor on, as notices and fund projects do (migration 0026).
--
-- SQLite cannot add a NOT NULL column without a constant default: '' is that constant (it
-- sorts before every instant). Every write sets the column (the drizzle tables require it);
-- rows already stored get the time this migration ran, since no earlier change time was kept.

ALTER TABLE regions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE regions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE INDEX regions_updated ON regions (updated_at, code);

-- A village's row in /villages changes when its status, designation or exit changes.
ALTER TABLE village_status ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE village_status SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE INDEX village_status_updated ON village_status (updated_at, village_code);

ALTER TABLE official_figures ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE official_figures SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE INDEX official_figures_updated ON official_figures (updated_at, id);

-- A donation changes when it is allocated or reversed (its allocated and unallocated amounts,
-- its reversal). The money columns stay written once: the trigger now refuses an update of any
-- column but updated_at, which is a change stamp, not money (ledger:verify never reads it).
DROP TRIGGER donations_no_update;
ALTER TABLE donations ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE donations SET updated_at = max(
  recorded_at,
  coalesce((SELECT max(a.recorded_at) FROM donation_allocations a WHERE a.donation_id = donations.id), ''),
  coalesce((SELECT r.recorded_at FROM donation_reversals r WHERE r.donation_id = donations.id), '')
);
CREATE TRIGGER donations_no_update BEFORE UPDATE OF id, date, amount_fen, channel, donor_name, target_type, target_region, target_project, region_code, ledger_index, recorded_at, is_demo ON donations
BEGIN SELECT RAISE(ABORT, 'donations is written once (a reversal is a donation_reversals row)'); END;
CREATE INDEX donations_updated ON donations (updated_at, id);

-- Needs and contacts already stamp updated_at; accountability cases are written once, so
-- their recorded_at is their change time.
CREATE INDEX needs_updated ON needs (updated_at, id);
CREATE INDEX office_contacts_updated ON office_contacts (updated_at, id);
CREATE INDEX accountability_cases_recorded ON accountability_cases (recorded_at, id);

-- Register statistics change a release at a time: updated_since= selects the rows of active
-- releases activated at or after the instant (register_releases.activated_at), in the list's
-- own order, so no column is added to the register's rows.
