-- Public notices (公示) with objection periods, objections (异议), citizen reports (举报).
-- Privacy (shared/reference/privacy.md): no table here has a column for an IP address, a
-- device identifier or a full name. Receipts are stored only as SHA-256 hashes. Objection
-- texts, report texts and contact details are read by the administration API only.
-- No ON DELETE CASCADE anywhere: reports, objections and their events are records.

CREATE TABLE notices (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'ntc_*'),
  type TEXT NOT NULL CHECK (type IN ('household_identification', 'household_exit', 'village_exit',
    'return_to_poverty', 'project', 'fund_allocation', 'donation_use')),
  region_code TEXT NOT NULL REFERENCES regions(code),
  title_zh TEXT NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 200),
  title_en TEXT CHECK (title_en IS NULL OR length(title_en) BETWEEN 1 AND 300),
  body_zh TEXT NOT NULL CHECK (length(body_zh) BETWEEN 1 AND 20000),
  body_en TEXT CHECK (body_en IS NULL OR length(body_en) BETWEEN 1 AND 40000),
  issuer TEXT NOT NULL CHECK (length(issuer) BETWEEN 1 AND 200),
  status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'announced', 'superseded')),
  -- The objection period in Asia/Shanghai calendar dates (both days included) and the exact
  -- instants they denote (UTC ISO 8601), set when the notice opens.
  period_start TEXT CHECK (period_start IS NULL OR period_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  period_end TEXT CHECK (period_end IS NULL OR period_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  opens_at TEXT,
  closes_at TEXT,
  published_at TEXT,
  closed_at TEXT,
  announced_at TEXT,
  superseded_at TEXT,
  announcement_zh TEXT CHECK (announcement_zh IS NULL OR length(announcement_zh) <= 20000),
  announcement_en TEXT CHECK (announcement_en IS NULL OR length(announcement_en) <= 40000),
  supersedes_id TEXT REFERENCES notices(id),
  superseded_by_id TEXT REFERENCES notices(id),
  fingerprint TEXT CHECK (fingerprint IS NULL OR (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*')),
  item_count INTEGER NOT NULL DEFAULT 0 CHECK (item_count >= 0),
  objections_received INTEGER NOT NULL DEFAULT 0 CHECK (objections_received >= 0),
  objections_upheld INTEGER NOT NULL DEFAULT 0 CHECK (objections_upheld >= 0 AND objections_upheld <= objections_received),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Everything but a draft has been published: it has its period, instants and fingerprint.
  CHECK (status = 'draft' OR (period_start IS NOT NULL AND period_end IS NOT NULL AND opens_at IS NOT NULL
    AND closes_at IS NOT NULL AND published_at IS NOT NULL AND fingerprint IS NOT NULL)),
  CHECK (period_end IS NULL OR period_end >= period_start),
  CHECK ((status = 'superseded') = (superseded_by_id IS NOT NULL)),
  CHECK (supersedes_id IS NULL OR supersedes_id <> id)
);
-- Public listing: newest publication first, keyset (published_at, id). Each documented filter
-- (region range, type, status, publication date range) has an index ending in that key.
CREATE INDEX notices_published ON notices (published_at, id);
CREATE INDEX notices_region ON notices (region_code, published_at, id);
CREATE INDEX notices_type ON notices (type, published_at, id);
CREATE INDEX notices_status ON notices (status, published_at, id);
-- "Open now" and "closed now" are judged against closes_at.
CREATE INDEX notices_status_closes ON notices (status, closes_at);
CREATE UNIQUE INDEX notices_supersedes ON notices (supersedes_id) WHERE supersedes_id IS NOT NULL;

-- Household items of a notice: the masked minimum of privacy.md and nothing more.
CREATE TABLE notice_items (
  notice_id TEXT NOT NULL REFERENCES notices(id),
  item_no INTEGER NOT NULL CHECK (item_no BETWEEN 1 AND 5000),
  -- A masked name always hides something (a star), unless the whole name is one character.
  masked_name TEXT NOT NULL CHECK ((length(masked_name) BETWEEN 2 AND 40 AND masked_name GLOB '*[*]*') OR length(masked_name) = 1),
  village_group TEXT NOT NULL CHECK (length(village_group) BETWEEN 1 AND 40),
  household_size INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 30),
  decision TEXT NOT NULL CHECK (decision IN ('identified', 'exits', 'returned')),
  PRIMARY KEY (notice_id, item_no)
) WITHOUT ROWID;

-- Objections: the text is never public; the contact is for administrators only.
CREATE TABLE objections (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'obj_*'),
  notice_id TEXT NOT NULL REFERENCES notices(id),
  item_no INTEGER,
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  contact TEXT CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 200),
  receipt_hash TEXT NOT NULL UNIQUE CHECK (length(receipt_hash) = 64),
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'upheld', 'not_upheld')),
  answer TEXT CHECK (answer IS NULL OR length(answer) <= 4000),
  received_at TEXT NOT NULL,
  answered_at TEXT,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  CHECK ((status = 'received') = (answered_at IS NULL)),
  FOREIGN KEY (notice_id, item_no) REFERENCES notice_items(notice_id, item_no)
);
CREATE INDEX objections_notice ON objections (notice_id, received_at, id);
CREATE INDEX objections_status ON objections (status, received_at, id);

-- Citizen reports.
CREATE TABLE reports (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'rpt_*'),
  category TEXT NOT NULL CHECK (category IN ('fund_misuse', 'wrongful_identification', 'wrongful_exit',
    'official_conduct', 'project_quality', 'other')),
  region_code TEXT NOT NULL REFERENCES regions(code),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  contact TEXT CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 200),
  receipt_hash TEXT NOT NULL UNIQUE CHECK (length(receipt_hash) = 64),
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'rejected', 'in_progress', 'resolved', 'answered')),
  received_at TEXT NOT NULL,
  -- Asia/Shanghai month of receipt (YYYY-MM), for the statistics by month.
  received_month TEXT NOT NULL CHECK (received_month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  acknowledgement_due_at TEXT NOT NULL,
  resolution_due_at TEXT NOT NULL,
  acknowledged_at TEXT,
  resolved_at TEXT,
  answered_at TEXT,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  updated_at TEXT NOT NULL,
  CHECK ((status = 'received') = (acknowledged_at IS NULL)),
  CHECK ((status IN ('resolved', 'answered')) = (resolved_at IS NOT NULL)),
  CHECK ((status = 'answered') = (answered_at IS NOT NULL))
);
-- Administration lists (status, category, region) and the statistics' groupings.
CREATE INDEX reports_status ON reports (status, received_at, id);
CREATE INDEX reports_category ON reports (category, received_at, id);
CREATE INDEX reports_region ON reports (region_code, received_at, id);
CREATE INDEX reports_month ON reports (received_month, status);

-- A report's history: status changes with the authority's public text (the timeline a
-- reporter sees by receipt) and internal notes (administrators only). Append-only.
CREATE TABLE report_events (
  id INTEGER PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('status', 'note')),
  from_status TEXT,
  to_status TEXT,
  public_text TEXT CHECK (public_text IS NULL OR length(public_text) BETWEEN 1 AND 4000),
  internal_note TEXT CHECK (internal_note IS NULL OR length(internal_note) BETWEEN 1 AND 4000),
  token_id TEXT,
  CHECK ((kind = 'status') = (to_status IS NOT NULL)),
  CHECK (kind = 'status' OR public_text IS NOT NULL OR internal_note IS NOT NULL)
);
CREATE INDEX report_events_report ON report_events (report_id, id);

CREATE TRIGGER report_events_no_update BEFORE UPDATE ON report_events
BEGIN SELECT RAISE(ABORT, 'report_events is append-only'); END;
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events
BEGIN SELECT RAISE(ABORT, 'report_events is append-only'); END;
