import { z } from "@hono/zod-openapi";
import { SnapshotFileSchema, SnapshotSchema } from "../../schemas/snapshots";

export const SnapshotTakenSchema = z
  .object({
    data: SnapshotSchema.extend({
      files: z.array(SnapshotFileSchema),
      created: z.boolean().openapi({ description: "false when no public dataset changed since the last snapshot, which is then the answer" }),
    }),
  })
  .openapi("SnapshotTaken");
