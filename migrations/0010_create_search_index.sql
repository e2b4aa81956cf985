-- Search (issue 14): one full-text index over regions, villages, published notices, projects,
-- named donors and official-figure metrics. worker/search/ owns it; see docs/search.md.
--
-- Why not the trigram tokenizer: it cannot match queries shorter than three characters, and
-- most Chinese place names are searched by one or two. Instead every Chinese text is stored
-- as space-separated character unigrams and bigrams (unicode61 then sees one token per
-- entry), so a 1-character query is one token and a longer one a phrase of its bigrams.
-- Pinyin (full and initials, from every character on) and the traditional → simplified
-- mapping are computed in JavaScript when the index is refreshed (a write), never per query.

-- What a hit shows, and the visibility facts the query re-checks. `id` orders results within
-- a match tier: regions by level then code, then metrics, projects, notices, donors, newest
-- first (worker/search/documents.ts).
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('region', 'village', 'metric', 'project', 'notice', 'donor')),
  ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),
  region_code TEXT,
  title_zh TEXT NOT NULL,
  title_en TEXT,
  context_zh TEXT,
  context_en TEXT,
  -- The record in the API (/api/v1/…), built when indexed.
  path TEXT NOT NULL,
  UNIQUE (kind, ref)
);

-- Columns (all token lists written by worker/search/tokens.ts):
--   nu  name unigrams in order, then "0" (end of name)
--   nb  name bigrams in order, then "0"
--   pf  full pinyin from each character of the name on
--   pi  pinyin initials likewise
--   l   Latin words of the names (English name, digits)
--   bu  other text's unigrams and words, each as b<token>
--   bb  other text's bigrams, each as b<bigram>
--   f   facets: t<kind>, r<code prefix at each level>
--   h   head tokens: e<whole name>, h<first character>, h<first two>, p<full pinyin>, q<initials>
-- A token's doclist is shared by every column, so the tiers that must stay cheap get tokens
-- of their own: the exact and starts-with tiers read one short doclist (h), and a notice
-- body is searched without walking the 500,000 village names that contain 村 (b…).
-- Contentless (the text lives in the source tables), deletable by rowid (SQLite >= 3.43).
-- Prefix indexes serve pinyin-initial queries of 1–3 letters without walking the term list.
CREATE VIRTUAL TABLE search_fts USING fts5(
  nu, nb, pf, pi, l, bu, bb, f, h,
  content = '', contentless_delete = 1, prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 0'
);

-- Records whose search entry must be (re)built. Filled by the triggers below in the same
-- statement as any write to a searchable table, drained by refreshSearchIndex() right after
-- the write's batch: no write path can forget the index, and pinyin stays out of SQL.
CREATE TABLE search_queue (
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  PRIMARY KEY (kind, ref)
) WITHOUT ROWID;

CREATE TRIGGER search_queue_regions_insert AFTER INSERT ON regions
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('region', NEW.code); END;
CREATE TRIGGER search_queue_regions_update AFTER UPDATE OF name_zh, name_en, level, parent_code ON regions
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('region', NEW.code); END;
CREATE TRIGGER search_queue_regions_delete AFTER DELETE ON regions
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('region', OLD.code); END;

CREATE TRIGGER search_queue_notices_insert AFTER INSERT ON notices
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('notice', NEW.id); END;
CREATE TRIGGER search_queue_notices_update AFTER UPDATE OF status, title_zh, title_en, body_zh, issuer, region_code, published_at ON notices
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('notice', NEW.id); END;
CREATE TRIGGER search_queue_notices_delete AFTER DELETE ON notices
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('notice', OLD.id); END;

CREATE TRIGGER search_queue_projects_insert AFTER INSERT ON fund_projects
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('project', NEW.id); END;
CREATE TRIGGER search_queue_projects_update AFTER UPDATE OF name_zh, name_en, region_code, year ON fund_projects
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('project', NEW.id); END;
CREATE TRIGGER search_queue_projects_delete AFTER DELETE ON fund_projects
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('project', OLD.id); END;

-- Anonymous donations never enter the queue (nor the index).
CREATE TRIGGER search_queue_donations_insert AFTER INSERT ON donations WHEN NEW.donor_name IS NOT NULL
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('donor', NEW.id); END;
CREATE TRIGGER search_queue_donations_update AFTER UPDATE OF donor_name, region_code, date ON donations
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('donor', NEW.id); END;
CREATE TRIGGER search_queue_donations_delete AFTER DELETE ON donations
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('donor', OLD.id); END;

CREATE TRIGGER search_queue_figures_insert AFTER INSERT ON official_figures
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('metric', CAST(NEW.id AS TEXT)); END;
CREATE TRIGGER search_queue_figures_update AFTER UPDATE OF metric, region_code, year ON official_figures
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('metric', CAST(NEW.id AS TEXT)); END;
CREATE TRIGGER search_queue_figures_delete AFTER DELETE ON official_figures
BEGIN INSERT OR IGNORE INTO search_queue (kind, ref) VALUES ('metric', CAST(OLD.id AS TEXT)); END;
