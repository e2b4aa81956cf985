import { expect } from "vitest";
import { env, exports } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { seedDemo } from "../../worker/demo";

export const ORIGIN = "http://portal.test";

/** Sends a request through the Worker's real entry point (exports.default.fetch). */
export function api(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

let seeded: Promise<unknown> | undefined;
/** Loads the demo data once per test file (storage is isolated per file). */
export function seedOnce(): Promise<unknown> {
  // With the ledger key, so the demo notices' fingerprints are in the ledger (the funds demo
  // is added only where needed: tests/helpers/funds.ts).
  seeded ??= seedDemo(createDb(env.DB), { ledgerSigningKey: env.LEDGER_SIGNING_KEY, funds: false });
  return seeded;
}

export const db = () => createDb(env.DB);

/** D1 as it behaves during an outage: every statement fails (a page that reads anything is a 503). */
export function failingD1(): D1Database {
  const fail = () => {
    throw new Error("D1_ERROR: Network connection lost.");
  };
  return { prepare: fail, batch: fail, exec: fail, dump: fail, withSession: fail } as unknown as D1Database;
}

/**
 * Every row of a keyset-paged list, following `next` from `path` to the end (200 on every
 * page). Also returns the first page's envelope (its `meta`).
 */
export async function followList<T = any>(path: string): Promise<{ rows: T[]; first: { data: T[]; next: string | null; meta: any } }> {
  const rows: T[] = [];
  let next: string | null = path;
  let first: { data: T[]; next: string | null; meta: any } | undefined;
  while (next) {
    const res = await api(next);
    if (res.status !== 200) throw new Error(`${next}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { data: T[]; next: string | null; meta: any };
    first ??= body;
    rows.push(...body.data);
    next = body.next && new URL(body.next).pathname + new URL(body.next).search;
  }
  return { rows, first: first! };
}

/**
 * Reads each path's weak ETag and checks it answers 304 while nothing changed; then runs
 * `write` and checks every path answers 200 with a new ETag (a list's own writes must reach
 * its validators and edge-cache key).
 */
export async function expectEtagsChangeWith(paths: readonly string[], write: () => Promise<void>): Promise<void> {
  const before: string[] = [];
  for (const path of paths) {
    const tag = (await api(path)).headers.get("ETag");
    expect(tag, path).toMatch(/^W\/"/);
    expect((await api(path, { headers: { "If-None-Match": tag! } })).status, path).toBe(304);
    before.push(tag!);
  }
  await write();
  for (const [i, path] of paths.entries()) {
    const res = await api(path, { headers: { "If-None-Match": before[i]! } });
    expect(res.status, path).toBe(200);
    expect(res.headers.get("ETag"), path).not.toBe(before[i]);
  }
}
