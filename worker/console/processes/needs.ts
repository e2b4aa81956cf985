/**
 * Needs in the console (issue 15 §1): the scope's needs (open first), posting a need, and on a
 * need's page recording its delivery or closing it (expired / withdrawn) with a reason. Every
 * form is checked with the admin API's own schemas (admin-needs.schemas.ts) and runs the admin
 * API's write functions (worker/writes/needs.ts) with the ledger's key, as the staff member.
 */
import { z } from "zod";
import { createDb } from "../../db/client";
import { localDateOf } from "../../domain/notice-window";
import { ledgerKey } from "../../lib/ledger-key";
import { getNeed, staffNeedsQuery, type NeedKey } from "../../needs/queries";
import { NEED_BENEFICIARIES, NEED_CATEGORIES, NEED_CLOSE_REASONS, NEED_MAX_AMOUNT_FEN } from "../../needs/rules";
import { CloseNeedBody, DeliveryBody, PostNeedBody } from "../../routes/admin-needs/admin-needs.schemas";
import { closeNeed, d1NeedsRecords, postNeed, recordDelivery, type NeedsContext, type NeedsPlan } from "../../writes/needs";
import { requireScope, unknownRecord, type WriteContext } from "../../writes/plan";
import type { ConsoleFieldError, ConsoleLocals } from "../../../site/src/lib/console";
import type { ConsoleRoute } from "../kit";
import { blank, scopeFilter, schemaErrors, valuesOf, withSchemaErrors, yuanField, type Again } from "../kit";
import { defaultField, formOf, nowOf, page, prefixOf, submit, withDone, type C } from "../kit";
import { readPage } from "./paging";

const NEED_ID = /^ned_[0-9a-z]{4,36}$/;
/** The board's key (status rank, id), as the public list's cursor carries it. */
const NeedKeySchema: z.ZodType<NeedKey> = z.tuple([z.number().int().min(0).max(4), z.string().regex(NEED_ID)]);

export const NEEDS_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/needs", role: "viewer", handler: (c) => needsPage(c) },
  { method: "POST", path: "/admin/needs/new", role: "editor", handler: postNeedForm },
  { method: "GET", path: "/admin/needs/:id", role: "viewer", handler: (c) => needPage(c) },
  { method: "POST", path: "/admin/needs/:id/delivery", role: "editor", handler: deliveryForm },
  { method: "POST", path: "/admin/needs/:id/close", role: "editor", handler: closeForm },
];

/** A needs write as the admin API runs it: with the ledger's signing key (pledges and deliveries are ledger entries). */
const needsWrite = (c: C, write: (ctx: NeedsContext) => Promise<NeedsPlan>) => async (ctx: WriteContext) => write({ ...ctx, key: await ledgerKey(c.env) });

const amountField = (path: string) => (path === "body.amount_fen" ? "amount" : defaultField(path));

/** The schema's ceiling is in fen; the form is typed in yuan, so its message says yuan. */
function inYuan(c: C, errors: ConsoleFieldError[], error: z.ZodError | undefined): ConsoleFieldError[] {
  if (!error?.issues.some((i) => i.path[0] === "amount_fen" && i.code === "too_big")) return errors;
  const yuan = (NEED_MAX_AMOUNT_FEN / 100).toLocaleString("en");
  const message = c.get("lang") === "en" ? `The amount must be at most ${yuan} yuan` : `金额不能超过 ${yuan} 元`;
  return errors.map((e) => (e.field === "amount" ? { ...e, message } : e));
}

async function needsPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const db = createDb(c.env.DB);
  const { rows, paging, status: read } = await readPage(c, NeedKeySchema, (after, limit) => staffNeedsQuery(db, scopeFilter(c), after, limit), (r): NeedKey => [r.rank, r.id]);
  return page(c, "needs", { needs: rows, paging, categories: NEED_CATEGORIES, beneficiaries: NEED_BENEFICIARIES, scope: c.get("session").regionCode, today: localDateOf(nowOf(c)) }, status === 200 ? read : status, form);
}

async function postNeedForm(c: C) {
  const form = await formOf(c);
  const again: Again = (errors, status) => needsPage(c, { action: "post", errors, values: valuesOf(form) }, status);
  const errors: ConsoleFieldError[] = [];
  const amount = yuanField(c, form, "amount", errors, { optional: true });
  const input = {
    village_code: form.village_code?.trim(),
    category: form.category,
    beneficiary: form.beneficiary,
    description: form.description,
    deadline: form.deadline?.trim(),
    ...(blank(form.items) && { items: blank(form.items) }),
    ...(amount !== undefined && { amount_fen: amount }),
  };
  const parsed = PostNeedBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(inYuan(c, withSchemaErrors(c, errors, parsed.error, amountField), parsed.error), 400);
  return submit(c, needsWrite(c, (ctx) => postNeed(ctx, parsed.data)), (r) => withDone(`${prefixOf(c)}/admin/needs/${(r as { data: { id: string } }).data.id}`, "need_posted"), again, amountField);
}

/** The need as the public sees it, after the scope check on its (never published) village. */
async function needData(c: C, id: string) {
  const db = createDb(c.env.DB);
  const record = await d1NeedsRecords(db).need(id);
  if (!record) throw unknownRecord("need", id);
  requireScope(c.get("actor"), record.villageCode, "path.id");
  return { need: await getNeed(db, id), villageCode: record.villageCode, reasons: NEED_CLOSE_REASONS, today: localDateOf(nowOf(c)) };
}

async function needPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const id = c.req.param("id") ?? "";
  if (!NEED_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  return page(c, "need", await needData(c, id), status, form);
}

async function deliveryForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!NEED_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const again: Again = (errors, status) => needPage(c, { action: "deliver", errors, values: valuesOf(form) }, status);
  const errors: ConsoleFieldError[] = [];
  const amount = yuanField(c, form, "amount", errors, { optional: true });
  const input = {
    date: form.date?.trim(),
    delivered: form.delivered,
    ...(amount !== undefined && { amount_fen: amount }),
    ...(blank(form.donation_id) && { donation_id: blank(form.donation_id) }),
    ...(blank(form.in_kind_record) && { in_kind_record: blank(form.in_kind_record) }),
  };
  const fieldOf = (path: string) => (path === "param.id" ? "form" : amountField(path));
  const parsed = DeliveryBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(inYuan(c, withSchemaErrors(c, errors, parsed.error, fieldOf), parsed.error), 400);
  return submit(c, needsWrite(c, (ctx) => recordDelivery(ctx, id, parsed.data)), () => withDone(`${prefixOf(c)}/admin/needs/${id}`, "need_delivered"), again, fieldOf);
}

async function closeForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!NEED_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const again: Again = (errors, status) => needPage(c, { action: "close", errors, values: valuesOf(form) }, status);
  const fieldOf = (path: string) => (path === "param.id" ? "form" : defaultField(path));
  const parsed = CloseNeedBody.safeParse({ status: form.status, reason: form.reason });
  if (!parsed.success) return again(schemaErrors(c, parsed.error, fieldOf), 400);
  return submit(c, needsWrite(c, (ctx) => closeNeed(ctx, id, parsed.data)), () => withDone(`${prefixOf(c)}/admin/needs/${id}`, "need_closed"), again, fieldOf);
}
