import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { ledgerKey } from "../../lib/ledger-key";
import { snapshotFileJson, snapshotJson } from "../../schemas/snapshots";
import { discardSnapshotFiles, type BuiltSnapshot } from "../../snapshots/build";
import { planSnapshot, publicFetch } from "../../snapshots";
import type { SnapshotResult } from "../../writes/snapshots";
import type { takeSnapshotRoute } from "./admin-snapshots.routes";

const present = (r: SnapshotResult) => ({ data: { ...snapshotJson(r.snapshot), files: r.resources.map((f) => snapshotFileJson(r.snapshot.id, f)), created: r.created } });

export const takeSnapshotHandler: RouteHandler<typeof takeSnapshotRoute, AppEnv> = async (c) => {
  let built: BuiltSnapshot | undefined;
  try {
    return await executeWrite(
      c,
      (r: SnapshotResult) => (r.created ? 201 : 200),
      async (ctx) => planSnapshot({ ...ctx, key: await ledgerKey(c.env) }, { bucket: c.env.SNAPSHOTS, fetch: publicFetch(c.env, c.executionCtx as unknown as ExecutionContext) }, "admin", (b) => (built = b)),
      present,
    );
  } catch (error) {
    // The batch did not run (a race, a refusal): its files must not linger unlisted.
    if (built) await discardSnapshotFiles(c.env.SNAPSHOTS, built.storagePrefix, built.resources.map((r) => r.path));
    throw error;
  }
};
