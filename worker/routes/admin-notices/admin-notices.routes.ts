import { z } from "@hono/zod-openapi";
import { createAdminRoute, IdempotencyHeader } from "../../admin";
import { errorResponses } from "../../lib/schemas";
import {
  AdminNoticeResponse,
  AdminNoticeWithObjectionsResponse,
  AdminObjectionResponse,
  AnnounceNoticeBody,
  AnswerObjectionBody,
  CreateNoticeBody,
  EditNoticeBody,
  NoticeIdParam,
  ObjectionIdParam,
  OpenNoticeBody,
} from "./admin-notices.schemas";

const json = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
const TAGS = ["Admin: notices"];

export const createNoticeRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/notices",
  tags: TAGS,
  summary: "Create a notice draft",
  description: "A draft is private and editable. Household items carry only the masked minimum (privacy.md); full names sent in `name` are masked on arrival and never stored.",
  request: { headers: IdempotencyHeader(), body: json(CreateNoticeBody) },
  responses: { 201: { description: "Draft created", content: { "application/json": { schema: AdminNoticeResponse } } }, ...errorResponses(400, 409, 422, 500) },
});

export const getAdminNoticeRoute = createAdminRoute({
  role: "viewer",
  method: "get",
  path: "/admin/notices/{id}",
  tags: TAGS,
  summary: "A notice with its items and objections (texts and contacts)",
  request: { params: NoticeIdParam },
  responses: { 200: { description: "The notice", content: { "application/json": { schema: AdminNoticeWithObjectionsResponse } } }, ...errorResponses(400, 404, 500) },
});

export const editNoticeRoute = createAdminRoute({
  role: "editor",
  method: "patch",
  path: "/admin/notices/{id}",
  tags: TAGS,
  summary: "Edit a draft",
  description: "Only drafts can be edited: once open, a notice is corrected by a new notice that supersedes it. `items`, when given, replaces all items.",
  request: { headers: IdempotencyHeader(), params: NoticeIdParam, body: json(EditNoticeBody) },
  responses: { 200: { description: "Edited", content: { "application/json": { schema: AdminNoticeResponse } } }, ...errorResponses(400, 404, 409, 422, 500) },
});

export const openNoticeRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/notices/{id}/open",
  tags: TAGS,
  summary: "Publish a draft and open its objection period",
  description:
    "Fixes the period (default: 7 days from today, Asia/Shanghai; it cannot start before today) and the SHA-256 fingerprint. A draft that supersedes another notice supersedes it now.",
  request: { headers: IdempotencyHeader(), params: NoticeIdParam, body: { required: false, content: { "application/json": { schema: OpenNoticeBody } } } },
  responses: { 200: { description: "Open", content: { "application/json": { schema: AdminNoticeResponse } } }, ...errorResponses(400, 404, 409, 422, 500) },
});

export const closeNoticeRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/notices/{id}/close",
  tags: TAGS,
  summary: "Close a notice after its objection period",
  description: "Refused (409) while the period is still running: residents keep their full period.",
  request: { headers: IdempotencyHeader(), params: NoticeIdParam },
  responses: { 200: { description: "Closed", content: { "application/json": { schema: AdminNoticeResponse } } }, ...errorResponses(400, 404, 409, 422, 500) },
});

export const announceNoticeRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/notices/{id}/announce",
  tags: TAGS,
  summary: "Announce the result of a closed notice",
  description: "Refused (409) while any objection is unanswered. Household items are withdrawn from public view from now on.",
  request: { headers: IdempotencyHeader(), params: NoticeIdParam, body: json(AnnounceNoticeBody) },
  responses: { 200: { description: "Announced", content: { "application/json": { schema: AdminNoticeResponse } } }, ...errorResponses(400, 404, 409, 422, 500) },
});

export const answerObjectionRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/objections/{id}/answer",
  tags: TAGS,
  summary: "Answer an objection (upheld or not)",
  request: { headers: IdempotencyHeader(), params: ObjectionIdParam, body: json(AnswerObjectionBody) },
  responses: { 200: { description: "Answered", content: { "application/json": { schema: AdminObjectionResponse } } }, ...errorResponses(400, 404, 409, 422, 500) },
});
