import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb, type Db } from "../../db/client";
import { consistencyProof, getEntry, getHead, inclusionProofs, listEntries, type LedgerEntryWithHash, type LedgerHeadRow } from "../../db/queries/ledger";
import { fromBase64, spkiPem, toBase64, toHex } from "../../domain/ledger";
import { readKeyHistory } from "../../ledger/keys";
import { d1Sql } from "../../ledger/sql";
import type { AppEnv } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { ledgerKey, ledgerSecret } from "../../lib/ledger-key";
import { respondList, respondOne } from "../../lib/listing";
import { headJson, requireLatestHead } from "../../lib/tree-head";
import type { consistencyRoute, entriesRoute, headRoute, inclusionRoute, keyRoute, keysRoute } from "./ledger.routes";
import { LedgerEntrySchema } from "./ledger.schemas";
import { provenanceOf } from "../../schemas/provenance";

const LEDGER = ["ledger"] as const;

const ENTRY_BASIS =
  "Append-only ledger entry of a public record: a money row, a notice's fingerprint (opened, superseded, announced), a need's pledge or delivery, or a snapshot's package hash; `demo` is the recorded row's own flag";

export function entryJson(row: LedgerEntryWithHash) {
  return {
    index: row.idx,
    type: row.type,
    subject_id: row.subjectId,
    recorded_at: row.recordedAt,
    leaf: row.leaf,
    leaf_hash: row.leafHash,
    provenance: provenanceOf("administrative", row.demo, ENTRY_BASIS),
  };
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

/** A public key as the API shows it (SPKI DER, raw, PEM, JWK). */
function keyJson(keyId: string, spki: Uint8Array) {
  // An Ed25519 SPKI is a fixed 12-byte header followed by the 32-byte key.
  const raw = spki.slice(spki.length - 32);
  return {
    algorithm: "Ed25519" as const,
    key_id: keyId,
    public_key: toBase64(spki),
    public_key_raw: toHex(raw),
    public_key_pem: spkiPem(spki),
    jwk: { kty: "OKP" as const, crv: "Ed25519" as const, x: toBase64(raw).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") },
  };
}

export const keyHandler: RouteHandler<typeof keyRoute, AppEnv> = async (c) => {
  const key = await ledgerKey(c.env);
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ data: keyJson(key.keyId, key.spki) }, 200);
};

export const keysHandler: RouteHandler<typeof keysRoute, AppEnv> = async (c) => {
  const history = await readKeyHistory(d1Sql(c.env.DB));
  // The configured key, when it has not signed yet (just rotated), signs from the next head on.
  const current = ledgerSecret(c.env) ? await ledgerKey(c.env).catch(() => undefined) : undefined;
  const data = history.map((row, i) => ({
    ...keyJson(row.key_id, fromBase64(row.public_key)),
    valid_from_size: row.valid_from_size as number | null,
    valid_from: new Date(row.valid_from_timestamp).toISOString() as string | null,
    valid_until_size: (history[i + 1]?.valid_from_size ?? null) as number | null,
    current: current ? current.keyId === row.key_id : i === history.length - 1,
  }));
  if (current && !history.some((row) => row.key_id === current.keyId)) {
    data.push({ ...keyJson(current.keyId, current.spki), valid_from_size: null, valid_from: null, valid_until_size: null, current: true });
    for (const row of data) row.current = row.key_id === current.keyId;
  }
  c.header("Cache-Control", "public, max-age=60");
  return c.json({ data }, 200);
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
