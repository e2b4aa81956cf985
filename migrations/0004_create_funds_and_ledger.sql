-- Funds, donations and the verifiable ledger (issue 5).
-- Money is integer fen. Domain tables keep running totals that conditional UPDATEs
-- change in the same batch as the write; the ledger tables are append-only.

-- The project library (项目库): each funded project with its budget by fund source.
CREATE TABLE fund_projects (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'prj_*' AND length(id) BETWEEN 8 AND 40),
  name_zh TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 300),
  region_code TEXT NOT NULL REFERENCES regions(code),
  category TEXT NOT NULL CHECK (category IN ('industry', 'employment', 'relocation', 'education', 'health', 'ecological', 'safety_net', 'housing', 'solar', 'microcredit')),
  year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  status TEXT NOT NULL CHECK (status IN ('planned', 'filed', 'started', 'completed', 'cancelled')),
  filed_on TEXT CHECK (filed_on IS NULL OR filed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  planned_start TEXT CHECK (planned_start IS NULL OR planned_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  planned_completion TEXT CHECK (planned_completion IS NULL OR planned_completion GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actual_start TEXT CHECK (actual_start IS NULL OR actual_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  actual_completion TEXT CHECK (actual_completion IS NULL OR actual_completion GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- Unrounded; published only through rule R2 (privacy.md).
  beneficiary_households INTEGER CHECK (beneficiary_households IS NULL OR beneficiary_households >= 0),
  -- Net donations allocated to the project (running total).
  donated_fen INTEGER NOT NULL DEFAULT 0 CHECK (donated_fen >= 0),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status IN ('filed', 'started', 'completed')) <= (filed_on IS NOT NULL)),
  CHECK ((status IN ('started', 'completed')) <= (actual_start IS NOT NULL)),
  CHECK ((status = 'completed') = (actual_completion IS NOT NULL))
);
CREATE INDEX fund_projects_region ON fund_projects (region_code, id);
CREATE INDEX fund_projects_year ON fund_projects (year, id);
CREATE INDEX fund_projects_category ON fund_projects (category, id);
CREATE INDEX fund_projects_status ON fund_projects (status, id);

-- Budget and running totals of each project by fund source. The CHECKs are the last line
-- of defence; writes use conditional UPDATEs so a race is a clean 409, not a 500.
CREATE TABLE fund_project_sources (
  project_id TEXT NOT NULL REFERENCES fund_projects(id),
  source TEXT NOT NULL CHECK (source IN ('central', 'provincial', 'municipal', 'county', 'east_west', 'designated', 'social')),
  budget_fen INTEGER NOT NULL CHECK (budget_fen >= 0),
  allocated_fen INTEGER NOT NULL DEFAULT 0 CHECK (allocated_fen BETWEEN 0 AND budget_fen),
  disbursed_fen INTEGER NOT NULL DEFAULT 0 CHECK (disbursed_fen BETWEEN 0 AND allocated_fen),
  receipted_fen INTEGER NOT NULL DEFAULT 0 CHECK (receipted_fen BETWEEN 0 AND disbursed_fen),
  PRIMARY KEY (project_id, source)
) WITHOUT ROWID;
CREATE INDEX fund_project_sources_source ON fund_project_sources (source, project_id);

-- Allocations of funds to projects (资金下达). A correction is a reversing row.
CREATE TABLE fund_allocations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'fal_*'),
  project_id TEXT NOT NULL REFERENCES fund_projects(id),
  source TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
  document_no TEXT NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  reverses_id TEXT UNIQUE REFERENCES fund_allocations(id),
  reason TEXT,
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  CHECK ((amount_fen > 0) = (reverses_id IS NULL)),
  FOREIGN KEY (project_id, source) REFERENCES fund_project_sources(project_id, source)
);
CREATE INDEX fund_allocations_project ON fund_allocations (project_id, id);

-- Disbursements (拨付), with the part accounted for with receipts (报账).
CREATE TABLE disbursements (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'dsb_*'),
  project_id TEXT NOT NULL REFERENCES fund_projects(id),
  source TEXT NOT NULL,
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
  receipted_fen INTEGER NOT NULL CHECK (abs(receipted_fen) <= abs(amount_fen) AND receipted_fen * amount_fen >= 0),
  document_no TEXT NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  reverses_id TEXT UNIQUE REFERENCES disbursements(id),
  reason TEXT,
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  CHECK ((amount_fen > 0) = (reverses_id IS NULL)),
  FOREIGN KEY (project_id, source) REFERENCES fund_project_sources(project_id, source)
);
CREATE INDEX disbursements_project ON disbursements (project_id, id);

-- Donations. The id is public: it is printed on the donor's receipt. The display name is
-- stored only when the donor chose to be named, and never enters the ledger.
CREATE TABLE donations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'don_*'),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  channel TEXT NOT NULL CHECK (channel IN ('bank_transfer', 'online', 'cash', 'in_kind')),
  donor_name TEXT CHECK (donor_name IS NULL OR length(donor_name) BETWEEN 1 AND 100),
  target_type TEXT NOT NULL CHECK (target_type IN ('general', 'region', 'project')),
  target_region TEXT REFERENCES regions(code),
  target_project TEXT REFERENCES fund_projects(id),
  -- The region the donation is for (a project's region for a project), for filtering.
  region_code TEXT REFERENCES regions(code),
  allocated_fen INTEGER NOT NULL DEFAULT 0 CHECK (allocated_fen BETWEEN 0 AND amount_fen),
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  reversed_at TEXT,
  reversal_reason TEXT,
  reversal_ledger_index INTEGER UNIQUE,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  CHECK ((target_type = 'region') = (target_region IS NOT NULL)),
  CHECK ((target_type = 'project') = (target_project IS NOT NULL)),
  CHECK ((reversed_at IS NULL) = (reversal_ledger_index IS NULL)),
  CHECK (reversed_at IS NULL OR allocated_fen = 0)
);
CREATE INDEX donations_date ON donations (date, id);
CREATE INDEX donations_region ON donations (region_code, date, id);
CREATE INDEX donations_project ON donations (target_project, date, id);
CREATE INDEX donations_target ON donations (target_type, date, id);

-- Allocations that split a donation across projects or villages.
CREATE TABLE donation_allocations (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'dal_*'),
  donation_id TEXT NOT NULL REFERENCES donations(id),
  project_id TEXT REFERENCES fund_projects(id),
  village_code TEXT REFERENCES regions(code),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
  reverses_id TEXT UNIQUE REFERENCES donation_allocations(id),
  reason TEXT,
  ledger_index INTEGER NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  CHECK ((amount_fen > 0) = (reverses_id IS NULL)),
  CHECK ((project_id IS NULL) <> (village_code IS NULL))
);
CREATE INDEX donation_allocations_donation ON donation_allocations (donation_id, id);
CREATE INDEX donation_allocations_project ON donation_allocations (project_id, id);

-- The ledger: one RFC 6962 Merkle tree over canonical JSON leaves. Entries are appended
-- in order and never changed; the database itself refuses UPDATE and DELETE.
CREATE TABLE ledger_entries (
  idx INTEGER PRIMARY KEY NOT NULL CHECK (idx >= 0),
  type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  leaf TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX ledger_entries_subject ON ledger_entries (subject_id, idx);
-- Appends are optimistic: a write computes its hashes from the tip it read. If another
-- write appended first, this trigger aborts the whole batch; the message names the
-- write_guard so the admin layer answers 409 (retry) exactly as for a lost status race.
CREATE TRIGGER ledger_entries_in_order BEFORE INSERT ON ledger_entries
WHEN NEW.idx <> (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries)
BEGIN SELECT RAISE(ABORT, 'write_guard: ledger_entries are appended in order (another write got in first)'); END;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;

-- Hash of every perfect subtree (level 0 = leaf hashes), stored as it completes, so that
-- any inclusion or consistency proof needs O(log n) reads.
CREATE TABLE ledger_nodes (
  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 62),
  idx INTEGER NOT NULL CHECK (idx >= 0),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes
BEGIN SELECT RAISE(ABORT, 'ledger_nodes is append-only'); END;
CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes
BEGIN SELECT RAISE(ABORT, 'ledger_nodes is append-only'); END;

-- Signed tree heads: one per write, Ed25519 over RFC 6962's TreeHeadSignature bytes.
CREATE TABLE ledger_heads (
  tree_size INTEGER PRIMARY KEY NOT NULL CHECK (tree_size >= 1),
  root_hash TEXT NOT NULL CHECK (length(root_hash) = 64),
  timestamp INTEGER NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL CHECK (length(key_id) = 64)
);
CREATE TRIGGER ledger_heads_no_update BEFORE UPDATE ON ledger_heads
BEGIN SELECT RAISE(ABORT, 'ledger_heads is append-only'); END;
CREATE TRIGGER ledger_heads_no_delete BEFORE DELETE ON ledger_heads
BEGIN SELECT RAISE(ABORT, 'ledger_heads is append-only'); END;
