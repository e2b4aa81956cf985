-- Who answers for each village (issue 15 §4): the first secretary and the resident work team
-- of a village, the responsible office of a township and of a county, each with the office
-- phone its office published and the date an administrator last confirmed it. Written only
-- through worker/writes/contacts.ts (one region's list replaced at once, audited); read by
-- GET /api/v1/contacts and the village page.
CREATE TABLE office_contacts (
  id INTEGER PRIMARY KEY NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  -- first_secretary / work_team: a village's; township_office: a township's; county_office: a county's.
  role TEXT NOT NULL CHECK (role IN ('first_secretary', 'work_team', 'township_office', 'county_office')),
  -- The person as the office published them; NULL for an office's own line.
  name_zh TEXT CHECK (name_zh IS NULL OR length(name_zh) BETWEEN 1 AND 40),
  name_en TEXT CHECK (name_en IS NULL OR length(name_en) BETWEEN 1 AND 80),
  position_zh TEXT CHECK (position_zh IS NULL OR length(position_zh) BETWEEN 1 AND 60),
  position_en TEXT CHECK (position_en IS NULL OR length(position_en) BETWEEN 1 AND 120),
  -- The office (for a first secretary and the work team: the unit that sent them).
  office_zh TEXT NOT NULL CHECK (length(office_zh) BETWEEN 1 AND 100),
  office_en TEXT CHECK (office_en IS NULL OR length(office_en) BETWEEN 1 AND 200),
  -- Landline with area code (0553-6812345, optional -extension), an 11-digit mobile, or a
  -- 5-digit service number (12317); worker/contacts/phone.ts is the rule, this the backstop.
  phone TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 20 AND phone NOT GLOB '*[^0-9-]*'),
  confirmed_on TEXT NOT NULL CHECK (confirmed_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  -- Listing order within a region as the office publishes it (secretary first, then the team).
  list_order INTEGER NOT NULL CHECK (list_order BETWEEN 1 AND 50),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  updated_at TEXT NOT NULL,
  UNIQUE (region_code, list_order)
);
-- ?region= (a region and below) and ?for= (a region and its parents: IN on the codes) page by id.
CREATE INDEX office_contacts_region ON office_contacts (region_code, id);
CREATE INDEX office_contacts_role ON office_contacts (role, id);
-- At most one first secretary per village.
CREATE UNIQUE INDEX office_contacts_one_secretary ON office_contacts (region_code) WHERE role = 'first_secretary';
