import { createRouter } from "../../lib/router";
import { replaceContactsHandler } from "./admin-contacts.handlers";
import { replaceContactsRoute } from "./admin-contacts.routes";

export const adminContactsRouter = createRouter().openapi(replaceContactsRoute, replaceContactsHandler);
