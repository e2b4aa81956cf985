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
