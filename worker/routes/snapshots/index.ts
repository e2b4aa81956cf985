import { createRouter } from "../../lib/router";
import { getSnapshotHandler, listSnapshotsHandler, snapshotFileHandler } from "./snapshots.handlers";
import { getSnapshotRoute, listSnapshotsRoute, snapshotFileRoute } from "./snapshots.routes";

export const snapshotsRouter = createRouter()
  .openapi(listSnapshotsRoute, listSnapshotsHandler)
  .openapi(getSnapshotRoute, getSnapshotHandler)
  .openapi(snapshotFileRoute, snapshotFileHandler);
