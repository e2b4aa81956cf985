/**
 * How the funds screens run a write: the admin API's own function with the ledger's signing
 * key, its refusals' amounts said in yuan. Shared by the funds screens (./index.ts) and the
 * amendment screens (./amendments.ts).
 */
import { ledgerKey } from "../../lib/ledger-key";
import type { FundsContext, FundsPlan } from "../../writes/funds-context";
import { WriteRefusal, type WriteContext } from "../../writes/plan";
import type { C } from "../kit";

export const PROJECT_ID = /^prj_[0-9a-z]{4,36}$/;

/**
 * The write refusals that name an amount name it in fen ("at most 12345 fen remain", "at least
 * 12345 fen are already allocated"); the console says it in yuan. The refusal's message
 * becomes the amount, which messages.ts puts into its sentence.
 */
function inYuan(error: unknown): unknown {
  if (!(error instanceof WriteRefusal)) return error;
  const m = /at (?:most|least) (\d+) fen/.exec(error.details[0]?.message ?? "");
  if (!m) return error;
  const amount = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(m[1]) / 100);
  return new WriteRefusal(error.kind, error.code, amount, error.details);
}

/** A funds write as the admin API runs it: with the ledger's signing key. */
export const fundsWrite =
  <Body extends object>(c: C, write: (ctx: FundsContext) => Promise<FundsPlan<Body>>) =>
  async (ctx: WriteContext): Promise<FundsPlan<Body>> => {
    try {
      return await write({ ...ctx, key: await ledgerKey(c.env) });
    } catch (error) {
      throw inYuan(error);
    }
  };
