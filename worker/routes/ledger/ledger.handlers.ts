import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb, type Db } from "../../db/client";
import { consistencyProof, getEntry, getHead, getLatestHead, inclusionProofs, listEntries, type LedgerEntryWithHash, type LedgerHeadRow } from "../../db/queries/ledger";
import { fromHex, spkiPem, toBase64, toHex, treeHeadMessage } from "../../domain/ledger";
import type { AppEnv } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { ledgerKey } from "../../lib/ledger-key";
import { respondList, respondOne } from "../../lib/listing";
import type { consistencyRoute, entriesRoute, headRoute, inclusionRoute, keyRoute } from "./ledger.routes";
import { LedgerEntrySchema } from "./ledger.schemas";

const LEDGER = ["ledger"] as const;

export function headJson(head: LedgerHeadRow) {
  return {
    tree_size: head.treeSize,
    timestamp: head.timestamp,
    time: new Date(head.timestamp).toISOString(),
    root_hash: head.rootHash,
    signature: head.signature,
    key_id: head.keyId,
    signed_message: toHex(treeHeadMessage({ treeSize: head.treeSize, timestamp: head.timestamp, rootHash: fromHex(head.rootHash) })),
  };
}

export function entryJson(row: LedgerEntryWithHash) {
  return { index: row.idx, type: row.type, subject_id: row.subjectId, recorded_at: row.recordedAt, leaf: row.leaf, leaf_hash: row.leafHash };
}

export async function requireLatestHead(db: Db): Promise<LedgerHeadRow> {
  const head = await getLatestHead(db);
  if (!head) throw new ApiError(404, "ledger_empty", "The ledger has no entries yet, so there is no signed head.");
  return head;
}

async function requireHead(db: Db, size: number, param: string): Promise<LedgerHeadRow> {
  const head = await getHead(db, size);
  if (!head) {
    throw new ApiError(404, "head_not_found", `No signed tree head has tree size ${size} (${param}); the latest is at /api/v1/ledger/head.`, [
      { path: param, message: "no signed head of this size" },
    ]);
  }
  return head;
}

export const headHandler: RouteHandler<typeof headRoute, AppEnv> = async (c) => {
  const db = createDb(c.env.DB);
  return respondOne(c, LEDGER, async () => headJson(await requireLatestHead(db)));
};

export const keyHandler: RouteHandler<typeof keyRoute, AppEnv> = async (c) => {
  const key = await ledgerKey(c.env);
  c.header("Cache-Control", "public, max-age=300");
  return c.json({
    data: {
      algorithm: "Ed25519" as const,
      key_id: key.keyId,
      public_key: toBase64(key.spki),
      public_key_raw: toHex(key.raw),
      public_key_pem: spkiPem(key.spki),
      jwk: { kty: "OKP" as const, crv: "Ed25519" as const, x: toBase64(key.raw).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") },
    },
  }, 200);
};

export const entriesHandler: RouteHandler<typeof entriesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  if (query.start !== undefined && query.end !== undefined && query.end < query.start) {
    throw new ApiError(400, "invalid_request", "Invalid query: query.end — must not be below start", [{ path: "query.end", message: "must not be below start" }]);
  }
  const db = createDb(c.env.DB);
  const filters = { start: query.start, end: query.end, type: query.type };
  return respondList(c, query, {
    dataset: "ledger",
    filename: "ledger-entries",
    keySchema: z.number().int().min(0),
    keyOf: (row) => row.idx,
    page: (after, limit) => listEntries(db, filters, after, limit),
    toJson: entryJson,
    schema: LedgerEntrySchema,
    meta: { filters },
  });
};

export const inclusionHandler: RouteHandler<typeof inclusionRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  return respondOne(c, LEDGER, async () => {
    const head = query.tree_size === undefined ? await requireLatestHead(db) : await requireHead(db, query.tree_size, "query.tree_size");
    if (query.index >= head.treeSize) {
      throw new ApiError(400, "invalid_request", `Invalid query: query.index — must be below the tree size ${head.treeSize}`, [
        { path: "query.index", message: `must be below the tree size ${head.treeSize}` },
      ]);
    }
    const [proof] = await inclusionProofs(db, [query.index], head.treeSize);
    const entry = (await getEntry(db, query.index))!;
    return { ...proof!, entry: entryJson({ ...entry, leafHash: proof!.leaf_hash }), tree_head: headJson(head) };
  });
};

export const consistencyHandler: RouteHandler<typeof consistencyRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  return respondOne(c, LEDGER, async () => {
    const second = query.second === undefined ? await requireLatestHead(db) : await requireHead(db, query.second, "query.second");
    if (query.first > second.treeSize) {
      throw new ApiError(400, "invalid_request", `Invalid query: query.first — must not exceed second (${second.treeSize})`, [
        { path: "query.first", message: `must not exceed second (${second.treeSize})` },
      ]);
    }
    const first = await requireHead(db, query.first, "query.first");
    const proof = await consistencyProof(db, first.treeSize, second.treeSize);
    return { first: first.treeSize, second: second.treeSize, proof, first_head: headJson(first), second_head: headJson(second) };
  });
};
