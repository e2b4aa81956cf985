import { z } from "@hono/zod-openapi";
import { LEDGER_ENTRY_TYPES } from "../../domain/ledger/entries";
import { listParams } from "../../lib/listing";

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/).openapi({ description: "SHA-256, lowercase hex", example: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" });

const index = (what: string, min: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(Number.MAX_SAFE_INTEGER, "is too large")
    .openapi({ description: what });

export const TreeHeadSchema = z
  .object({
    tree_size: z.number().int().openapi({ description: "Number of entries in the tree" }),
    timestamp: z.number().int().openapi({ description: "Milliseconds since the Unix epoch (signed)" }),
    time: z.string().openapi({ description: "The timestamp in ISO 8601" }),
    root_hash: Hex32,
    signature: z.string().openapi({ description: "Ed25519 signature, base64, over `signed_message`" }),
    key_id: Hex32.openapi({ description: "SHA-256 of the public key's SubjectPublicKeyInfo (see /ledger/key)" }),
    signed_message: z.string().openapi({
      description: "The 50 signed bytes, hex: RFC 6962 §3.5 TreeHeadSignature — version 0, signature_type 1 (tree_hash), timestamp uint64, tree_size uint64, root hash",
    }),
  })
  .openapi("TreeHead");

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

export const LedgerEntrySchema = z
  .object({
    index: z.number().int().openapi({ description: "Entry index in the tree" }),
    type: z.enum(LEDGER_ENTRY_TYPES).openapi({ description: "donation, donation_allocation, fund_allocation, disbursement, project_budget, or one of the first four with _reversal" }),
    subject_id: z.string().openapi({ description: "The donation, allocation or disbursement the entry records" }),
    recorded_at: z.string().openapi({ description: "When it was recorded (UTC)", format: "date-time" }),
    leaf_hash: Hex32.openapi({ description: "SHA-256(0x00 || leaf), hex" }),
    leaf: z.string().openapi({ description: "The leaf: canonical JSON (RFC 8785 style); its hash is SHA-256(0x00 || UTF-8 bytes)" }),
  })
  .openapi("LedgerEntry");

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
