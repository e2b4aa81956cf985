import { z } from "@hono/zod-openapi";
import { LEDGER_ENTRY_TYPES } from "../../domain/ledger/entries";
import { listParams } from "../../lib/listing";
import { Hex32, TreeHeadSchema, LedgerEntrySchema } from "../../schemas/ledger";

const index = (what: string, min: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(Number.MAX_SAFE_INTEGER, "is too large")
    .openapi({ description: what });

export const LedgerKeySchema = z
  .object({
    algorithm: z.literal("Ed25519"),
    key_id: Hex32,
    public_key: z.string().openapi({ description: "SubjectPublicKeyInfo DER, base64" }),
    public_key_raw: z.string().openapi({ description: "The 32-byte Ed25519 public key, hex" }),
    public_key_pem: z.string(),
    jwk: z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string() }),
  })
  .openapi("LedgerKey");

export const LedgerKeyHistorySchema = z
  .object({
    data: z.array(
      LedgerKeySchema.extend({
        valid_from_size: z.number().int().nullable().openapi({ description: "First tree size this key signs (null: configured but not used yet; it signs from the next head)" }),
        valid_from: z.string().nullable().openapi({ description: "Time of the first head it signed (UTC)", format: "date-time" }),
        valid_until_size: z.number().int().nullable().openapi({ description: "First tree size signed by the next key (null for the newest)" }),
        current: z.boolean().openapi({ description: "true for the key that signs new heads" }),
      }),
    ),
  })
  .openapi("LedgerKeyHistory");

export const InclusionProofSchema = z
  .object({
    leaf_index: z.number().int(),
    tree_size: z.number().int(),
    leaf_hash: Hex32,
    audit_path: z.array(Hex32).openapi({ description: "RFC 9162 §2.1.3 inclusion proof, nearest the leaf first" }),
  })
  .openapi("InclusionProof");

export const InclusionResultSchema = z
  .object({
    data: InclusionProofSchema.extend({ entry: LedgerEntrySchema, tree_head: TreeHeadSchema }),
  })
  .openapi("InclusionResult");

export const ConsistencyResultSchema = z
  .object({
    data: z.object({
      first: z.number().int(),
      second: z.number().int(),
      proof: z.array(Hex32).openapi({ description: "RFC 9162 §2.1.4 consistency proof" }),
      first_head: TreeHeadSchema,
      second_head: TreeHeadSchema,
    }),
  })
  .openapi("ConsistencyResult");

export const EntriesQuery = z.strictObject({
  ...listParams,
  start: index("First entry index (inclusive)", 0).optional(),
  end: index("Entry index to stop before (exclusive)", 0).optional(),
  type: z.enum(LEDGER_ENTRY_TYPES, { error: `must be one of ${LEDGER_ENTRY_TYPES.join(", ")}` }).optional(),
});

export const InclusionQuery = z.strictObject({
  index: index("Index of the entry", 0),
  tree_size: index("Size of the signed tree to prove against (default: the latest head)", 1).optional(),
});

export const ConsistencyQuery = z.strictObject({
  first: index("Size of the older tree", 1),
  second: index("Size of the newer tree (default: the latest head)", 1).optional(),
});

export { TreeHeadSchema, LedgerEntrySchema };
