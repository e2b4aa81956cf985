/**
 * Reads every public output of a running portal, for the release gate: every GET list
 * endpoint in the OpenAPI document (outside /admin), once per combination of its enum
 * query parameters (so every level and breakdown of the register statistics is seen),
 * paged through in JSON and downloaded whole in CSV and NDJSON; the dataset catalogue
 * and every download link it lists; and the other parameterless GETs. `get` is injected:
 * the command line passes fetch against a URL, the tests the Worker's own entry point.
 */
import type { PublishedOutput } from "../../worker/domain/disclosure/release-gate";

export type Get = (path: string) => Promise<Response>;

interface Operation {
  path: string;
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

export async function publicOperations(get: Get): Promise<Operation[]> {
  const doc = (await (await get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, any>> };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const op = item.get;
    if (!op || path.startsWith("/api/v1/admin") || path.includes("{")) continue;
    const params: any[] = op.parameters ?? [];
    const isList = params.some((p) => p.name === "cursor");
    const enums: [string, string[]][] = params
      .filter((p) => p.in === "query" && !FORMAT_PARAMS.has(p.name) && Array.isArray(p.schema?.enum))
      .map((p) => [p.name, p.schema.enum.map(String)]);
    operations.push({ path, enums, isList });
  }
  return operations;
}

function combinations(enums: [string, string[]][]): URLSearchParams[] {
  let out: [string, string][][] = [[]];
  for (const [name, values] of enums) out = out.flatMap((prefix) => values.map((v) => [...prefix, [name, v] as [string, string]]));
  return [new URLSearchParams(), ...out.filter((c) => c.length > 0).slice(0, MAX_COMBINATIONS).map((c) => new URLSearchParams(c))];
}

async function text(get: Get, path: string): Promise<string | undefined> {
  const res = await get(path);
  if (res.status !== 200) return undefined;
  return res.text();
}

export async function crawlPublicOutputs(get: Get, onProgress?: (source: string) => void): Promise<PublishedOutput[]> {
  const outputs: PublishedOutput[] = [];
  const add = (source: string, format: PublishedOutput["format"], body: string | undefined) => {
    if (body !== undefined) outputs.push({ source, format, body });
    onProgress?.(source);
  };
  for (const op of await publicOperations(get)) {
    if (!op.isList) {
      add(op.path, "json", await text(get, op.path));
      continue;
    }
    for (const params of combinations(op.enums)) {
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
  const catalogue = await text(get, "/api/v1/datasets");
  if (catalogue) {
    for (const dataset of (JSON.parse(catalogue) as { data: { downloads: Record<string, string> }[] }).data) {
      for (const [kind, url] of Object.entries(dataset.downloads)) {
        const path = new URL(url).pathname + new URL(url).search;
        add(path, kind.startsWith("csv") ? "csv" : kind === "ndjson" ? "ndjson" : "json", await text(get, path));
      }
    }
  }
  return outputs;
}
