import { createRoute, z } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { ErrorSchema, errorResponses, publicErrors } from "../../lib/schemas";
import { ConsistencyQuery, ConsistencyResultSchema, EntriesQuery, InclusionQuery, InclusionResultSchema, LedgerEntrySchema, LedgerKeyHistorySchema, LedgerKeySchema, TreeHeadSchema } from "./ledger.schemas";

const tags = ["Ledger"];
const NOT_MODIFIED = { description: "Not modified (If-None-Match matched the ledger version)" };

export const headRoute = createRoute({
  method: "get",
  path: "/ledger/head",
  tags,
  summary: "The latest signed tree head",
  description: "The root of the ledger's RFC 6962 Merkle tree over all entries so far, signed with the portal's Ed25519 key (see /ledger/key).",
  responses: { 200: { description: "Signed tree head", content: { "application/json": { schema: z.object({ data: TreeHeadSchema }) } } }, 304: NOT_MODIFIED, ...publicErrors },
});

export const keyRoute = createRoute({
  method: "get",
  path: "/ledger/key",
  tags,
  summary: "The public key that signs tree heads",
  responses: {
    200: { description: "Ed25519 public key", content: { "application/json": { schema: z.object({ data: LedgerKeySchema }) } } },
    ...errorResponses(500),
    503: { description: "The signing key is not configured (error shape)", content: { "application/json": { schema: ErrorSchema } } },
  },
});

export const keysRoute = createRoute({
  method: "get",
  path: "/ledger/keys",
  tags,
  summary: "Every key that ever signed tree heads",
  description:
    "Key rotation as transparency logs do it: each key signs the heads from `valid_from_size` until the next key's. Every head names its key (`key_id`); check an old head with the key valid at its size.",
  responses: {
    200: { description: "The key history, oldest first", content: { "application/json": { schema: LedgerKeyHistorySchema } } },
    ...errorResponses(500),
  },
});

export const entriesRoute = createRoute({
  method: "get",
  path: "/ledger/entries",
  tags,
  summary: "Ledger entries",
  description: "Every entry in index order with its canonical JSON leaf and leaf hash. `start`/`end` select an index range.",
  request: { query: EntriesQuery },
  responses: { ...listResponses(LedgerEntrySchema, "LedgerEntryList"), ...publicErrors },
});

export const inclusionRoute = createRoute({
  method: "get",
  path: "/ledger/proof/inclusion",
  tags,
  summary: "Inclusion proof of one entry",
  description: "Proves that entry `index` is in the signed tree of `tree_size` entries (RFC 9162 §2.1.3).",
  request: { query: InclusionQuery },
  responses: { 200: { description: "Proof with the entry and the signed head", content: { "application/json": { schema: InclusionResultSchema } } }, 304: NOT_MODIFIED, ...publicErrors },
});

export const consistencyRoute = createRoute({
  method: "get",
  path: "/ledger/proof/consistency",
  tags,
  summary: "Consistency proof between two signed heads",
  description: "Proves that the tree of `second` entries extends the tree of `first` entries, i.e. nothing already recorded was changed (RFC 9162 §2.1.4).",
  request: { query: ConsistencyQuery },
  responses: { 200: { description: "Proof with both signed heads", content: { "application/json": { schema: ConsistencyResultSchema } } }, 304: NOT_MODIFIED, ...publicErrors },
});
