-- Needs matched with donors (issue 15 §1; Cili's 中国社会扶贫网 matching).
-- A village's information administrator posts a need on behalf of a household or the
-- village; a donor pledges; the administrator records the delivery. The household is never
-- named: a need carries no person, only its village, category and ask.
--
-- Privacy rule R4: medical and disability needs are public at township level only, so
-- every need stores the region it may be shown under (public_region_code): the village for
-- most categories, the township for health ones. Every public read and ledger leaf uses it.
CREATE TABLE needs (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'ned_*' AND length(id) BETWEEN 8 AND 40),
  village_code TEXT NOT NULL REFERENCES regions(code),
  township_code TEXT NOT NULL REFERENCES regions(code),
  public_region_code TEXT NOT NULL REFERENCES regions(code),
  category TEXT NOT NULL CHECK (category IN ('schooling', 'housing_repair', 'medical_aid', 'disability_aid', 'production_inputs', 'employment', 'daily_necessities', 'village_infrastructure')),
  -- For a household or for the whole village (never which household).
  beneficiary TEXT NOT NULL CHECK (beneficiary IN ('household', 'village')),
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  items TEXT CHECK (items IS NULL OR length(items) BETWEEN 1 AND 300),
  amount_fen INTEGER CHECK (amount_fen IS NULL OR (amount_fen > 0 AND amount_fen <= 100000000)),
  deadline TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  posted_on TEXT NOT NULL CHECK (posted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  posted_month TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'pledged', 'delivered', 'expired', 'withdrawn')),
  -- Why a need was closed without delivery (public; a closed list plus an optional note).
  closed_reason TEXT CHECK (closed_reason IS NULL OR length(closed_reason) BETWEEN 1 AND 300),
  closed_on TEXT,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (items IS NOT NULL OR amount_fen IS NOT NULL),
  CHECK ((status IN ('expired', 'withdrawn')) = (closed_reason IS NOT NULL)),
  CHECK (public_region_code IN (village_code, township_code)),
  CHECK (deadline >= posted_on)
);
-- The board: a region's needs, open first (status order is by the CASE in the query; the
-- index serves the region range and the keyset).
CREATE INDEX needs_public_region ON needs (public_region_code, id);
CREATE INDEX needs_board ON needs ((CASE status WHEN 'open' THEN 0 WHEN 'pledged' THEN 1 WHEN 'delivered' THEN 2 WHEN 'expired' THEN 3 ELSE 4 END), id);
CREATE INDEX needs_township ON needs (township_code, id);
CREATE INDEX needs_status ON needs (status, id);
CREATE INDEX needs_month ON needs (posted_month, status);

-- A donor's pledge to a need: one per need. The donor's display name only when they chose
-- to be named; the receipt (shown once) is stored only as a hash, like report receipts.
CREATE TABLE need_pledges (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'plg_*'),
  need_id TEXT NOT NULL UNIQUE REFERENCES needs(id),
  donor_name TEXT CHECK (donor_name IS NULL OR length(donor_name) BETWEEN 1 AND 100),
  receipt_hash TEXT UNIQUE CHECK (receipt_hash IS NULL OR length(receipt_hash) = 64),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
);

-- What was delivered against a pledge, linked to the donation that paid for it or to an
-- in-kind record (a document number); one delivery closes the need.
CREATE TABLE need_deliveries (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'dlv_*'),
  need_id TEXT NOT NULL UNIQUE REFERENCES needs(id),
  pledge_id TEXT NOT NULL UNIQUE REFERENCES need_pledges(id),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  delivered TEXT NOT NULL CHECK (length(delivered) BETWEEN 1 AND 300),
  amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
  donation_id TEXT REFERENCES donations(id),
  in_kind_record TEXT CHECK (in_kind_record IS NULL OR length(in_kind_record) BETWEEN 1 AND 100),
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  CHECK ((donation_id IS NULL) <> (in_kind_record IS NULL))
);
CREATE INDEX need_deliveries_donation ON need_deliveries (donation_id);

-- What a pledge's ledger leaf repeats about its need (region, category, amount) never changes.
CREATE TRIGGER needs_fixed_fields BEFORE UPDATE OF village_code, township_code, public_region_code, category, amount_fen, posted_on ON needs
BEGIN SELECT RAISE(ABORT, 'a need''s region, category and amount are fixed once posted'); END;

-- Pledges and deliveries are records: never edited or deleted (a mistake is a withdrawal).
CREATE TRIGGER need_pledges_no_update BEFORE UPDATE ON need_pledges
BEGIN SELECT RAISE(ABORT, 'need_pledges are written once'); END;
CREATE TRIGGER need_pledges_no_delete BEFORE DELETE ON need_pledges
BEGIN SELECT RAISE(ABORT, 'need_pledges are written once'); END;
CREATE TRIGGER need_deliveries_no_update BEFORE UPDATE ON need_deliveries
BEGIN SELECT RAISE(ABORT, 'need_deliveries are written once'); END;
CREATE TRIGGER need_deliveries_no_delete BEFORE DELETE ON need_deliveries
BEGIN SELECT RAISE(ABORT, 'need_deliveries are written once'); END;
