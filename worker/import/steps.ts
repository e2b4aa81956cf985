/**
 * A console import's background work, one bounded step per queue message (wrangler.toml
 * [[queues.consumers]]): every step reads what it needs from D1 and R2, does a bounded piece
 * of work, records where the job stands in the same batch as its writes, and sends the next
 * step's message. So no invocation holds the whole file (128 MB per Worker) or spends more
 * than a chunk's CPU, except the last, which computes the release's statistics — the one
 * computation every import path calls (writes/register-imports.ts registerTables).
 *
 * 1. scan: decodes the file as a stream (UTF-8, else GB18030) for the SHA-256 of its text
 *    (the same file again changes nothing), checks the release's target (unchanged? an
 *    overlapping release?) and creates the staging release, invisible to every reader;
 * 2. chunk (repeated): CHUNK_BYTES of the file, cut after the last whole record, parsed with
 *    the header the first chunk read, every row checked as the admin API checks it; its
 *    households pseudonymised and staged under the staging release; problems counted (the
 *    first MAX_REPORTED_PROBLEMS kept);
 * 3. tables (repeated): when every chunk passed, the staged households are read back and the
 *    published tables computed. The joint disclosure gate settles GATE_BLOCKS_PER_STEP
 *    township blocks per step and keeps where it stands in R2 (`gate-progress/<job>.json`)
 *    for the next step, so a large county's release never needs more than a block's CPU in
 *    one invocation. When it passes, the tables are staged and the job is `checked` (the dry
 *    run, with its counts). A file with any problem is `invalid` and its staged rows go.
 *
 * Nothing is visible until the editor confirms: then ONE batch (writes/register-imports.ts
 * activationPlan) switches the release on, with its audit row. A failed or abandoned import
 * leaves the published release as it was; its staged rows go with the next clean-up.
 *
 * Each step's batch moves `step` on only from the value it read (and write_guard aborts the
 * batch otherwise), so a message delivered twice does its work once.
 */
import { createDb, type Db } from "../db/client";
import { deleteReleaseRows, householdInserts, insertReleaseStatement, statisticsInserts } from "../db/queries/register";
import { chunk } from "../db/batch";
import type { RegisterHouseholdFacts, RegisterTables } from "../domain/disclosure/tables";
import type { Cause, Measure, Monitoring } from "../domain/disclosure/categories";
import { createPseudonymizer } from "../domain/pseudonym";
import { emptyFileProblem, parseRegisterChunk, type ImportProblem } from "../domain/register-import/parse";
import { WriteRefusal } from "../writes/plan";
import {
  currentDisclosureGate,
  MAX_REPORTED_PROBLEMS,
  newReleaseId,
  previousYearReleases,
  registerTablesStep,
  releaseTarget,
  STATEMENTS_PER_BATCH,
  toHouseholdInserts,
  unchangedSummary,
  villageProblems,
  type ImportSummary,
  type PausedTables,
} from "../writes/register-imports";
import { headerOf, loadJob, TERMINAL, type JobRow } from "./jobs";

/** Bytes of the file one chunk step reads (about 5,000 households). */
export const CHUNK_BYTES = 512 * 1024;
/** Staged households read back per query for the tables step. */
const READ_BACK_ROWS = 5000;
/**
 * Township blocks of the joint disclosure gate one tables step settles (joint-protect.ts
 * GateBudget). One block of a 400-village county's linked year costs up to about two minutes
 * of CPU, the whole county more than five (docs/register-and-disclosure.md, "Cost"); a step
 * also re-reads and re-tallies the households, seconds for such a county.
 */
export const GATE_BLOCKS_PER_STEP = 1;
/** Attempts of a step before the job is marked failed (wrangler.toml max_retries + 1). */
const ATTEMPTS = 4;

const GUARD = "INSERT INTO write_guard (changed) VALUES (changes())";

export async function handleImportQueue(batch: MessageBatch<ImportStepMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      await runImportStep(env, message.body);
      message.ack();
    } catch (error) {
      if (message.attempts < ATTEMPTS) {
        message.retry();
        continue;
      }
      await failJob(env, message.body.job, error);
      message.ack();
    }
  }
}

/** Runs the step the message names, if the job is still there (a repeated message does nothing). */
export async function runImportStep(env: Env, message: ImportStepMessage): Promise<void> {
  const job = await loadJob(env.DB, message.job);
  if (!job || job.step !== message.step || TERMINAL.includes(job.status) || job.status !== "checking") return;
  const now = new Date();
  try {
    if (job.encoding === null) await scan(env, job, now);
    else if (job.next_offset < job.bytes) await chunkStep(env, job, now);
    else await tablesStep(env, job, now);
  } catch (error) {
    // A rule of the import (an overlapping release, a scope the account no longer holds):
    // the file is refused like a bad row, nothing retried.
    if (!(error instanceof WriteRefusal)) throw error;
    await finishInvalid(env, job, error.details.length ? error.details : [{ path: "file", message: error.message }], now);
    return;
  }
}

async function next(env: Env, job: JobRow): Promise<void> {
  await env.IMPORT_QUEUE.send({ job: job.id, step: job.step + 1 });
}

/** The job's own row moved on from the step it was read at, then the guard. */
function advance(d1: D1Database, job: JobRow, set: Record<string, string | number | null>, now: Date): D1PreparedStatement[] {
  const columns = Object.keys(set);
  const assignments = columns.map((c, i) => `${c} = ?${i + 4}`).join(", ");
  return [
    d1.prepare(`UPDATE register_import_jobs SET step = step + 1, updated_at = ?3${assignments ? `, ${assignments}` : ""} WHERE id = ?1 AND step = ?2`).bind(job.id, job.step, now.toISOString(), ...columns.map((c) => set[c]!)),
    d1.prepare(GUARD),
  ];
}

// ---------------------------------------------------------------------------------------
// 1. scan
// ---------------------------------------------------------------------------------------

async function textDigest(bucket: R2Bucket, key: string, encoding: "utf-8" | "gb18030"): Promise<string> {
  const object = await bucket.get(key);
  if (!object) throw new Error(`the uploaded file ${key} is missing from the IMPORTS bucket`);
  // The SHA-256 of the decoded text (BOM dropped), as the admin API computes it, so the same
  // register sent either way is recognised. TextDecoder drops a leading BOM itself.
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
  const encoder = new TextEncoder();
  const digest = new crypto.DigestStream("SHA-256");
  const writer = digest.getWriter();
  const reader = object.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (text) await writer.write(encoder.encode(text));
      if (done) break;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  await writer.close();
  return [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function scan(env: Env, job: JobRow, now: Date): Promise<void> {
  let encoding: "utf-8" | "gb18030" = "utf-8";
  let sha: string;
  try {
    sha = await textDigest(env.IMPORTS, job.object_key, "utf-8");
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Not UTF-8: GB18030, a superset of the GBK that Excel on a Chinese system saves.
    encoding = "gb18030";
    sha = await textDigest(env.IMPORTS, job.object_key, encoding);
  }
  const db = createDb(env.DB);
  const target = await releaseTarget(db, job.scope_code, job.year, sha);
  if ("unchanged" in target) {
    await env.DB.batch(advance(env.DB, job, { encoding, file_sha256: sha, status: "unchanged", summary: JSON.stringify(unchangedSummary(target.unchanged, [])) }, now));
    await env.IMPORTS.delete(job.object_key);
    return;
  }
  const releaseId = newReleaseId();
  const release = insertReleaseStatement(db, {
    id: releaseId,
    scopeCode: job.scope_code,
    year: job.year,
    fileSha256: sha,
    status: "staging",
    createdBy: job.staff_id,
    createdAt: now.toISOString(),
    households: 0,
    people: 0,
    villages: 0,
    statisticsRows: 0,
    // The gate of this import; the tables step records the one its tables were computed under.
    disclosureGate: currentDisclosureGate().gate,
    disclosureRules: currentDisclosureGate().rules,
  });
  const insert = release.toSQL();
  // The job's row first: a repeated message aborts before a second staging release exists.
  await env.DB.batch([...advance(env.DB, job, { encoding, file_sha256: sha, release_id: releaseId }, now), env.DB.prepare(insert.sql).bind(...insert.params)]);
  await next(env, job);
}

// ---------------------------------------------------------------------------------------
// 2. chunk
// ---------------------------------------------------------------------------------------

/**
 * Where the chunk ends: just after the last line break outside a quoted cell (a quoted cell
 * may hold line breaks). Byte-wise: `"` and LF are single bytes in UTF-8 and in GB18030,
 * never part of a multi-byte character, and the chunk starts between records.
 */
export function recordEnd(bytes: Uint8Array): number {
  let quoted = false;
  let last = -1;
  let lastAny = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a) {
      lastAny = i;
      if (!quoted) last = i;
    }
  }
  // A stray quote inside a cell can leave no break "outside quotes": cut at a line then,
  // and the parser names the line if a record really is broken.
  const at = last >= 0 ? last : lastAny;
  return at >= 0 ? at + 1 : bytes.length;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

const LINES_SQL = "INSERT INTO register_import_lines (job_id, pseudonym, line) SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2)";
const SEEN_SQL = "SELECT pseudonym, line FROM register_import_lines WHERE job_id = ?1 AND pseudonym IN (SELECT value FROM json_each(?2))";

async function chunkStep(env: Env, job: JobRow, now: Date): Promise<void> {
  const length = Math.min(CHUNK_BYTES, job.bytes - job.next_offset);
  const object = await env.IMPORTS.get(job.object_key, { range: { offset: job.next_offset, length } });
  if (!object) throw new Error(`the uploaded file ${job.object_key} is missing from the IMPORTS bucket`);
  const window = new Uint8Array(await object.arrayBuffer());
  const last = job.next_offset + length >= job.bytes;
  const cut = last ? window.length : recordEnd(window);
  const bytes = window.subarray(0, cut);
  // A chunk after the first starts mid-file: no BOM to drop there.
  const text = new TextDecoder(job.encoding!, { fatal: false, ignoreBOM: job.next_offset > 0 }).decode(bytes);

  const parsed = parseRegisterChunk(text, { releaseYear: job.year, firstLine: job.next_line, header: headerOf(job) });
  const db = createDb(env.DB);
  const problems: ImportProblem[] = [...parsed.problems, ...(await villageProblems(db, parsed.households, job.scope_code, job.staff_region))];
  const households = await toHouseholdInserts(parsed.households, await createPseudonymizer(env.PSEUDONYM_KEY), job.release_id!);

  // Register numbers seen in earlier chunks (by pseudonym, the only form kept).
  const pseudonyms = households.map((h) => h.pseudonym);
  const earlier = new Map<string, number>();
  for (const part of chunk(pseudonyms, 5000)) {
    const { results } = await env.DB.prepare(SEEN_SQL).bind(job.id, JSON.stringify(part)).all<{ pseudonym: string; line: number }>();
    for (const r of results) earlier.set(r.pseudonym, r.line);
  }
  const fresh: typeof households = [];
  const lines: [string, number][] = [];
  households.forEach((h, i) => {
    const line = parsed.households[i]!.line;
    const first = earlier.get(h.pseudonym);
    if (first !== undefined) {
      problems.push({ path: `line ${line}, column register_no`, message: `duplicate register number (first on line ${first})` });
      return;
    }
    fresh.push(h);
    lines.push([h.pseudonym, line]);
  });
  problems.sort((a, b) => lineOf(a) - lineOf(b));

  const problemCount = job.problem_count + problems.length;
  // A header that cannot be read (a required column missing): the rows after it cannot be either.
  const headerRefused = !headerOf(job) && parsed.rows === 0 && parsed.problems.length > 0;
  const kept = JSON.parse(job.problems) as ImportProblem[];
  kept.push(...problems.slice(0, Math.max(0, MAX_REPORTED_PROBLEMS - kept.length)));
  const statements: D1PreparedStatement[] = [
    // Only while the file is clean: a file with a problem is never imported, its rows not needed.
    ...(problemCount === 0 ? householdInserts(env.DB, job.release_id!, fresh) : []),
    ...chunk(lines, 1000).map((part) => env.DB.prepare(LINES_SQL).bind(job.id, JSON.stringify(part))),
  ];
  const update = advance(
    env.DB,
    job,
    {
      next_offset: headerRefused ? job.bytes : job.next_offset + cut,
      next_line: job.next_line + countLines(bytes),
      header: parsed.header ? JSON.stringify(parsed.header) : null,
      rows_read: job.rows_read + parsed.rows,
      households: job.households + fresh.length,
      people: job.people + fresh.reduce((sum, h) => sum + h.householdSize, 0),
      problem_count: problemCount,
      problems: JSON.stringify(kept),
    },
    now,
  );
  // The job's row first, so a repeated message aborts before writing any row twice.
  await env.DB.batch([...update, ...statements]);
  await next(env, job);
}

function lineOf(p: ImportProblem): number {
  return Number(/line (\d+)/.exec(p.path)?.[1] ?? 0);
}

// ---------------------------------------------------------------------------------------
// 3. tables (or invalid)
// ---------------------------------------------------------------------------------------

interface StagedRow {
  pseudonym: string;
  village_code: string;
  household_size: number;
  cause: Cause;
  measures: string;
  identified_year: number;
  exit_year: number | null;
  returned_year: number | null;
  monitoring: Monitoring;
}

/** The staged households' facts, read back in keyset pages (primary key order). */
export async function stagedFacts(d1: D1Database, releaseId: string): Promise<RegisterHouseholdFacts[]> {
  const facts: RegisterHouseholdFacts[] = [];
  let after = "";
  for (;;) {
    const { results } = await d1
      .prepare(
        `SELECT pseudonym, village_code, household_size, cause, measures, identified_year, exit_year, returned_year, monitoring
         FROM register_households WHERE release_id = ?1 AND pseudonym > ?2 ORDER BY pseudonym LIMIT ?3`,
      )
      .bind(releaseId, after, READ_BACK_ROWS)
      .all<StagedRow>();
    for (const r of results) {
      facts.push({
        villageCode: r.village_code,
        householdSize: r.household_size,
        cause: r.cause,
        measures: r.measures === "" ? [] : (r.measures.split(";") as Measure[]),
        identifiedYear: r.identified_year,
        exitYear: r.exit_year,
        returnedYear: r.returned_year,
        monitoring: r.monitoring,
      });
    }
    if (results.length < READ_BACK_ROWS) return facts;
    after = results[results.length - 1]!.pseudonym;
  }
}

async function tablesStep(env: Env, job: JobRow, now: Date): Promise<void> {
  const empty = emptyFileProblem(headerOf(job), job.rows_read, job.problem_count);
  if (empty || job.problem_count > 0) {
    await finishInvalid(env, job, empty ? [empty] : [], now);
    return;
  }
  const db = createDb(env.DB);
  const releaseId = job.release_id!;
  const facts = await stagedFacts(env.DB, releaseId);
  let tables: RegisterTables;
  const gate = currentDisclosureGate();
  try {
    // The joint disclosure gate (issue 16) holds this release with the previous year's.
    const progress = await env.IMPORTS.get(gateProgressKey(job));
    const step = await registerTablesStep(facts, job.year, await previousYearReleases(db, job.scope_code, job.year), progress ? await progress.json<PausedTables>() : undefined, { blocks: GATE_BLOCKS_PER_STEP, worked: 0 });
    if ("paused" in step) {
      // A retried step may resume from this newer state: the gate's result is the same.
      await env.IMPORTS.put(gateProgressKey(job), JSON.stringify(step.paused));
      await env.DB.batch(advance(env.DB, job, {}, now));
      await next(env, job);
      return;
    }
    tables = step.tables;
  } catch (error) {
    if (!(error instanceof WriteRefusal) || error.code !== "disclosure_unresolved") throw error;
    await finishInvalid(env, job, error.details.map((d) => ({ path: d.path, message: d.message })), now);
    return;
  }
  const villages = new Set(facts.map((f) => f.villageCode)).size;
  // A retried step starts over: statistics of an earlier attempt go first.
  await env.DB.prepare("DELETE FROM register_statistics WHERE release_id = ?").bind(releaseId).run();
  for (const group of chunk(statisticsInserts(env.DB, releaseId, job.year, tables.rows), STATEMENTS_PER_BATCH)) await env.DB.batch(group);

  const active = await releaseTarget(db, job.scope_code, job.year, job.file_sha256!);
  const summary: ImportSummary = {
    release_id: releaseId,
    scope_code: job.scope_code,
    year: job.year,
    file_sha256: job.file_sha256!,
    households: facts.length,
    people: facts.reduce((sum, f) => sum + f.householdSize, 0),
    villages,
    statistics_rows: tables.rows.length,
    withheld_figures: tables.withheld,
    ignored_columns: headerOf(job)?.ignoredColumns ?? [],
    replaces_release_id: "replaces" in active ? (active.replaces?.id ?? null) : null,
    disclosure_gate: gate.gate,
    disclosure_rules: gate.rules,
    republished: "replaces" in active && active.republish,
  };
  await env.DB.batch([
    ...advance(env.DB, job, { status: "checked", summary: JSON.stringify(summary) }, now),
    env.DB
      .prepare("UPDATE register_releases SET households = ?2, people = ?3, villages = ?4, statistics_rows = ?5, withheld_figures = ?6, disclosure_gate = ?7, disclosure_rules = ?8 WHERE id = ?1 AND status = 'staging'")
      .bind(releaseId, summary.households, summary.people, summary.villages, summary.statistics_rows, summary.withheld_figures, gate.gate, gate.rules),
  ]);
  await Promise.all([deleteLines(env.DB, job.id), env.IMPORTS.delete([job.object_key, gateProgressKey(job)])]);
}

function gateProgressKey(job: JobRow): string {
  return `gate-progress/${job.id}.json`;
}

/** A file that cannot be imported: its problems stay on the job; its staged rows and file go. */
async function finishInvalid(env: Env, job: JobRow, more: ImportProblem[], now: Date): Promise<void> {
  const kept = JSON.parse(job.problems) as ImportProblem[];
  kept.push(...more.slice(0, Math.max(0, MAX_REPORTED_PROBLEMS - kept.length)));
  await env.DB.batch(advance(env.DB, job, { status: "invalid", problem_count: job.problem_count + more.length, problems: JSON.stringify(kept) }, now));
  await discard(env, job);
}

async function discard(env: Env, job: JobRow): Promise<void> {
  const db: Db = createDb(env.DB);
  if (job.release_id) {
    await deleteReleaseRows(db, job.release_id);
    await env.DB.prepare("DELETE FROM register_releases WHERE id = ? AND status = 'staging'").bind(job.release_id).run();
  }
  await Promise.all([deleteLines(env.DB, job.id), env.IMPORTS.delete([job.object_key, gateProgressKey(job)])]);
}

async function deleteLines(d1: D1Database, jobId: string): Promise<void> {
  const statement = d1.prepare("DELETE FROM register_import_lines WHERE job_id = ?1 AND pseudonym IN (SELECT pseudonym FROM register_import_lines WHERE job_id = ?1 LIMIT 5000)").bind(jobId);
  while (((await statement.run()).meta.changes ?? 0) === 5000);
}

/** A step that kept failing: the job says so (no personal data: D1's and our own messages only). */
async function failJob(env: Env, jobId: string, error: unknown): Promise<void> {
  const job = await loadJob(env.DB, jobId);
  if (!job || TERMINAL.includes(job.status)) return;
  const message = error instanceof Error ? error.message.slice(0, 500) : "unknown error";
  await env.DB.prepare("UPDATE register_import_jobs SET status = 'failed', error = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'checking'").bind(jobId, message, new Date().toISOString()).run();
  await discard(env, job);
}
