/**
 * A content-addressed cache of protected tables (issue 16): the joint gate costs seconds to
 * minutes per county and year, and the demo register is imported by `npm start` and by every
 * test file that seeds the demo. The key is the SHA-256 of everything the gate's result
 * depends on — the households' facts (in file order), the year, and the previous year's
 * published rows (order-free) — so a hit is the result the gate computes for exactly that
 * input. What fills the cache is always the gate itself, run by the same code:
 * - the test run's global setup (tests/global-setup.ts) runs `registerTables` for the demo's
 *   releases once per `vitest run`, in Node, and hands the results to the workers
 *   (provide/inject → `preloadTables`);
 * - Node callers (scripts/seed.ts) may install a store (`useTablesStore`), e.g. files under
 *   .wrangler/ keyed also by a hash of the gate's source code, so a code change recomputes.
 * Nothing is ever computed here, and a miss simply runs the gate.
 */
import { METRIC_CODES } from "./categories";
import type { NeighbourRelease, RegisterHouseholdFacts, RegisterTables } from "./tables";

export interface TablesStore {
  get(key: string): RegisterTables | undefined | Promise<RegisterTables | undefined>;
  set(key: string, tables: RegisterTables): void | Promise<void>;
}

const preloaded = new Map<string, RegisterTables>();
let store: TablesStore | undefined;

/** Results the gate computed elsewhere in this run (the test run's global setup). */
export function preloadTables(entries: Readonly<Record<string, RegisterTables>>): void {
  for (const [key, tables] of Object.entries(entries)) preloaded.set(key, tables);
}

/** A persistent store (Node only: files), or undefined to stop using one. */
export function useTablesStore(next: TablesStore | undefined): void {
  store = next;
}

export async function cachedTables(key: string): Promise<RegisterTables | undefined> {
  return preloaded.get(key) ?? (await store?.get(key));
}

export async function storeTables(key: string, tables: RegisterTables): Promise<void> {
  await store?.set(key, tables);
}

/** The gate's input, hashed: households' facts in order, the year, the neighbours' rows sorted, which gate ran. */
export async function tablesKey(households: Iterable<RegisterHouseholdFacts>, year: number, neighbours: readonly NeighbourRelease[], joint = true): Promise<string> {
  const facts: unknown[] = [];
  for (const h of households) facts.push([h.villageCode, h.householdSize, h.cause, [...h.measures], h.identifiedYear, h.exitYear, h.returnedYear, h.monitoring]);
  const rows = neighbours
    .map((release) => [
      release.year,
      release.rows
        .map((r) => JSON.stringify([r.level, r.regionCode, r.breakdown, r.category, METRIC_CODES.map((m) => [r.figures[m].value, r.figures[m].disclosure])]))
        .sort(),
    ] as const)
    .sort((a, b) => a[0] - b[0]);
  // Tables computed without the joint gate must never answer for the gate (and back).
  const text = JSON.stringify({ year, facts, rows, ...(joint ? {} : { gate: "per-metric" }) });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
