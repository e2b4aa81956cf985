-- Household register (建档立卡) imports under the disclosure rules of privacy.md.
-- R1: no identifier is stored. A household is its keyed pseudonym; names and ID numbers
-- are dropped while the file is read (worker/domain/register-import/parse.ts).

-- One import of a register file for a scope (a county or a region above) and a year.
-- A new file for the same scope and year is written under a new release id while the old
-- one stays active; one final batch switches `status` (the active pointer), then the
-- superseded release's rows are deleted. At most one active release per scope and year.
CREATE TABLE register_releases (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'rel_*'),
  scope_code TEXT NOT NULL REFERENCES regions(code),
  year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  -- SHA-256 of the file's text: the same file again is recognised and writes nothing.
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  status TEXT NOT NULL CHECK (status IN ('staging', 'active', 'superseded')),
  -- Token id (tok_…) of the administrator, or `cli:local` / `demo` for local loads.
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  activated_at TEXT,
  households INTEGER NOT NULL CHECK (households >= 0),
  people INTEGER NOT NULL CHECK (people >= 0),
  villages INTEGER NOT NULL CHECK (villages >= 0),
  statistics_rows INTEGER NOT NULL CHECK (statistics_rows >= 0),
  withheld_figures INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX register_releases_active ON register_releases (scope_code, year) WHERE status = 'active';
CREATE INDEX register_releases_scope ON register_releases (scope_code, year, status);

-- Households of a release: pseudonym (80-bit HMAC, base32) and the facts the statistics use.
CREATE TABLE register_households (
  release_id TEXT NOT NULL REFERENCES register_releases(id),
  pseudonym TEXT NOT NULL CHECK (length(pseudonym) = 16 AND pseudonym NOT GLOB '*[^A-Z2-7]*'),
  village_code TEXT NOT NULL REFERENCES regions(code),
  household_size INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 50),
  cause TEXT NOT NULL CHECK (cause IN ('illness', 'disability', 'schooling', 'disaster', 'lack_of_labour', 'lack_of_capital', 'lack_of_skills', 'lack_of_land', 'lack_of_water', 'poor_transport', 'lack_of_motivation', 'other')),
  -- Assistance measures, ';'-separated codes (industry;employment…), possibly empty.
  measures TEXT NOT NULL,
  identified_year INTEGER NOT NULL CHECK (identified_year BETWEEN 1980 AND 2100),
  exit_year INTEGER CHECK (exit_year IS NULL OR exit_year >= identified_year),
  returned_year INTEGER CHECK (returned_year IS NULL OR (exit_year IS NOT NULL AND returned_year >= exit_year)),
  monitoring TEXT NOT NULL CHECK (monitoring IN ('none', 'edge', 'monitored')),
  PRIMARY KEY (release_id, pseudonym)
) WITHOUT ROWID;
CREATE INDEX register_households_village ON register_households (release_id, village_code);

-- Register-derived statistics, computed once per import (R5) and stored already published:
-- each figure is its R2 value (0, or a multiple of 5 of at least 10), -1 for the band 1–7
-- or -2 when withheld (secondary suppression). No unrounded count is ever stored here;
-- the CHECKs refuse one. GET /api/v1/statistics/register reads these rows directly.
CREATE TABLE register_statistics (
  release_id TEXT NOT NULL REFERENCES register_releases(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  level TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
  region_code TEXT NOT NULL CHECK (length(region_code) = 12),
  breakdown TEXT NOT NULL CHECK (breakdown IN ('none', 'cause', 'measure', 'household_size')),
  category TEXT NOT NULL,
  registered_households INTEGER NOT NULL CHECK (registered_households IN (-1, -2) OR registered_households = 0 OR (registered_households >= 10 AND registered_households % 5 = 0)),
  registered_people INTEGER NOT NULL CHECK (registered_people IN (-1, -2) OR registered_people = 0 OR (registered_people >= 10 AND registered_people % 5 = 0)),
  exited_households INTEGER NOT NULL CHECK (exited_households IN (-1, -2) OR exited_households = 0 OR (exited_households >= 10 AND exited_households % 5 = 0)),
  exited_people INTEGER NOT NULL CHECK (exited_people IN (-1, -2) OR exited_people = 0 OR (exited_people >= 10 AND exited_people % 5 = 0)),
  newly_identified_households INTEGER NOT NULL CHECK (newly_identified_households IN (-1, -2) OR newly_identified_households = 0 OR (newly_identified_households >= 10 AND newly_identified_households % 5 = 0)),
  newly_identified_people INTEGER NOT NULL CHECK (newly_identified_people IN (-1, -2) OR newly_identified_people = 0 OR (newly_identified_people >= 10 AND newly_identified_people % 5 = 0)),
  returned_households INTEGER NOT NULL CHECK (returned_households IN (-1, -2) OR returned_households = 0 OR (returned_households >= 10 AND returned_households % 5 = 0)),
  returned_people INTEGER NOT NULL CHECK (returned_people IN (-1, -2) OR returned_people = 0 OR (returned_people >= 10 AND returned_people % 5 = 0)),
  monitored_households INTEGER NOT NULL CHECK (monitored_households IN (-1, -2) OR monitored_households = 0 OR (monitored_households >= 10 AND monitored_households % 5 = 0)),
  monitored_people INTEGER NOT NULL CHECK (monitored_people IN (-1, -2) OR monitored_people = 0 OR (monitored_people >= 10 AND monitored_people % 5 = 0)),
  -- R4 at the storage level: no health category below township.
  CHECK (level <> 'village' OR NOT ((breakdown = 'cause' AND category IN ('illness', 'disability')) OR (breakdown = 'measure' AND category = 'health'))),
  PRIMARY KEY (release_id, level, breakdown, region_code, category)
) WITHOUT ROWID;
-- The two shapes of GET /statistics/register: a region range (all years) and a region
-- range within one year; both end in the keyset order (region_code, year, category).
CREATE INDEX register_statistics_region ON register_statistics (level, breakdown, region_code, year, category);
CREATE INDEX register_statistics_year ON register_statistics (level, breakdown, year, region_code, category);
