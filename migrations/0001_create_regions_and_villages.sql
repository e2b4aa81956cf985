-- Regions: China's 12-digit statistical division codes (统计用区划代码).
-- Descendants of a region share its code prefix, so "region and everything below it"
-- is a range scan on the primary key (see worker/domain/region-codes.ts).
CREATE TABLE regions (
  code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
  parent_code TEXT REFERENCES regions(code),
  level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
  name_zh TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
);
CREATE INDEX regions_parent ON regions (parent_code, code);
CREATE INDEX regions_level ON regions (level, code);

-- Village poverty status: designated poor in a year (or never), exited in a year (or not yet).
CREATE TABLE village_status (
  village_code TEXT PRIMARY KEY NOT NULL REFERENCES regions(code),
  designated_year INTEGER CHECK (designated_year BETWEEN 1980 AND 2100),
  exit_year INTEGER CHECK (exit_year BETWEEN 1980 AND 2100),
  status TEXT NOT NULL CHECK (status IN ('not_designated', 'poor', 'exited')),
  CHECK ((status = 'not_designated') = (designated_year IS NULL)),
  CHECK ((status = 'exited') = (exit_year IS NOT NULL)),
  CHECK (exit_year IS NULL OR exit_year >= designated_year)
);
-- Every documented filter of /api/v1/villages has an index ending in the paging key.
CREATE INDEX village_status_status ON village_status (status, village_code);
CREATE INDEX village_status_designated ON village_status (designated_year, village_code);
CREATE INDEX village_status_exit ON village_status (exit_year, village_code);

-- Official figures (公告 statistics): totals an authority already announced, published
-- exactly as announced with their source (privacy.md, "two kinds of figures").
CREATE TABLE sources (
  id TEXT PRIMARY KEY NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  issuer TEXT NOT NULL,
  published_on TEXT NOT NULL CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  url TEXT,
  reference TEXT
);

CREATE TABLE official_figures (
  id INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  period_from INTEGER NOT NULL CHECK (period_from <= year),
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  note_zh TEXT,
  note_en TEXT,
  source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE INDEX official_figures_region ON official_figures (region_code, id);
CREATE INDEX official_figures_year ON official_figures (year, id);
CREATE INDEX official_figures_metric ON official_figures (metric, id);

-- Each dataset's version: bumped by every write to it; the ETag of its responses.
CREATE TABLE dataset_versions (
  dataset TEXT PRIMARY KEY NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
