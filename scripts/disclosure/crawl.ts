/**
 * Reads every public output of a running portal, for the release gate: every GET list
 * endpoint in the OpenAPI document (outside /admin), once per combination of its enum
 * query parameters (so every level and breakdown of the register statistics is seen),
 * paged through in JSON and downloaded whole in CSV and NDJSON; the dataset catalogue
 * and every download link it lists; the other parameterless GETs; every path-parameter
 * endpoint for up to `pathValues` values of its parameter taken from the lists (a region
 * code, a need's or a contact's id: whatever the API itself published); and the HTML pages
 * reachable by links from the home page, in both languages, up to `maxPages` (pages are
 * rendered on demand, so crawling is the only way to see them); and the needs' and the
 * accountability cases' pages (lists page by page, each record's page by the ids the API
 * published), read on purpose since they sit far from the home page. `get` is injected: the
 * command line passes fetch against a URL, the tests the Worker's own entry point.
 *
 * Scope: `npm run disclosure-check` reads everything (FULL_CRAWL); the contract test reads
 * a few values per path parameter and a few dozen pages (its setup has a hook budget), so
 * it proves the crawl and the checker work on each kind of output, and the command proves
 * the whole portal.
 */
import type { PublishedOutput } from "../../worker/domain/disclosure/release-gate";

export type Get = (path: string) => Promise<Response>;

interface Operation {
  path: string;
  /** Path parameters (`{code}`), filled from values seen in the lists. */
  pathParams: string[];
  enums: [name: string, values: string[]][];
  isList: boolean;
}

/**
 * Query parameters whose values shape the output format, not what is published. `sort` only
 * reorders the same rows (keyset-paged), so crawling each order would multiply the reads of
 * every list by its number of orders without adding an output.
 */
const FORMAT_PARAMS = new Set(["format", "bom", "limit", "cursor", "sort"]);
const MAX_COMBINATIONS = 200;

export interface CrawlScope {
  /** Values tried per path parameter (0: no path-parameter endpoint). */
  pathValues: number;
  /** HTML pages read at most (0: none). */
  maxPages: number;
  /** Enum combinations read per list endpoint (at most MAX_COMBINATIONS). */
  maxCombinations?: number;
  /** Only API paths (OpenAPI templates and catalogue downloads) this accepts (tests that need one endpoint). */
  only?: (path: string) => boolean;
  /**
   * The needs and accountability pages (PROCESS_PAGES), read apart from `maxPages`: per list and
   * language, up to this many of the list's pages (through its "next" links) and of its records'
   * pages, by the ids the API lists published. 0 or absent: none.
   */
  processPages?: number;
}
export const FULL_CRAWL: CrawlScope = { pathValues: 40, maxPages: 3000, processPages: 2000 };

/**
 * Public processes whose pages the crawl reads on purpose (issue 15): from the home page they
 * sit behind thousands of region pages, so the breadth-first crawl could spend `maxPages`
 * before reaching a need or a case. Each record's page is found by the ids its API list published.
 */
const PROCESS_PAGES = [
  { page: "/needs/", api: "/api/v1/needs", id: /^ned_[0-9a-z]+$/ },
  { page: "/accountability/", api: "/api/v1/accountability/cases", id: /^acc_[0-9a-z]+$/ },
] as const;

export async function publicOperations(get: Get): Promise<Operation[]> {
  const doc = (await (await get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, any>> };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const op = item.get;
    if (!op || path.startsWith("/api/v1/admin")) continue;
    const params: any[] = op.parameters ?? [];
    const isList = params.some((p) => p.name === "cursor");
    const enums: [string, string[]][] = params
      .filter((p) => p.in === "query" && !FORMAT_PARAMS.has(p.name) && Array.isArray(p.schema?.enum))
      .map((p) => [p.name, p.schema.enum.map(String)]);
    operations.push({ path, pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!), enums, isList });
  }
  return operations;
}

function combinations(enums: [string, string[]][], max = MAX_COMBINATIONS): URLSearchParams[] {
  let out: [string, string][][] = [[]];
  for (const [name, values] of enums) out = out.flatMap((prefix) => values.map((v) => [...prefix, [name, v] as [string, string]]));
  return [new URLSearchParams(), ...out.filter((c) => c.length > 0).slice(0, Math.min(max, MAX_COMBINATIONS)).map((c) => new URLSearchParams(c))];
}

async function text(get: Get, path: string): Promise<string | undefined> {
  const res = await get(path);
  if (res.status !== 200) return undefined;
  return res.text();
}

export async function crawlPublicOutputs(get: Get, onProgress?: (source: string) => void, scope: CrawlScope = FULL_CRAWL): Promise<PublishedOutput[]> {
  const outputs: PublishedOutput[] = [];
  const add = (source: string, format: PublishedOutput["format"], body: string | undefined) => {
    if (body !== undefined) outputs.push({ source, format, body });
    onProgress?.(source);
  };
  const operations = (await publicOperations(get)).filter((op) => scope.only?.(op.path) ?? true);
  for (const op of operations) {
    if (op.pathParams.length > 0) continue;
    if (!op.isList) {
      add(op.path, "json", await text(get, op.path));
      continue;
    }
    for (const params of combinations(op.enums, scope.maxCombinations)) {
      const query = params.toString();
      const base = query ? `${op.path}?${query}&` : `${op.path}?`;
      // JSON, page by page through the `next` links.
      let next: string | null = `${base}limit=1000`;
      while (next) {
        const body: string | undefined = await text(get, next);
        add(next, "json", body);
        if (body === undefined) break;
        const parsed = JSON.parse(body) as { next?: string | null };
        next = parsed.next ? new URL(parsed.next).pathname + new URL(parsed.next).search : null;
      }
      add(`${base}format=csv`, "csv", await text(get, `${base}format=csv`));
      add(`${base}format=ndjson`, "ndjson", await text(get, `${base}format=ndjson`));
    }
  }
  // Every download the catalogue advertises (the same data, but the links are what people use).
  const catalogue = (scope.only?.("/api/v1/datasets") ?? true) ? await text(get, "/api/v1/datasets") : undefined;
  if (catalogue) {
    for (const dataset of (JSON.parse(catalogue) as { data: { downloads: Record<string, string> }[] }).data) {
      for (const [kind, url] of Object.entries(dataset.downloads)) {
        const path = new URL(url).pathname + new URL(url).search;
        add(path, kind.startsWith("csv") ? "csv" : kind === "ndjson" ? "ndjson" : "json", await text(get, path));
      }
    }
  }
  // Path-parameter endpoints, with values the lists published (by field name).
  const seen = new Map<string, Set<string>>();
  // Values from the endpoint's own list first (a notice's id from /notices), then from any list.
  const seenIn = new Map<string, Map<string, Set<string>>>();
  if (scope.pathValues > 0 || (scope.processPages ?? 0) > 0) {
    for (const output of outputs) {
      if (output.format !== "json") continue;
      collectValues(output.body, seen);
      const list = output.source.split("?")[0]!;
      let own = seenIn.get(list);
      if (!own) seenIn.set(list, (own = new Map()));
      collectValues(output.body, own);
    }
  }
  for (const op of operations) {
    if (op.pathParams.length !== 1 || scope.pathValues === 0) continue;
    const name = op.pathParams[0]!;
    const field = name.endsWith("code") || name.endsWith("Code") ? "code" : name.endsWith("id") || name.endsWith("Id") ? "id" : name;
    const own = seenIn.get(op.path.slice(0, op.path.indexOf("/{")));
    const candidates = own?.get(name) ?? own?.get(field) ?? seen.get(name) ?? seen.get(field) ?? new Set();
    for (const value of [...candidates].sort().slice(0, scope.pathValues)) {
      const path = op.path.replace(`{${name}}`, encodeURIComponent(value));
      add(path, "json", await text(get, path));
    }
  }
  // HTML pages of the needs and accountability, in both languages: each list page by page
  // through its "next" links, then each record's page. The breadth-first crawl below skips them.
  const visited = new Set<string>();
  const html = async (path: string) => {
    visited.add(path);
    const res = await get(path);
    if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("text/html")) {
      await res.body?.cancel();
      return undefined;
    }
    const body = await res.text();
    add(path, "html", body);
    return body;
  };
  const budget = scope.processPages ?? 0;
  for (const kind of budget > 0 ? PROCESS_PAGES : []) {
    const ids = [...(seenIn.get(kind.api)?.get("id") ?? [])].filter((id) => kind.id.test(id)).sort().slice(0, budget);
    for (const prefix of ["", "/en"]) {
      let next: string | undefined = `${prefix}${kind.page}`;
      for (let read = 0; next && read < budget && !visited.has(next); read++) {
        const body = await html(next);
        const href = body && /<a href="([^"]+)" rel="next"/.exec(body)?.[1];
        next = href ? href.replace(/&amp;/g, "&") : undefined;
      }
      for (const id of ids) await html(`${prefix}${kind.page}${id}/`);
    }
  }

  // HTML pages, breadth first from the home pages, same origin only.
  const queue = scope.maxPages > 0 ? ["/", "/en/"].filter((p) => !visited.has(p)) : [];
  for (const path of queue) visited.add(path);
  let pages = 0;
  while (queue.length > 0 && pages < scope.maxPages) {
    const path = queue.shift()!;
    const res = await get(path);
    if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("text/html")) {
      await res.body?.cancel();
      continue;
    }
    const body = await res.text();
    pages++;
    add(path, "html", body);
    for (const match of body.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = match[1]!.replace(/&amp;/g, "&");
      if (link.startsWith("/api/") || link.startsWith("/_") || /\.(css|js|png|svg|ico|woff2?|xml|txt|json|csv)(\?|$)/.test(link) || visited.has(link)) continue;
      visited.add(link);
      queue.push(link);
    }
  }
  return outputs;
}

function collectValues(body: string, seen: Map<string, Set<string>>): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  const visit = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (typeof v === "string" && (key === "code" || key === "id" || key.endsWith("_code") || key.endsWith("_id"))) {
          let set = seen.get(key);
          if (!set) seen.set(key, (set = new Set()));
          if (set.size < 5000) set.add(v);
        } else visit(v);
      }
    }
  };
  visit(parsed);
}
