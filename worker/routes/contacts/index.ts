import { createRouter } from "../../lib/router";
import { listContactsHandler } from "./contacts.handlers";
import { listContactsRoute } from "./contacts.routes";

export const contactsRouter = createRouter().openapi(listContactsRoute, listContactsHandler);
