/**
 * The API's public shapes as the site reads them, and the queries pages make while they render.
 * Each function names the API path it reads, so a page can link the JSON and CSV behind it.
 */
import { apiGet, apiList, type PageApi } from "./api";

export type RegionLevel = "province" | "city" | "county" | "township" | "village";

export interface Region {
  code: string;
  name_zh: string;
  name_en: string;
  level: RegionLevel;
  parent_code: string | null;
  demo: boolean;
}

export interface RegionDetail extends Region {
  ancestors: Region[];
  counts: {
    children: number;
    descendants: Partial<Record<RegionLevel, number>>;
    villages: { total: number; designated_poor: number; poor: number; exited: number };
  };
}

interface RegionRef {
  code: string;
  name_zh: string | null;
  name_en: string | null;
}

export type VillageStatus = "not_designated" | "poor" | "exited";

export interface Village {
  code: string;
  name_zh: string;
  name_en: string;
  township: RegionRef;
  county: RegionRef;
  designated_year: number | null;
  exit_year: number | null;
  status: VillageStatus;
  demo: boolean;
}

export interface Source {
  id: string;
  title_zh: string;
  title_en: string;
  issuer: string;
  published_on: string;
  url: string | null;
  reference: string | null;
}

export interface OfficialFigure {
  id: number;
  kind: "official";
  region: { code: string; name_zh: string; name_en: string };
  year: number;
  period_from: number;
  metric: string;
  metric_zh: string;
  metric_en: string;
  value: number;
  unit: string;
  note_zh: string | null;
  note_en: string | null;
  source: Source;
}

export interface DatasetField {
  name: string;
  type: string;
  unit?: string;
  description: string;
}

export interface Dataset {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  kind: string;
  licence: { id: string; name: string; url: string };
  version: number;
  last_updated: string | null;
  keywords: string[];
  fields: DatasetField[];
  endpoint: string;
  /** Frictionless Table Schema of the CSV. */
  table_schema: string;
  downloads: { json: string; csv: string; csv_excel: string; ndjson: string };
  /** The dataset's fixed file in the newest citable snapshot, with the size and SHA-256 recorded when it was built. */
  snapshot: { id: number; created_at: string; url: string; media_type: string; bytes: number; sha256: string } | null;
}

export const API = {
  regions: "/api/v1/regions",
  region: (code: string) => `/api/v1/regions/${code}`,
  children: (code: string) => `/api/v1/regions?parent=${code}`,
  villages: "/api/v1/villages",
  villagesIn: (region: Pick<Region, "code" | "level">) =>
    region.level === "county" ? `/api/v1/villages?county=${region.code}` : `/api/v1/villages?township=${region.code}`,
  officialFigures: "/api/v1/statistics/official",
  officialFiguresFor: (code: string) => `/api/v1/statistics/official?region=${code}`,
  datasets: "/api/v1/datasets",
  catalog: "/api/v1/catalog.jsonld",
  docs: "/api/v1/docs",
  openapi: "/api/v1/openapi.json",
} as const;

/** The same query as CSV (for "every page links its JSON and CSV"). */
export function csvOf(path: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}format=csv`;
}

export const regionDetail = async (api: PageApi, code: string) => (await api.find<{ data: RegionDetail }>(API.region(code)))?.data ?? null;
export const childrenOf = (api: PageApi, code: string) => apiList<Region>(api, API.children(code));
export const datasets = async (api: PageApi) => (await apiGet<{ data: Dataset[] }>(api, API.datasets)).data;

/** The official figures for a region and everything below it (`/api/v1/statistics/official?region=`). */
export const officialFiguresWithin = (api: PageApi, code: string) => apiList<OfficialFigure>(api, API.officialFiguresFor(code));

/** The villages of a county or township, as `/api/v1/villages?county=|township=` lists them. */
export const villagesIn = (api: PageApi, region: Pick<Region, "code" | "level">) => apiList<Village>(api, API.villagesIn(region));

/** At most this many codes per `?codes=` read (the API's limit; each is a primary-key lookup). */
const CODES_PER_READ = 50;

/**
 * The named regions (`/api/v1/regions?codes=`), 50 codes a read, with every region above each
 * (its code's prefixes: province, city, county, township), so a page can show a place in its
 * tree while reading only the places it names, never a whole level.
 */
export async function regionsWithAncestors(api: PageApi, codes: Iterable<string>): Promise<Region[]> {
  const wanted = new Set<string>();
  for (const code of codes) {
    if (!/^\d{12}$/.test(code)) continue;
    for (const width of [2, 4, 6, 9]) wanted.add(code.slice(0, width).padEnd(12, "0"));
    wanted.add(code);
  }
  const sorted = [...wanted].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < sorted.length; i += CODES_PER_READ) chunks.push(sorted.slice(i, i + CODES_PER_READ));
  const lists = await Promise.all(chunks.map((chunk) => apiList<Region>(api, `${API.regions}?codes=${chunk.join(",")}`)));
  return lists.flat();
}

/** Regions (any set, parents before children once sorted by code) as a tree. */
export function treeOf(list: readonly Region[]): RegionTree {
  const regions = [...list].sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const children = new Map<string, Region[]>();
  const roots: Region[] = [];
  for (const r of regions) {
    if (r.parent_code === null || !byCode.has(r.parent_code)) roots.push(r);
    else children.set(r.parent_code, [...(children.get(r.parent_code) ?? []), r]);
  }
  return { byCode, children, roots };
}

export interface RegionTree {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  roots: Region[];
}

/**
 * The regions of the given levels with their children (code order), one list read per level:
 * the browsable tree and the form's region choices never need the villages of a whole country.
 */
export async function regionTree(api: PageApi, levels: RegionLevel[]): Promise<RegionTree> {
  const lists = await Promise.all(levels.map((level) => apiList<Region>(api, `${API.regions}?level=${level}`)));
  return treeOf(lists.flat());
}

/** Parent chain, top first (as /api/v1/regions/{code} gives it in `ancestors`). */
export function ancestorsOf(t: RegionTree, region: Region): Region[] {
  const chain: Region[] = [];
  let parent = region.parent_code ? t.byCode.get(region.parent_code) : undefined;
  while (parent) {
    chain.unshift(parent);
    parent = parent.parent_code ? t.byCode.get(parent.parent_code) : undefined;
  }
  return chain;
}
