/**
 * Accountability cases in the console (issue 15 §3): the scope's cases, newest closed first,
 * and recording a case as the discipline-inspection office published it. The form is checked
 * with the admin API's own schema (admin-accountability.schemas.ts) and runs recordCase, as
 * the staff member; money is typed in yuan and stored as fen.
 */
import { z } from "zod";
import { createDb } from "../../db/client";
import { staffCasesQuery, type CaseKey } from "../../accountability/queries";
import { CASE_OUTCOMES, CASE_PROBLEMS } from "../../accountability/rules";
import { localDateOf } from "../../domain/notice-window";
import { CaseBody } from "../../routes/admin-accountability/admin-accountability.schemas";
import { recordCase } from "../../writes/accountability";
import type { ConsoleFieldError, ConsoleLocals } from "../../../site/src/lib/console";
import type { ConsoleRoute } from "../kit";
import { blank, scopeFilter, valuesOf, withSchemaErrors, yuanField, type Again } from "../kit";
import { defaultField, formOf, nowOf, page, prefixOf, submit, withDone, type C } from "../kit";
import { readPage } from "./paging";

/** (date closed, id): the list's order, newest first. */
const CaseKeySchema: z.ZodType<CaseKey> = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().regex(/^acc_[0-9a-z]{4,36}$/)]);

export const CASES_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/cases", role: "viewer", handler: (c) => casesPage(c) },
  { method: "POST", path: "/admin/cases/new", role: "editor", handler: caseForm },
];

async function casesPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  // The newest closed first (the public list pages oldest first): what the office entered last.
  const db = createDb(c.env.DB);
  const { rows, paging, status: read } = await readPage(c, CaseKeySchema, (after, limit) => staffCasesQuery(db, scopeFilter(c), after, limit), (r): CaseKey => [r.closedOn, r.id]);
  return page(c, "cases", { cases: rows, paging, problems: CASE_PROBLEMS, outcomes: CASE_OUTCOMES, scope: c.get("session").regionCode, today: localDateOf(nowOf(c)) }, status === 200 ? read : status, form);
}

/** Whole numbers typed as text; anything else is NaN, which the schema refuses by its field. */
const count = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

async function caseForm(c: C) {
  const form = await formOf(c);
  const again: Again = (errors, status) => casesPage(c, { action: "record", errors, values: valuesOf(form) }, status);
  const errors: ConsoleFieldError[] = [];
  const recovered = yuanField(c, form, "recovered", errors, { optional: true, allowZero: true }) ?? (errors.some((e) => e.field === "recovered") ? undefined : 0);
  const returned = yuanField(c, form, "returned", errors, { optional: true, allowZero: true }) ?? (errors.some((e) => e.field === "returned") ? undefined : 0);
  const official = blank(form.official_position) || blank(form.official_name) ? { position: form.official_position?.trim() ?? "", ...(blank(form.official_name) && { name: blank(form.official_name) }) } : undefined;
  const bulletin = blank(form.bulletin_title) || blank(form.bulletin_url) || blank(form.bulletin_date) ? { title: form.bulletin_title?.trim() ?? "", url: form.bulletin_url?.trim() ?? "", date: form.bulletin_date?.trim() ?? "" } : undefined;
  const input = {
    region_code: form.region_code?.trim(),
    closed_on: form.closed_on?.trim(),
    problem: form.problem,
    outcome: form.outcome,
    people_disciplined: count(form.people_disciplined) ?? 0,
    people_referred: count(form.people_referred) ?? 0,
    recovered_fen: recovered,
    returned_fen: returned,
    ...(official && { official }),
    ...(bulletin && { bulletin }),
    ...(blank(form.report_id) && { report_id: blank(form.report_id) }),
  };
  const fieldOf = (path: string) => {
    const nested = /^body\.(official|bulletin)\.(\w+)/.exec(path);
    if (nested) return `${nested[1]}_${nested[2]}`;
    if (path === "body.bulletin") return "bulletin_title";
    return path === "body.recovered_fen" ? "recovered" : path === "body.returned_fen" ? "returned" : defaultField(path);
  };
  const parsed = CaseBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(withSchemaErrors(c, errors, parsed.error, fieldOf), 400);
  return submit(c, async (ctx) => recordCase(ctx, parsed.data), () => withDone(`${prefixOf(c)}/admin/cases/`, "case_recorded"), again, fieldOf);
}
