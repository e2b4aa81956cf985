-- Issue 15 §2: edge households (边缘易致贫户) and unstable exited households (脱贫不稳定户) as
-- figures of their own, next to monitored_households (their sum, kept for compatibility).
-- Stored already published like every register figure (R2: 0, -1 band, -2 withheld, or a
-- multiple of 5 from 10). Rows of releases imported before this migration get -2: their
-- figures were never computed, so they read `withheld` until the region-year is imported again.
ALTER TABLE register_statistics ADD COLUMN edge_households INTEGER NOT NULL DEFAULT -2 CHECK (edge_households IN (-1, -2) OR edge_households = 0 OR (edge_households >= 10 AND edge_households % 5 = 0));
ALTER TABLE register_statistics ADD COLUMN edge_people INTEGER NOT NULL DEFAULT -2 CHECK (edge_people IN (-1, -2) OR edge_people = 0 OR (edge_people >= 10 AND edge_people % 5 = 0));
ALTER TABLE register_statistics ADD COLUMN unstable_households INTEGER NOT NULL DEFAULT -2 CHECK (unstable_households IN (-1, -2) OR unstable_households = 0 OR (unstable_households >= 10 AND unstable_households % 5 = 0));
ALTER TABLE register_statistics ADD COLUMN unstable_people INTEGER NOT NULL DEFAULT -2 CHECK (unstable_people IN (-1, -2) OR unstable_people = 0 OR (unstable_people >= 10 AND unstable_people % 5 = 0));
