import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { getSnapshot, listSnapshots, snapshotFile, snapshotFiles } from "../../db/queries/snapshots";
import type { AppEnv } from "../../lib/app-env";
import { notFound } from "../../lib/errors";
import { provenEntries } from "../../lib/ledger-proofs";
import { respondList, respondOne } from "../../lib/listing";
import { snapshotFileJson, snapshotJson, SnapshotSchema } from "../../schemas/snapshots";
import { DATAPACKAGE_FILE } from "../../snapshots/package";
import type { getSnapshotRoute, listSnapshotsRoute, snapshotFileRoute } from "./snapshots.routes";

export const listSnapshotsHandler: RouteHandler<typeof listSnapshotsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  return respondList(c, query, {
    dataset: "snapshots",
    filename: "snapshots",
    keySchema: z.number().int().min(1),
    keyOf: (row) => row.id,
    page: (after, limit) => listSnapshots(db, after, limit),
    toJson: snapshotJson,
    schema: SnapshotSchema,
  });
};

export const getSnapshotHandler: RouteHandler<typeof getSnapshotRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const snapshot = await getSnapshot(db, id);
  if (!snapshot) throw notFound("snapshot", String(id));
  // The ledger too: the proof is against its latest head.
  return respondOne(c, ["snapshots", "ledger"], async () => {
    const [files, ledger] = await Promise.all([snapshotFiles(db, id), provenEntries(db, [snapshot.ledgerIndex])]);
    return { ...snapshotJson(snapshot), files: files.map((f) => snapshotFileJson(id, f)), ledger };
  });
};

/** Files are written once and named by snapshot: served straight from R2, immutable. */
export const snapshotFileHandler: RouteHandler<typeof snapshotFileRoute, AppEnv> = async (c) => {
  const { id, file } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const snapshot = await getSnapshot(db, id);
  if (!snapshot) throw notFound("snapshot", String(id));
  const listed = file === DATAPACKAGE_FILE ? { sha256: snapshot.packageHash } : await snapshotFile(db, id, file);
  if (!listed) throw notFound("snapshot file", `${id}/${file}`);
  const etag = `"${listed.sha256}"`;
  if (c.req.header("If-None-Match") === etag) return c.body(null, 304, { ETag: etag });
  const object = await c.env.SNAPSHOTS.get(`${snapshot.storagePrefix}/${file}`);
  if (!object) throw notFound("snapshot file", `${id}/${file}`);
  return new Response(object.body, {
    headers: {
      "Content-Type": file === DATAPACKAGE_FILE ? "application/json" : "text/csv; charset=utf-8",
      "Content-Length": String(object.size),
      "Content-Disposition": `inline; filename="gongkai-snapshot-${id}-${file}"`,
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: etag,
    },
  });
};
