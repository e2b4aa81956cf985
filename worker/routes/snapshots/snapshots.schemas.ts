import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { LedgerProofsSchema } from "../../schemas/ledger";
import { SnapshotFileSchema, SnapshotSchema } from "../../schemas/snapshots";

export { SnapshotSchema };

export const SnapshotListQuery = z.strictObject({ ...listParams });

const SnapshotId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "must be a snapshot number (1, 2, …)")
  .transform(Number)
  .openapi({ param: { name: "id", in: "path" }, example: "1", description: "Snapshot N" });

export const SnapshotParam = z.object({ id: SnapshotId });

export const SnapshotFileParam = z.object({
  id: SnapshotId,
  file: z
    .string()
    .regex(/^(datapackage\.json|[a-z][a-z0-9_]{0,63}\.csv)$/, "must be datapackage.json or <dataset>.csv")
    .openapi({ param: { name: "file", in: "path" }, example: "datapackage.json", description: "datapackage.json or one of its CSV files" }),
});

export const SnapshotDetailSchema = z
  .object({
    data: SnapshotSchema.extend({
      files: z.array(SnapshotFileSchema).openapi({ description: "Every CSV with its size and SHA-256 (the same as in datapackage.json)" }),
      ledger: LedgerProofsSchema.openapi({
        description: "The snapshot's ledger entry with its inclusion proof: the leaf's `package_hash` must equal SHA-256 of the downloaded datapackage.json.",
      }),
    }),
  })
  .openapi("SnapshotDetail");
