import { createRouter } from "../../lib/router";
import {
  announceNoticeHandler,
  answerObjectionHandler,
  closeNoticeHandler,
  createNoticeHandler,
  editNoticeHandler,
  getAdminNoticeHandler,
  openNoticeHandler,
} from "./admin-notices.handlers";
import {
  announceNoticeRoute,
  answerObjectionRoute,
  closeNoticeRoute,
  createNoticeRoute,
  editNoticeRoute,
  getAdminNoticeRoute,
  openNoticeRoute,
} from "./admin-notices.routes";

export const adminNoticesRouter = createRouter()
  .openapi(createNoticeRoute, createNoticeHandler)
  .openapi(getAdminNoticeRoute, getAdminNoticeHandler)
  .openapi(editNoticeRoute, editNoticeHandler)
  .openapi(openNoticeRoute, openNoticeHandler)
  .openapi(closeNoticeRoute, closeNoticeHandler)
  .openapi(announceNoticeRoute, announceNoticeHandler)
  .openapi(answerObjectionRoute, answerObjectionHandler);
