/** Response schemas of citable snapshots shared by the public and admin route folders. */
import { z } from "@hono/zod-openapi";
import { Hex32 } from "./ledger";
import { provenanceOf, ProvenanceSchema } from "./provenance";

export const SnapshotFileSchema = z.object({
  name: z.string().openapi({ description: "The dataset (resource name in datapackage.json)", example: "villages" }),
  path: z.string().openapi({ description: "File name, relative to the package", example: "villages.csv" }),
  url: z.string().openapi({ description: "Download path (stable: the file never changes)", example: "/api/v1/snapshots/1/villages.csv" }),
  bytes: z.number().int().openapi({ description: "Size in bytes" }),
  sha256: Hex32.openapi({ description: "SHA-256 of the file, hex (also in datapackage.json as `hash: sha256:…`)" }),
});

export const SnapshotSchema = z
  .object({
    id: z.number().int().openapi({ description: "Snapshot N, as a story cites it", example: 1 }),
    created_at: z.string().openapi({ description: "When it was taken (UTC)", format: "date-time" }),
    trigger: z.enum(["cron", "admin"]).openapi({ description: "Taken by the hourly schedule or on an administrator's request" }),
    package_hash: Hex32.openapi({ description: "SHA-256 of datapackage.json (which lists every file's hash and size): the hash a citation gives" }),
    package_bytes: z.number().int().openapi({ description: "Size of datapackage.json in bytes" }),
    total_bytes: z.number().int().openapi({ description: "All files together, in bytes" }),
    resource_count: z.number().int().openapi({ description: "Datasets (CSV files) in the package" }),
    ledger_index: z.number().int().openapi({ description: "Its entry in the transparency ledger (type `snapshot`)" }),
    datapackage_url: z.string().openapi({ description: "The Frictionless Data Package (v2) descriptor", example: "/api/v1/snapshots/1/datapackage.json" }),
    build_ms: z.number().int().openapi({ description: "Time taken to build it, milliseconds" }),
    provenance: ProvenanceSchema,
  })
  .openapi("Snapshot");

export function snapshotJson(row: { id: number; createdAt: string; trigger: "cron" | "admin"; packageHash: string; packageBytes: number; totalBytes: number; resourceCount: number; ledgerIndex: number; buildMs: number }) {
  return {
    id: row.id,
    created_at: row.createdAt,
    trigger: row.trigger,
    package_hash: row.packageHash,
    package_bytes: row.packageBytes,
    total_bytes: row.totalBytes,
    resource_count: row.resourceCount,
    ledger_index: row.ledgerIndex,
    datapackage_url: `/api/v1/snapshots/${row.id}/datapackage.json`,
    build_ms: row.buildMs,
    // A record of what the portal published; whether the rows inside are demo data, each row says itself.
    provenance: provenanceOf("administrative", false, "A package of the portal's public datasets as published at created_at; each row in it states its own provenance and whether it is demo data"),
  };
}

export function snapshotFileJson(id: number, file: { name: string; path: string; bytes: number; sha256: string }) {
  return { name: file.name, path: file.path, url: `/api/v1/snapshots/${id}/${file.path}`, bytes: file.bytes, sha256: file.sha256 };
}
