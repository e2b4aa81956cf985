import { createRouter } from "../../lib/router";
import { takeSnapshotHandler } from "./admin-snapshots.handlers";
import { takeSnapshotRoute } from "./admin-snapshots.routes";

export const adminSnapshotsRouter = createRouter().openapi(takeSnapshotRoute, takeSnapshotHandler);
