import { createRouter } from "../../lib/router";
import { createObjectionHandler, getNoticeHandler, getObjectionHandler, listNoticesHandler, noticesAtomHandler } from "./notices.handlers";
import { createObjectionRoute, getNoticeRoute, getObjectionRoute, listNoticesRoute, noticesAtomRoute } from "./notices.routes";

export const noticesRouter = createRouter()
  .openapi(listNoticesRoute, listNoticesHandler)
  .openapi(noticesAtomRoute, noticesAtomHandler)
  .openapi(getNoticeRoute, getNoticeHandler)
  .openapi(createObjectionRoute, createObjectionHandler)
  .openapi(getObjectionRoute, getObjectionHandler);
