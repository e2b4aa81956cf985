-- Accountability disclosures (issue 15 §3): case records the discipline-inspection office
-- publishes once a case is closed (Cili: 393 cases in the poverty-alleviation field, 339
-- people disciplined, 7 sent to prosecutors, 2.76 million yuan recovered, 0.58 million
-- returned to residents). Money in fen. An official is named only as the office's public
-- bulletin (典型问题通报) names them, and only with that bulletin as the source.
CREATE TABLE accountability_cases (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'acc_*' AND length(id) BETWEEN 8 AND 40),
  region_code TEXT NOT NULL REFERENCES regions(code),
  county_code TEXT NOT NULL REFERENCES regions(code),
  closed_on TEXT NOT NULL CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  problem TEXT NOT NULL CHECK (problem IN ('embezzlement', 'false_claims', 'identification_favouritism', 'fund_misuse', 'bribery', 'dereliction', 'work_style', 'other')),
  outcome TEXT NOT NULL CHECK (outcome IN ('party_government_discipline', 'referral_to_prosecutors', 'no_case')),
  people_disciplined INTEGER NOT NULL CHECK (people_disciplined BETWEEN 0 AND 1000),
  people_referred INTEGER NOT NULL CHECK (people_referred BETWEEN 0 AND 1000),
  recovered_fen INTEGER NOT NULL CHECK (recovered_fen BETWEEN 0 AND 10000000000000),
  returned_fen INTEGER NOT NULL CHECK (returned_fen BETWEEN 0 AND 10000000000000),
  official_position TEXT CHECK (official_position IS NULL OR length(official_position) BETWEEN 1 AND 100),
  official_name TEXT CHECK (official_name IS NULL OR length(official_name) BETWEEN 1 AND 50),
  bulletin_title TEXT CHECK (bulletin_title IS NULL OR length(bulletin_title) BETWEEN 1 AND 200),
  bulletin_url TEXT CHECK (bulletin_url IS NULL OR (length(bulletin_url) <= 500 AND bulletin_url GLOB 'http*://*')),
  bulletin_date TEXT CHECK (bulletin_date IS NULL OR bulletin_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- The citizen report that started the case, if any. Never public: only the reporter's own
  -- receipt page learns that a case was opened and how it ended.
  report_id TEXT UNIQUE REFERENCES reports(id),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  recorded_at TEXT NOT NULL,
  -- A name or position only with the public bulletin that published it.
  CHECK ((official_name IS NULL AND official_position IS NULL) OR (bulletin_title IS NOT NULL AND bulletin_url IS NOT NULL AND bulletin_date IS NOT NULL)),
  CHECK (official_name IS NULL OR official_position IS NOT NULL),
  CHECK ((outcome = 'referral_to_prosecutors') = (people_referred > 0)),
  CHECK (outcome <> 'no_case' OR (people_disciplined = 0 AND people_referred = 0)),
  CHECK (outcome <> 'party_government_discipline' OR people_disciplined > 0),
  CHECK (substr(region_code, 1, 6) || '000000' = county_code),
  CHECK (substr(closed_on, 1, 4) = CAST(year AS TEXT))
);
CREATE INDEX accountability_cases_county_year ON accountability_cases (county_code, year, id);
CREATE INDEX accountability_cases_region ON accountability_cases (region_code, closed_on, id);
CREATE INDEX accountability_cases_closed ON accountability_cases (closed_on, id);
-- Published records: a correction is a new case record, never an edit.
CREATE TRIGGER accountability_cases_no_update BEFORE UPDATE ON accountability_cases
BEGIN SELECT RAISE(ABORT, 'accountability_cases are written once'); END;
CREATE TRIGGER accountability_cases_no_delete BEFORE DELETE ON accountability_cases
BEGIN SELECT RAISE(ABORT, 'accountability_cases are written once'); END;
