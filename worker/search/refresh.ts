/**
 * Keeps the search index in step with the searchable tables. Triggers (migration 0010)
 * queue every inserted, changed or deleted record in the same statement as the write;
 * `refreshSearchIndex` drains the queue right after the write's batch: it reads the
 * records, computes their tokens (pinyin included) and replaces their entries, one atomic
 * batch per slice of the queue. A failed refresh leaves the queue as it was, so the next
 * write's refresh (or a later call) catches up; the search query re-checks visibility
 * (drafts, anonymous donors) against the source tables, so a lagging index can only lack
 * a new record, never show a hidden one.
 */
import type { Db } from "../db/client";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { REGION_LEVELS, ancestorCode, levelOfCode, type RegionLevel } from "../domain/region-codes";
import { OFFICIAL_METRICS, type OfficialMetric } from "../domain/official-metrics";
import { tokensOf, type PinyinOf, type SearchKind, type SearchSource } from "./tokens";

/** The dataset whose version is the search responses' ETag (bumped by every refresh that changes the index). */
export const SEARCH_DATASET = "search";

type QueueKind = "region" | "notice" | "project" | "donor" | "metric";

interface IndexedRecord extends SearchSource {
  ref: string;
  titleZh: string;
  titleEn: string | null;
  contextZh: string | null;
  contextEn: string | null;
  path: string;
  /** Orders hits within a tier: a region's level, or the record's date (newest first). */
  order: { level: RegionLevel; code: string } | { kind: SearchKind; date: string };
}

// Document ids: a block per kind (and region level), so a tier lists regions top down, then
// metrics, projects, notices and donors, newest first. Region ids are their codes; other
// kinds get the next free id in their date's block of 100,000.
const BLOCK = 10_000_000_000_000;
const DATE_SLOTS = 100_000;
const KIND_BLOCK: Record<Exclude<SearchKind, "region" | "village">, number> = { metric: 6, project: 7, notice: 8, donor: 9 };

function regionDocId(code: string): number {
  return (REGION_LEVELS.indexOf(levelOfCode(code)) + 1) * BLOCK + Number(code);
}

function dateBlock(kind: SearchKind, date: string): number {
  const day = Number(date.replaceAll("-", "").slice(0, 8).padEnd(8, "0")) || 0;
  return KIND_BLOCK[kind as keyof typeof KIND_BLOCK] * BLOCK + (99_999_999 - day) * DATE_SLOTS;
}

interface RegionName {
  nameZh: string;
  nameEn: string;
}

/** Reads records by id in chunks (D1: at most 100 bound parameters per statement). */
async function readIn<T>(d1: D1Database, sql: (placeholders: string) => string, ids: readonly string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const part = ids.slice(i, i + 90);
    const { results } = await d1.prepare(sql(part.map(() => "?").join(","))).bind(...part).all<T>();
    out.push(...results);
  }
  return out;
}

class RegionNames {
  private readonly names = new Map<string, RegionName | null>();
  constructor(private readonly d1: D1Database) {}

  async load(codes: Iterable<string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => !this.names.has(c));
    if (missing.length === 0) return;
    const rows = await readIn<{ code: string; name_zh: string; name_en: string }>(this.d1, (p) => `SELECT code, name_zh, name_en FROM regions WHERE code IN (${p})`, missing);
    for (const code of missing) this.names.set(code, null);
    for (const row of rows) this.names.set(row.code, { nameZh: row.name_zh, nameEn: row.name_en });
    // Bounded memory on a national load: the cache is only a shortcut.
    if (this.names.size > 200_000) this.names.clear();
  }

  get(code: string | null): RegionName | null {
    return code ? (this.names.get(code) ?? null) : null;
  }

  /** "安徽省 芜湖市 南陵县" for a code, ancestors first, the region itself included when asked. */
  chain(code: string, includeSelf: boolean): { zh: string; en: string } {
    const depth = REGION_LEVELS.indexOf(levelOfCode(code));
    const codes = REGION_LEVELS.slice(0, includeSelf ? depth + 1 : depth).map((level) => ancestorCode(code, level));
    const names = codes.map((c) => this.get(c)).filter((n): n is RegionName => n !== null);
    return { zh: names.map((n) => n.nameZh).join(" "), en: names.map((n) => n.nameEn).join(", ") };
  }
}

function chainCodes(code: string | null): string[] {
  if (!code) return [];
  const depth = REGION_LEVELS.indexOf(levelOfCode(code));
  return REGION_LEVELS.slice(0, depth + 1).map((level) => ancestorCode(code, level));
}

/** Reads the queued records of one kind; records that are gone or must not be found are left out. */
async function loadRecords(d1: D1Database, names: RegionNames, kind: QueueKind, refs: string[]): Promise<IndexedRecord[]> {
  switch (kind) {
    case "region": {
      const rows = await readIn<{ code: string; level: RegionLevel; name_zh: string; name_en: string }>(d1, (p) => `SELECT code, level, name_zh, name_en FROM regions WHERE code IN (${p})`, refs);
      await names.load(rows.flatMap((r) => chainCodes(r.code)));
      return rows.map((r) => {
        const chain = names.chain(r.code, false);
        return {
          kind: r.level === "village" ? "village" : "region",
          ref: r.code,
          regionCode: r.code,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          titleZh: r.name_zh,
          titleEn: r.name_en,
          contextZh: chain.zh || null,
          contextEn: chain.en || null,
          path: `/api/v1/regions/${r.code}`,
          order: { level: r.level, code: r.code },
        };
      });
    }
    case "notice": {
      // Drafts are never indexed; nor are notice items (masked names), whatever their state.
      const rows = await readIn<{ id: string; region_code: string; title_zh: string; title_en: string | null; body_zh: string; issuer: string; published_at: string }>(
        d1,
        (p) => `SELECT id, region_code, title_zh, title_en, body_zh, issuer, published_at FROM notices WHERE id IN (${p}) AND status <> 'draft' AND published_at IS NOT NULL`,
        refs,
      );
      await names.load(rows.flatMap((r) => chainCodes(r.region_code)));
      return rows.map((r) => ({
        kind: "notice",
        ref: r.id,
        regionCode: r.region_code,
        nameZh: r.title_zh,
        nameEn: r.title_en,
        text: [r.body_zh, r.issuer, names.chain(r.region_code, true).zh],
        titleZh: r.title_zh,
        titleEn: r.title_en,
        contextZh: `${r.issuer} · ${r.published_at.slice(0, 10)}`,
        contextEn: `${names.chain(r.region_code, true).en} · ${r.published_at.slice(0, 10)}`,
        path: `/api/v1/notices/${r.id}`,
        order: { kind: "notice", date: r.published_at.slice(0, 10) },
      }));
    }
    case "project": {
      const rows = await readIn<{ id: string; region_code: string; name_zh: string; name_en: string; year: number }>(d1, (p) => `SELECT id, region_code, name_zh, name_en, year FROM fund_projects WHERE id IN (${p})`, refs);
      await names.load(rows.flatMap((r) => chainCodes(r.region_code)));
      return rows.map((r) => {
        const chain = names.chain(r.region_code, true);
        return {
          kind: "project",
          ref: r.id,
          regionCode: r.region_code,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          text: [chain.zh],
          titleZh: r.name_zh,
          titleEn: r.name_en,
          contextZh: `${chain.zh} · ${r.year}`,
          contextEn: `${chain.en} · ${r.year}`,
          path: `/api/v1/funds/projects/${r.id}`,
          order: { kind: "project", date: `${r.year}-12-31` },
        };
      });
    }
    case "donor": {
      // Only donors who chose to be named; an anonymous donation has no name to find.
      const rows = await readIn<{ id: string; region_code: string | null; donor_name: string; date: string }>(
        d1,
        (p) => `SELECT id, region_code, donor_name, date FROM donations WHERE id IN (${p}) AND donor_name IS NOT NULL`,
        refs,
      );
      await names.load(rows.flatMap((r) => chainCodes(r.region_code)));
      return rows.map((r) => {
        const chain = r.region_code ? names.chain(r.region_code, true) : { zh: "", en: "" };
        return {
          kind: "donor",
          ref: r.id,
          regionCode: r.region_code,
          nameZh: r.donor_name,
          nameEn: r.donor_name,
          titleZh: r.donor_name,
          titleEn: r.donor_name,
          contextZh: [chain.zh, r.date].filter(Boolean).join(" · "),
          contextEn: [chain.en, r.date].filter(Boolean).join(" · "),
          path: `/api/v1/donations/${r.id}`,
          order: { kind: "donor", date: r.date },
        };
      });
    }
    case "metric": {
      const rows = await readIn<{ id: number; region_code: string; year: number; metric: string; source_title: string }>(
        d1,
        (p) => `SELECT f.id, f.region_code, f.year, f.metric, s.title_zh AS source_title FROM official_figures f JOIN sources s ON s.id = f.source_id WHERE f.id IN (${p})`,
        refs,
      );
      await names.load(rows.flatMap((r) => chainCodes(r.region_code)));
      return rows.map((r) => {
        const label = OFFICIAL_METRICS[r.metric as OfficialMetric] ?? { zh: r.metric, en: r.metric };
        const chain = names.chain(r.region_code, true);
        const region = names.get(r.region_code);
        return {
          kind: "metric",
          ref: String(r.id),
          regionCode: r.region_code,
          nameZh: label.zh,
          nameEn: `${label.en} ${r.metric}`,
          text: [chain.zh, r.source_title, String(r.year)],
          titleZh: label.zh,
          titleEn: label.en,
          contextZh: `${region?.nameZh ?? r.region_code} · ${r.year}`,
          contextEn: `${region?.nameEn ?? r.region_code} · ${r.year}`,
          path: `/api/v1/statistics/official?region=${r.region_code}&year=${r.year}&metric=${r.metric}`,
          order: { kind: "metric", date: `${r.year}-12-31` },
        };
      });
    }
  }
}

let pinyinLoader: Promise<PinyinOf> | undefined;

/**
 * pinyin-pro with its dictionary (~0.5 MB) is imported on the first refresh, not at
 * start-up: only writes pay for it, never a read (Workers limit start-up CPU).
 */
function loadPinyin(): Promise<PinyinOf> {
  pinyinLoader ??= import("pinyin-pro").then(({ pinyin }) => (chars) => {
    const text = chars.join("");
    const full = pinyin(text, { toneType: "none", type: "array", v: true });
    const initials = pinyin(text, { pattern: "first", toneType: "none", type: "array", v: true });
    return { full, initials };
  });
  return pinyinLoader;
}

type Statement = D1PreparedStatement;

function multiRowInserts(d1: D1Database, head: string, columns: number, rows: unknown[][]): Statement[] {
  const perStatement = Math.floor(100 / columns);
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const values = part.map(() => `(${Array.from({ length: columns }, () => "?").join(",")})`).join(",");
    out.push(d1.prepare(`${head} VALUES ${values}`).bind(...part.flat()));
  }
  return out;
}

function deleteIn(d1: D1Database, sql: (placeholders: string) => string, values: readonly unknown[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < values.length; i += 90) {
    const part = values.slice(i, i + 90);
    out.push(d1.prepare(sql(part.map(() => "?").join(","))).bind(...part));
  }
  return out;
}

export interface RefreshOptions {
  /** Queue entries per atomic batch (D1 limits a batch's statements and duration). */
  sliceSize?: number;
  onProgress?: (indexed: number) => void;
}

/**
 * Drains the search queue. Returns the number of queue entries handled. Never throws: a
 * write that has committed must not fail because its search entry could not be built; the
 * entries stay queued and the error is logged.
 */
export async function refreshSearchIndex(db: Db, options: RefreshOptions = {}): Promise<number> {
  try {
    return await drainQueue(db, options);
  } catch (error) {
    console.error(JSON.stringify({ level: "error", message: "search index refresh failed; entries stay queued", error: String(error) }));
    return 0;
  }
}

async function drainQueue(db: Db, options: RefreshOptions): Promise<number> {
  const d1 = db.$client;
  const sliceSize = options.sliceSize ?? 400;
  const names = new RegionNames(d1);
  const nextFree = new Map<number, number>();
  let handled = 0;
  for (;;) {
    const { results: queued } = await d1.prepare("SELECT kind, ref FROM search_queue ORDER BY kind, ref LIMIT ?").bind(sliceSize).all<{ kind: QueueKind; ref: string }>();
    if (queued.length === 0) break;
    const pinyinOf = await loadPinyin();
    const statements: Statement[] = [];
    for (const kind of new Set(queued.map((q) => q.kind))) {
      const refs = queued.filter((q) => q.kind === kind).map((q) => q.ref);
      const docKinds = kind === "region" ? ["region", "village"] : [kind];
      const existing = await readIn<{ id: number; ref: string }>(
        d1,
        (p) => `SELECT id, ref FROM search_docs WHERE kind IN (${docKinds.map((k) => `'${k}'`).join(",")}) AND ref IN (${p})`,
        refs,
      );
      const idOf = new Map(existing.map((e) => [e.ref, e.id]));
      const records = await loadRecords(d1, names, kind, refs);

      const docRows: unknown[][] = [];
      const ftsRows: unknown[][] = [];
      for (const record of records) {
        const id = idOf.get(record.ref) ?? (await newDocId(d1, record, nextFree));
        const t = tokensOf(record, pinyinOf);
        docRows.push([id, record.kind, record.ref, record.regionCode, record.titleZh, record.titleEn, record.contextZh, record.contextEn, record.path]);
        ftsRows.push([id, t.nu, t.nb, t.pf, t.pi, t.l, t.bu, t.bb, t.f, t.h]);
      }
      const oldIds = existing.map((e) => e.id);
      statements.push(
        ...deleteIn(d1, (p) => `DELETE FROM search_fts WHERE rowid IN (${p})`, oldIds),
        ...deleteIn(d1, (p) => `DELETE FROM search_docs WHERE id IN (${p})`, oldIds),
        ...multiRowInserts(d1, "INSERT INTO search_docs (id, kind, ref, region_code, title_zh, title_en, context_zh, context_en, path)", 9, docRows),
        ...multiRowInserts(d1, "INSERT INTO search_fts (rowid, nu, nb, pf, pi, l, bu, bb, f, h)", 10, ftsRows),
        ...deleteIn(d1, (p) => `DELETE FROM search_queue WHERE kind = '${kind}' AND ref IN (${p})`, refs),
      );
    }
    const bump = bumpDatasetVersion(db, SEARCH_DATASET).toSQL();
    statements.push(d1.prepare(bump.sql).bind(...bump.params));
    await d1.batch(statements);
    handled += queued.length;
    options.onProgress?.(handled);
  }
  // A bulk load leaves the index in many small segments that every query must merge; one
  // merge afterwards makes a common character one doclist again.
  if (handled >= 10_000) await d1.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run();
  return handled;
}

async function newDocId(d1: D1Database, record: IndexedRecord, nextFree: Map<number, number>): Promise<number> {
  if ("level" in record.order) return regionDocId(record.order.code);
  const block = dateBlock(record.order.kind, record.order.date);
  let next = nextFree.get(block);
  if (next === undefined) {
    const row = await d1.prepare("SELECT max(id) AS m FROM search_docs WHERE id BETWEEN ? AND ?").bind(block, block + DATE_SLOTS - 1).first<{ m: number | null }>();
    next = row?.m == null ? block : row.m + 1;
  }
  // Ids stay unique while a kind has at most 100,000 records dated the same day.
  nextFree.set(block, next + 1);
  return next;
}
