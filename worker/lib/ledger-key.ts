import { importSigningKey, type LedgerKey } from "../domain/ledger";
import { ApiError } from "./errors";

/**
 * The ledger's Ed25519 signing key comes from the Worker secret LEDGER_SIGNING_KEY
 * (`wrangler secret put LEDGER_SIGNING_KEY`; `npm start` writes a development key into
 * .dev.vars). Read through Reflect so the generated Env type need not know the secret.
 */
export function ledgerSecret(env: object): string | undefined {
  const value: unknown = Reflect.get(env, "LEDGER_SIGNING_KEY");
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

// Importing a key costs a few WebCrypto calls; keep the last one per isolate, keyed by
// the secret itself so a rotated secret is picked up at once.
let cached: { secret: string; key: Promise<LedgerKey> } | undefined;

/** The signing key, or a 503 in the error shape when the secret is missing or unusable. */
export async function ledgerKey(env: object): Promise<LedgerKey> {
  const secret = ledgerSecret(env);
  if (!secret) {
    throw new ApiError(503, "ledger_key_missing", "The ledger signing key is not configured (Worker secret LEDGER_SIGNING_KEY), so nothing can be recorded.");
  }
  if (cached?.secret !== secret) cached = { secret, key: importSigningKey(secret) };
  try {
    return await cached.key;
  } catch {
    cached = undefined;
    throw new ApiError(503, "ledger_key_invalid", "The ledger signing key (LEDGER_SIGNING_KEY) is not a usable Ed25519 private key.");
  }
}
