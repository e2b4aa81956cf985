import { createRouter } from "../../lib/router";
import { listChangesHandler } from "./changes.handlers";
import { listChangesRoute } from "./changes.routes";

export const changesRouter = createRouter().openapi(listChangesRoute, listChangesHandler);
