import { env } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { DEFAULT_SEED } from "../../worker/demo";
import { seedNeeds, type NeedsSeedResult } from "../../worker/demo/needs";
import { createRandom } from "../../worker/demo/random";
import { seedFundsOnce } from "./funds";

let seeded: Promise<NeedsSeedResult> | undefined;
/**
 * The demo data, the funds demo and the needs demo (Cili), once per test file, in the order
 * seedDemo writes them (the needs' pledges and deliveries follow the funds in the ledger).
 */
export function seedNeedsOnce(): Promise<NeedsSeedResult> {
  seeded ??= seedFundsOnce().then(() => seedNeeds(createDb(env.DB), createRandom(DEFAULT_SEED + 15), env.LEDGER_SIGNING_KEY));
  return seeded;
}
