/**
 * Amending a project's names or budget from the console (administrators): a form filled with
 * the current figures, a confirmation that shows each change before → after, then the admin
 * API's own write (amendProject) through runConsoleWrite. The first post checks everything
 * the write would check, by planning the write without running it, so a refusal (a budget
 * below what is allocated, nothing changed) comes back on the form, not after confirming.
 * The form also offers the fund sources the project has no line from: an amount typed there adds
 * the source (the write's new line of 0 fen and its change), shown as new on the confirmation.
 */
import { createDb } from "../../db/client";
import { getProject, sourceLinesOf } from "../../db/queries/funds";
import { FUND_SOURCES, type FundSource } from "../../domain/funds/vocabulary";
import { localDateOf } from "../../domain/notice-window";
import { AmendmentBody } from "../../routes/admin-funds/admin-funds.schemas";
import { amendProject } from "../../writes/project-amendments";
import { requireScope, unknownRecord, WriteRefusal } from "../../writes/plan";
import type { ConsoleLocals } from "../../../site/src/lib/console";
import { blank, defaultField, formErrors, formOf, nowOf, page, prefixOf, submit, valuesOf, withDone, withSchemaErrors, yuanField, type Again, type C, type ConsoleRoute } from "../kit";
import { fundsWrite, PROJECT_ID } from "./write";

export const AMENDMENT_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/funds/projects/:id/amend", role: "admin", handler: (c) => amendPage(c) },
  { method: "POST", path: "/admin/funds/projects/:id/amend", role: "admin", handler: amendForm },
];

async function amendData(c: C, id: string) {
  const db = createDb(c.env.DB);
  const project = await getProject(db, id);
  if (!project) throw unknownRecord("project", id);
  requireScope(c.get("actor"), project.regionCode, "path.id");
  const lines = (await sourceLinesOf(db, [id])).get(id) ?? [];
  return {
    project: { id: project.id, nameZh: project.nameZh, nameEn: project.nameEn, status: project.status, budgetFen: project.budgetFen },
    lines: lines.map((l) => ({ source: l.source as FundSource, budgetFen: l.budgetFen, allocatedFen: l.allocatedFen })),
    today: localDateOf(nowOf(c)),
  };
}

async function amendPage(c: C, form?: ConsoleLocals["form"], status = 200, extra: Record<string, unknown> = {}) {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  return page(c, "fund-project-amend", { ...(await amendData(c, id)), ...extra }, status, form);
}

/** budget.N is the Nth source line of the form; path.id and body refusals belong to the whole form. */
const fieldOf = (budget: readonly { source: FundSource }[]) => (path: string) => {
  const m = /^body\.budget\.(\d+)/.exec(path);
  if (m) return `budget_${budget[Number(m[1])]?.source ?? "form"}`;
  return path === "body" || path === "path.id" ? "form" : defaultField(path);
};

async function amendForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const { confirm, edit: _edit, ...typed } = valuesOf(form);
  const again: Again = (errors, status) => amendPage(c, { action: "amend", errors, values: typed }, status);
  // "Go back and change it" from the confirmation: the form again with what was typed.
  if (form.edit === "yes") return amendPage(c, { action: "amend", errors: [], values: typed });

  const errors: { field: string; message: string }[] = [];
  const budget: { source: FundSource; amount_fen: number }[] = [];
  // A line the project has must keep an amount; a source it has not is added only when typed.
  const has = new Set(((await sourceLinesOf(createDb(c.env.DB), [id])).get(id) ?? []).map((l) => l.source));
  for (const source of FUND_SOURCES) {
    if (!(`budget_${source}` in form)) continue;
    const fen = yuanField(c, form, `budget_${source}`, errors, { allowZero: true, optional: !has.has(source) });
    if (fen !== undefined) budget.push({ source, amount_fen: fen });
  }
  const input = {
    date: form.date?.trim(),
    reason_zh: form.reason_zh,
    ...(blank(form.reason_en) && { reason_en: blank(form.reason_en) }),
    ...(blank(form.name_zh) && { name_zh: blank(form.name_zh) }),
    ...(blank(form.name_en) && { name_en: blank(form.name_en) }),
    budget,
  };
  const fields = fieldOf(budget);
  const parsed = AmendmentBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(withSchemaErrors(c, errors, parsed.error, fields), 400);
  const write = fundsWrite(c, (ctx) => amendProject(ctx, id, parsed.data));
  const locate = () => withDone(`${prefixOf(c)}/admin/funds/projects/${id}`, "project_amended");
  if (confirm === "yes") return submit(c, write, locate, again, fields);

  // First post: plan the write (every rule, nothing run) and show what would change.
  try {
    const plan = await write({ actor: c.get("actor"), now: nowOf(c), db: createDb(c.env.DB) });
    const amendment = plan.records.find((r) => r.kind === "project_amendment")!.row as { previousNameZh: string | null; nameZh: string | null; previousNameEn: string | null; nameEn: string | null };
    const added = new Set(plan.records.flatMap((r) => (r.kind === "budget_line" ? [r.row.source] : [])));
    const lines = plan.records.flatMap((r) => (r.kind === "budget_amendment" ? [{ source: r.row.source as FundSource, before: r.row.previousBudgetFen, after: r.row.budgetFen, added: added.has(r.row.source) }] : []));
    const data = await amendData(c, id);
    const preview = {
      names: [
        ...(amendment.nameZh ? [{ field: "name_zh", before: amendment.previousNameZh, after: amendment.nameZh, lang: "zh-CN" }] : []),
        ...(amendment.nameEn ? [{ field: "name_en", before: amendment.previousNameEn, after: amendment.nameEn, lang: "en" }] : []),
      ],
      budget: lines,
      totalBefore: data.project.budgetFen,
      totalAfter: plan.body.data.budget_fen,
    };
    return page(c, "fund-project-amend", { ...data, preview, values: typed });
  } catch (error) {
    if (!(error instanceof WriteRefusal) || error.kind === "forbidden" || error.kind === "not_found") throw error;
    return again(formErrors(error, c.get("lang"), fields), error.kind === "invalid" ? 400 : 409);
  }
}
