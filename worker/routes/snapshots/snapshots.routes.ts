import { createRoute, z } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { errorResponses, publicErrors } from "../../lib/schemas";
import { SnapshotDetailSchema, SnapshotFileParam, SnapshotListQuery, SnapshotParam, SnapshotSchema } from "./snapshots.schemas";

const tags = ["Snapshots"];

export const listSnapshotsRoute = createRoute({
  method: "get",
  path: "/snapshots",
  tags,
  summary: "Citable snapshots of every public dataset",
  description:
    "Newest first. Each snapshot is a Frictionless Data Package (v2) — datapackage.json plus one CSV per dataset, each with its SHA-256 and size — taken hourly when any dataset changed, or on an administrator's request. Its package hash is in the transparency ledger, so a story can cite \"snapshot N, hash H\" and anyone can prove the files existed unchanged.",
  request: { query: SnapshotListQuery },
  responses: { ...listResponses(SnapshotSchema, "SnapshotList"), ...publicErrors },
});

export const getSnapshotRoute = createRoute({
  method: "get",
  path: "/snapshots/{id}",
  tags,
  summary: "One snapshot: its files and its ledger proof",
  description:
    "Its files with their sizes and SHA-256 (as in datapackage.json), and its `snapshot` ledger entry with an inclusion proof against the latest signed head: the leaf's `package_hash` must equal SHA-256 of the downloaded datapackage.json.",
  request: { params: SnapshotParam },
  responses: {
    200: { description: "The snapshot", content: { "application/json": { schema: SnapshotDetailSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const snapshotFileRoute = createRoute({
  method: "get",
  path: "/snapshots/{id}/{file}",
  tags,
  summary: "Download a snapshot's datapackage.json or one of its CSV files",
  description: "The bytes are those whose SHA-256 the package lists (and, for datapackage.json, the ledger holds); they never change, so they are served as immutable.",
  request: { params: SnapshotFileParam },
  responses: {
    200: {
      description: "The file",
      headers: z.object({ ETag: z.string(), "Content-Length": z.string() }),
      content: {
        "application/json": { schema: z.object({}).passthrough().openapi({ description: "datapackage.json (Frictionless Data Package v2)" }) },
        // A file of a package, not a list: the catalogue lists `/snapshots` itself.
        "text/csv; charset=utf-8": { schema: z.string().openapi({ description: "RFC 4180, UTF-8" }) },
      },
    },
    304: { description: "Not modified (If-None-Match matched the file's hash)" },
    ...errorResponses(400, 404, 500),
  },
});
