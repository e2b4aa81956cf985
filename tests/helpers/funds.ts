import { env } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { DEFAULT_SEED } from "../../worker/demo";
import { seedFunds, type FundsSeedResult } from "../../worker/demo/funds";
import { createRandom } from "../../worker/demo/random";
import { seedOnce } from "./api";

let seeded: Promise<FundsSeedResult> | undefined;
/**
 * The demo data plus the funds and donations demo, once per test file. Separate from
 * seedOnce because it writes a few thousand signed ledger entries, which only the funds,
 * donations and ledger tests need. Same seed and stream as `npm start`'s seedDemo.
 */
export function seedFundsOnce(): Promise<FundsSeedResult> {
  seeded ??= seedOnce().then(() => seedFunds(createDb(env.DB), createRandom(DEFAULT_SEED + 5), env.LEDGER_SIGNING_KEY));
  return seeded;
}
