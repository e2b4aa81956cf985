-- Register imports through the console (worker/import): the file is streamed to R2, then
-- checked and staged in bounded steps by a Queue consumer. A job is one uploaded file and
-- where its steps stand; it never holds a household (R1: those go to register_households
-- under the job's staging release, invisible until the one activation batch).
CREATE TABLE register_import_jobs (
  id TEXT PRIMARY KEY NOT NULL CHECK (id GLOB 'imp_*'),
  -- The staff account (stf_…) that uploaded it, with the role and scope it had then.
  staff_id TEXT NOT NULL,
  staff_role TEXT NOT NULL,
  staff_region TEXT NOT NULL,
  scope_code TEXT NOT NULL REFERENCES regions(code),
  year INTEGER NOT NULL CHECK (year BETWEEN 1980 AND 2100),
  -- The file in the IMPORTS bucket (deleted once checked) and its size in bytes.
  object_key TEXT NOT NULL,
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  encoding TEXT CHECK (encoding IN ('utf-8', 'gb18030')),
  file_sha256 TEXT,
  status TEXT NOT NULL CHECK (status IN ('checking', 'invalid', 'checked', 'published', 'unchanged', 'failed')),
  -- Steps done: each step's batch moves it on only from the value it read (a queue message
  -- delivered twice does its work once).
  step INTEGER NOT NULL DEFAULT 0,
  -- Where the next chunk starts: byte offset in the file and its line number.
  next_offset INTEGER NOT NULL DEFAULT 0,
  next_line INTEGER NOT NULL DEFAULT 1,
  -- The header's column positions (JSON), read by the first chunk.
  header TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  households INTEGER NOT NULL DEFAULT 0,
  people INTEGER NOT NULL DEFAULT 0,
  -- Every problem is counted; the first 500 are kept (JSON [{path, message}]).
  problem_count INTEGER NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '[]',
  release_id TEXT,
  -- The import's summary once checked (JSON, as the admin API's dry run answers).
  summary TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX register_import_jobs_scope ON register_import_jobs (scope_code, created_at);

-- Register numbers seen so far in a job, as pseudonyms with their line: a duplicate in a later
-- chunk is named with the line of the first. Deleted when the job's check ends.
CREATE TABLE register_import_lines (
  job_id TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (job_id, pseudonym)
) WITHOUT ROWID;
