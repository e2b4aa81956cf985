/** Response and parameter schemas for ledger shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { ProvenanceSchema } from "./provenance";
import { LEDGER_ENTRY_TYPES } from "../domain/ledger/entries";

export const Hex32 = z.string().regex(/^[0-9a-f]{64}$/).openapi({ description: "SHA-256, lowercase hex", example: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" });

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


export const LedgerEntrySchema = z
  .object({
    index: z.number().int().openapi({ description: "Entry index in the tree" }),
    type: z.enum(LEDGER_ENTRY_TYPES).openapi({ description: "donation, donation_allocation, fund_allocation, disbursement, project_budget, or one of the first four with _reversal; notice_opened, notice_superseded, notice_announced for a notice's fingerprint" }),
    subject_id: z.string().openapi({ description: "The donation, allocation, disbursement, project or notice the entry records" }),
    recorded_at: z.string().openapi({ description: "When it was recorded (UTC)", format: "date-time" }),
    leaf_hash: Hex32.openapi({ description: "SHA-256(0x00 || leaf), hex" }),
    leaf: z.string().openapi({ description: "The leaf: canonical JSON (RFC 8785 style); its hash is SHA-256(0x00 || UTF-8 bytes)" }),
    provenance: ProvenanceSchema,
  })
  .openapi("LedgerEntry");

export const EntryWithProofSchema = LedgerEntrySchema.extend({
  audit_path: z.array(z.string()).openapi({ description: "Inclusion proof of this entry against `tree_head` (RFC 9162 §2.1.3)" }),
});

/** A record's ledger entries with inclusion proofs against the latest signed head (lib/ledger-proofs.ts). */
export const LedgerProofsSchema = z
  .object({
    tree_head: TreeHeadSchema,
    entries: z.array(EntryWithProofSchema),
    how_to_verify: z.string(),
  })
  .openapi("LedgerProofs");
