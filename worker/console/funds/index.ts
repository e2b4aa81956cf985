/**
 * Funds and donations in the console: projects (create, move along the life cycle), fund
 * allocations and disbursements, donations and their allocations, reversals (a correction is
 * a new row that negates the original; money rows are never updated), and official figures
 * with their source document.
 *
 * Every form is checked with the admin API's own zod schemas and runs the admin API's write
 * functions (worker/writes/**) through runConsoleWrite, with the ledger's signing key, as the
 * staff member. Amounts are typed and shown in yuan and stored as integer fen (./yuan.ts).
 */
import { z } from "zod";
import { createDb, type Db } from "../../db/client";
import { getDonation, listDonations } from "../../db/queries/donations";
import { getProject, listProjects, sourceLinesOf } from "../../db/queries/funds";
import { ASSISTANCE_MEASURES, DONATION_CHANNELS, FUND_SOURCES, nextStatuses, type ProjectStatus } from "../../domain/funds/vocabulary";
import { REVERSAL_REASONS } from "../../domain/ledger/entries";
import { localDateOf } from "../../domain/notice-window";
import { OFFICIAL_METRIC_NAMES } from "../../domain/official-metrics";
import { AllocationBody, CreateProjectBody, DisbursementBody, DonationAllocationBody, DonationBody, ReversalBody, StatusBody } from "../../routes/admin-funds/admin-funds.schemas";
import { PublishOfficialFiguresBody } from "../../routes/admin-official-figures/admin-official-figures.schemas";
import { allocateDonation } from "../../writes/donation-allocations";
import { recordDonation } from "../../writes/donations";
import { allocateFunds } from "../../writes/fund-allocations";
import { d1Records } from "../../writes/funds-context";
import { disburseFunds } from "../../writes/disbursements";
import { publishOfficialFigures } from "../../writes/official-figures";
import { requireScope, unknownRecord, WriteRefusal, type WriteContext } from "../../writes/plan";
import { changeProjectStatus, createProject } from "../../writes/projects";
import { reverseEntry } from "../../writes/reversals";
import type { ConsoleFieldError, ConsoleLocals } from "../../../site/src/lib/console";
import { blank, defaultField, formOf, nowOf, page, prefixOf, schemaErrors, scopeFilter, submit, valuesOf, withDone, withSchemaErrors, yuanField, type Again, type C, type ConsoleRoute } from "../kit";
import { issueMessage } from "../messages";
import { AMENDMENT_ROUTES } from "./amendments";
import { pageAfter, readPage } from "../processes/paging";
import { donationAllocationsPage, moneyCursor, moneyKeyOf, projectAllocationsPage, projectDisbursementsPage } from "./money-rows";
import { fundsWrite, PROJECT_ID } from "./write";

const DONATION_ID = /^don_[0-9a-z]{4,36}$/;
const REVERSIBLE_ID = /^(fal|dsb|don|dal)_[0-9a-z]{4,36}$/;

export const FUNDS_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/funds", role: "viewer", handler: fundsPage },
  { method: "GET", path: "/admin/funds/projects", role: "viewer", handler: (c) => fundsListPage(c, "projects") },
  { method: "GET", path: "/admin/funds/donations", role: "viewer", handler: (c) => fundsListPage(c, "donations") },
  { method: "GET", path: "/admin/funds/projects/new", role: "editor", handler: (c) => page(c, "fund-project-new", newProjectData(c)) },
  { method: "POST", path: "/admin/funds/projects/new", role: "editor", handler: createProjectForm },
  { method: "GET", path: "/admin/funds/projects/:id", role: "viewer", handler: (c) => projectPage(c) },
  { method: "POST", path: "/admin/funds/projects/:id/status", role: "editor", handler: (c) => projectForm(c, "status") },
  { method: "POST", path: "/admin/funds/projects/:id/allocations", role: "editor", handler: (c) => projectForm(c, "allocate") },
  { method: "POST", path: "/admin/funds/projects/:id/disbursements", role: "editor", handler: (c) => projectForm(c, "disburse") },
  ...AMENDMENT_ROUTES,
  { method: "GET", path: "/admin/funds/donations/new", role: "editor", handler: (c) => page(c, "donation-new", { channels: DONATION_CHANNELS, today: localDateOf(nowOf(c)) }) },
  { method: "POST", path: "/admin/funds/donations/new", role: "editor", handler: donationForm },
  { method: "GET", path: "/admin/funds/donations/:id", role: "viewer", handler: (c) => donationPage(c) },
  { method: "POST", path: "/admin/funds/donations/:id/allocations", role: "editor", handler: donationAllocationForm },
  { method: "GET", path: "/admin/funds/reversals/:id", role: "editor", handler: (c) => reversalPage(c) },
  { method: "POST", path: "/admin/funds/reversals/:id", role: "editor", handler: reversalForm },
  { method: "GET", path: "/admin/funds/figures/new", role: "editor", handler: (c) => page(c, "figures-new", { metrics: OFFICIAL_METRIC_NAMES, today: localDateOf(nowOf(c)) }) },
  { method: "POST", path: "/admin/funds/figures/new", role: "editor", handler: figuresForm },
];

// ---------------------------------------------------------------------------------------
// Shared: the form's values back on a refusal, yuan fields, the funds writes' context
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// The funds screen: the scope's projects and donations, newest first
// ---------------------------------------------------------------------------------------

/** A project's key in the console's order (latest year first, then id): [year, id]. Ids are random, so the year gives the order. */
const ProjectCursor: z.ZodType<[number, string]> = z.tuple([z.number().int().min(1900).max(2999), z.string().regex(PROJECT_ID)]);
/** A donation's key in the console's order (latest date first, then id): [date, id]. */
const DonationCursor: z.ZodType<[string, string]> = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().regex(DONATION_ID)]);

type FundsList = "projects" | "donations";

/** One page of the scope's projects, latest year first (keyset on year, id; the region index's range). */
function projectRows(c: C, db: Db) {
  const within = scopeFilter(c);
  return {
    read: async (after: [number, string] | undefined, limit: number) =>
      (await listProjects(db, { within }, after, limit, { key: "year", descending: true })).map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, regionCode: p.regionCode, status: p.status, year: p.year, budgetFen: p.budgetFen, allocatedFen: p.allocatedFen, disbursedFen: p.disbursedFen })),
    keyOf: (p: { id: string; year: number }): [number, string] => [p.year, p.id],
  };
}

/** One page of the scope's donations, latest first (keyset on date, id). */
function donationRows(c: C, db: Db) {
  const within = scopeFilter(c);
  return {
    read: async (after: [string, string] | undefined, limit: number) =>
      (await listDonations(db, { within }, after, limit, { key: "date", descending: true })).map((d) => ({ id: d.id, date: d.date, amountFen: d.amountFen, allocatedFen: d.allocatedFen, channel: d.channel, targetType: d.targetType, reversed: d.reversedAt !== null })),
    keyOf: (d: { id: string; date: string }): [string, string] => [d.date, d.id],
  };
}

/**
 * The funds overview: the first page of the scope's projects and of its donations. When more
 * follow, each list's "next page" link goes on to that list's own screen (fundsListPage).
 */
async function fundsPage(c: C) {
  const db = createDb(c.env.DB);
  const p = projectRows(c, db);
  const d = donationRows(c, db);
  const [projects, donations] = await Promise.all([pageAfter(undefined, p.read, p.keyOf), pageAfter(undefined, d.read, d.keyOf)]);
  return page(c, "funds", { show: "both", projects: projects.rows, projectsPaging: projects.paging, donations: donations.rows, donationsPaging: donations.paging });
}

/** /admin/funds/projects/ and /admin/funds/donations/: one list, page by page (`?cursor=`, no OFFSET). */
async function fundsListPage(c: C, list: FundsList) {
  const db = createDb(c.env.DB);
  if (list === "projects") {
    const p = projectRows(c, db);
    const { rows, paging, status } = await readPage(c, ProjectCursor, p.read, p.keyOf);
    return page(c, "funds", { show: list, projects: rows, projectsPaging: paging }, status);
  }
  const d = donationRows(c, db);
  const { rows, paging, status } = await readPage(c, DonationCursor, d.read, d.keyOf);
  return page(c, "funds", { show: list, donations: rows, donationsPaging: paging }, status);
}

// ---------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------

const newProjectData = (c: C) => ({ scope: c.get("session").regionCode, sources: FUND_SOURCES, categories: ASSISTANCE_MEASURES, year: Number(localDateOf(nowOf(c)).slice(0, 4)) });

async function createProjectForm(c: C) {
  const form = await formOf(c);
  const again: Again = (errors, status) => page(c, "fund-project-new", newProjectData(c), status, { action: "create", errors, values: valuesOf(form) });
  const errors: ConsoleFieldError[] = [];
  const budget: { source: (typeof FUND_SOURCES)[number]; amount_fen: number }[] = [];
  for (const source of FUND_SOURCES) {
    const fen = yuanField(c, form, `budget_${source}`, errors, { optional: true });
    if (fen !== undefined) budget.push({ source, amount_fen: fen });
  }
  const year = Number(form.year);
  const households = blank(form.beneficiary_households);
  const input = {
    name_zh: form.name_zh,
    name_en: form.name_en,
    region_code: form.region_code?.trim(),
    category: form.category,
    year: /^\d{4}$/.test(form.year ?? "") ? year : undefined,
    ...(blank(form.planned_start) && { planned_start: blank(form.planned_start) }),
    ...(blank(form.planned_completion) && { planned_completion: blank(form.planned_completion) }),
    ...(households !== undefined && { beneficiary_households: /^\d+$/.test(households) ? Number(households) : Number.NaN }),
    budget,
  };
  // budget.N is the Nth line typed; its field is that source's box ("budget" when none was).
  const fieldOf = (path: string) => {
    const m = /^body\.budget\.(\d+)/.exec(path);
    if (m) return `budget_${budget[Number(m[1])]?.source ?? FUND_SOURCES[0]}`;
    return path === "body.budget" ? `budget_${FUND_SOURCES[0]}` : defaultField(path);
  };
  const parsed = CreateProjectBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(withSchemaErrors(c, errors, parsed.error, fieldOf), 400);
  return submit(c, fundsWrite(c, (ctx) => createProject(ctx, parsed.data)), (r) => withDone(`${prefixOf(c)}/admin/funds/projects/${(r as { data: { id: string } }).data.id}`, "project_created"), again, fieldOf);
}

/**
 * A project's page: its lines, the next statuses, and its allocations and disbursements, each
 * list latest first and 100 a page by its own cursor (`?allocations=`, `?disbursements=`).
 */
async function projectData(c: C, db: Db, id: string) {
  const project = await getProject(db, id);
  if (!project) throw unknownRecord("project", id);
  requireScope(c.get("actor"), project.regionCode, "path.id");
  const [lines, allocations, payments] = await Promise.all([
    sourceLinesOf(db, [id]),
    readPage(c, moneyCursor("fal"), (after, limit) => projectAllocationsPage(db, id, after, limit), moneyKeyOf, "allocations"),
    readPage(c, moneyCursor("dsb"), (after, limit) => projectDisbursementsPage(db, id, after, limit), moneyKeyOf, "disbursements"),
  ]);
  return {
    project,
    lines: lines.get(id) ?? [],
    next: nextStatuses(project.status as ProjectStatus),
    allocations: allocations.rows,
    allocationsPaging: allocations.paging,
    disbursements: payments.rows,
    disbursementsPaging: payments.paging,
    /** Each list's cursor as the request gave it: a list's pager keeps the other's. */
    cursors: { allocations: c.req.query("allocations") ?? "", disbursements: c.req.query("disbursements") ?? "" },
    listStatus: allocations.status === 400 || payments.status === 400 ? 400 : 200,
    today: localDateOf(nowOf(c)),
  };
}

async function projectPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const data = await projectData(c, createDb(c.env.DB), id);
  return page(c, "fund-project", data, status === 200 ? data.listStatus : status, form);
}

/** Status change, allocation, disbursement: the three forms of a project's page. */
async function projectForm(c: C, action: "status" | "allocate" | "disburse") {
  const id = c.req.param("id") ?? "";
  if (!PROJECT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const again: Again = (errors, status) => projectPage(c, { action, errors, values: valuesOf(form) }, status);
  const back = (done: string) => () => withDone(`${prefixOf(c)}/admin/funds/projects/${id}`, done);
  const fieldOf = (path: string) => (path === "body.amount_fen" ? "amount" : path === "body.receipted_fen" ? "receipted" : path === "body.project_id" || path === "path.id" ? "form" : defaultField(path));
  if (action === "status") {
    const parsed = StatusBody.safeParse({ status: form.status, date: form.date?.trim() });
    if (!parsed.success) return again(schemaErrors(c, parsed.error, fieldOf), 400);
    return submit(c, fundsWrite(c, (ctx) => changeProjectStatus(ctx, id, parsed.data)), back("project_moved"), again, fieldOf);
  }
  const errors: ConsoleFieldError[] = [];
  const amount = yuanField(c, form, "amount", errors);
  const receipted = action === "disburse" ? yuanField(c, form, "receipted", errors, { allowZero: true }) : undefined;
  const input = { project_id: id, source: form.source, date: form.date?.trim(), amount_fen: amount, document_no: form.document_no, ...(action === "disburse" && { receipted_fen: receipted }) };
  const parsed = action === "allocate" ? AllocationBody.safeParse(input) : DisbursementBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(withSchemaErrors(c, errors, parsed.error, fieldOf), 400);
  if (action === "allocate") return submit(c, fundsWrite(c, (ctx) => allocateFunds(ctx, parsed.data)), back("allocated"), again, fieldOf);
  return submit(c, fundsWrite(c, (ctx) => disburseFunds(ctx, parsed.data as z.infer<typeof DisbursementBody>)), back("disbursed"), again, fieldOf);
}

// ---------------------------------------------------------------------------------------
// Donations
// ---------------------------------------------------------------------------------------

async function donationForm(c: C) {
  const form = await formOf(c);
  const again: Again = (errors, status) => page(c, "donation-new", { channels: DONATION_CHANNELS, today: localDateOf(nowOf(c)) }, status, { action: "create", errors, values: valuesOf(form) });
  const errors: ConsoleFieldError[] = [];
  const amount = yuanField(c, form, "amount", errors);
  const target =
    form.target_type === "region" ? { type: "region", region_code: form.target_region?.trim() } : form.target_type === "project" ? { type: "project", project_id: form.target_project?.trim() } : form.target_type === "general" ? { type: "general" } : undefined;
  const input = { date: form.date?.trim(), amount_fen: amount, channel: form.channel, ...(blank(form.donor_name) && { donor_name: blank(form.donor_name) }), target };
  const fieldOf = (path: string) =>
    path === "body.amount_fen" ? "amount" : path === "body.target.region_code" ? "target_region" : path === "body.target.project_id" ? "target_project" : path.startsWith("body.target") ? "target_type" : defaultField(path);
  const parsed = DonationBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(withSchemaErrors(c, errors, parsed.error, fieldOf), 400);
  return submit(c, fundsWrite(c, (ctx) => recordDonation(ctx, parsed.data)), (r) => withDone(`${prefixOf(c)}/admin/funds/donations/${(r as { data: { id: string } }).data.id}`, "donation_recorded"), again, fieldOf);
}

async function donationData(c: C, db: Db, id: string) {
  const donation = await getDonation(db, id);
  if (!donation) throw unknownRecord("donation", id);
  // A general donation belongs to no region: any editor may place it, within their own scope.
  if (donation.regionCode) requireScope(c.get("actor"), donation.regionCode, "path.id");
  // Its allocations (reversals included), latest first, 100 a page (`?cursor=`).
  const { rows, paging, status } = await readPage(c, moneyCursor("dal"), (after, limit) => donationAllocationsPage(db, id, after, limit), moneyKeyOf);
  return { donation, allocations: rows, allocationsPaging: paging, listStatus: status, today: localDateOf(nowOf(c)) };
}

async function donationPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const id = c.req.param("id") ?? "";
  if (!DONATION_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const data = await donationData(c, createDb(c.env.DB), id);
  return page(c, "donation", data, status === 200 ? data.listStatus : status, form);
}

async function donationAllocationForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!DONATION_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const again: Again = (errors, status) => donationPage(c, { action: "allocate", errors, values: valuesOf(form) }, status);
  const errors: ConsoleFieldError[] = [];
  const amount = yuanField(c, form, "amount", errors);
  const where = blank(form.project_id) ? { project_id: blank(form.project_id) } : blank(form.village_code) ? { village_code: blank(form.village_code) } : {};
  const input = { ...where, date: form.date?.trim(), amount_fen: amount };
  const fieldOf = (path: string) => (path === "body.amount_fen" ? "amount" : path === "body" ? "project_id" : path === "path.id" ? "form" : defaultField(path));
  const parsed = DonationAllocationBody.safeParse(input);
  if (!parsed.success || errors.length > 0) return again(withSchemaErrors(c, errors, parsed.error, fieldOf), 400);
  return submit(c, fundsWrite(c, (ctx) => allocateDonation(ctx, id, parsed.data)), () => withDone(`${prefixOf(c)}/admin/funds/donations/${id}`, "donation_allocated"), again, fieldOf);
}

// ---------------------------------------------------------------------------------------
// Reversals: a confirmation screen that says, in yuan, what changes; then the reversal
// ---------------------------------------------------------------------------------------

/** The entry to reverse, and what its reversal changes (read within scope). */
async function reversalData(c: C, db: Db, id: string) {
  const records = d1Records(db);
  const actor = c.get("actor");
  const prefix = id.slice(0, 3);
  const today = localDateOf(nowOf(c));
  if (prefix === "don") {
    const donation = await records.donation(id);
    if (!donation) throw unknownRecord("donation", id);
    if (donation.regionCode) requireScope(actor, donation.regionCode, "path.id");
    return { kind: "donation", id, date: donation.date, amountFen: donation.amountFen, back: `/admin/funds/donations/${id}`, reversed: donation.reversedAt !== null, isReversal: false, effect: { donationId: id, allocatedFen: donation.allocatedFen }, reasons: REVERSAL_REASONS, today };
  }
  const row = prefix === "fal" ? await records.fundAllocation(id) : prefix === "dsb" ? await records.disbursement(id) : await records.donationAllocation(id);
  if (!row) throw unknownRecord("entry", id);
  const projectId = "projectId" in row ? row.projectId : null;
  const project = projectId ? await getProject(db, projectId) : undefined;
  const regionCode = project?.regionCode ?? ("villageCode" in row ? row.villageCode : null);
  if (regionCode) requireScope(actor, regionCode, "path.id");
  const kind = prefix === "fal" ? "fund_allocation" : prefix === "dsb" ? "disbursement" : "donation_allocation";
  const reversed = await records.isReversed(kind, id);
  const back = kind === "donation_allocation" ? `/admin/funds/donations/${(row as { donationId: string }).donationId}` : `/admin/funds/projects/${projectId}`;
  return {
    kind,
    id,
    date: row.date,
    amountFen: row.amountFen,
    back,
    reversed,
    isReversal: row.reversesId !== null,
    // The totals the public sees that the reversal takes the amount off.
    effect: project ? { projectId: project.id, projectNameZh: project.nameZh, allocatedFen: project.allocatedFen, disbursedFen: project.disbursedFen, donatedFen: project.donatedFen } : { villageCode: regionCode },
    reasons: REVERSAL_REASONS,
    today,
  };
}

async function reversalPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const id = c.req.param("id") ?? "";
  if (!REVERSIBLE_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  return page(c, "reversal", await reversalData(c, createDb(c.env.DB), id), status, form);
}

async function reversalForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!REVERSIBLE_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const again: Again = (errors, status) => reversalPage(c, { action: "reverse", errors, values: valuesOf(form) }, status);
  const fieldOf = (path: string) => (path === "body.id" ? "form" : defaultField(path));
  const parsed = ReversalBody.safeParse({ id, date: form.date?.trim(), reason: form.reason, ...(blank(form.note) && { note: blank(form.note) }) });
  if (!parsed.success) return again(schemaErrors(c, parsed.error, fieldOf), 400);
  const { back } = await reversalData(c, createDb(c.env.DB), id);
  return submit(c, fundsWrite(c, (ctx) => reverseEntry(ctx, parsed.data)), () => withDone(`${prefixOf(c)}${back}`, "reversed"), again, fieldOf);
}

// ---------------------------------------------------------------------------------------
// Official figures: the source document, then one figure a line
// ---------------------------------------------------------------------------------------

/**
 * Figures typed or pasted one a line: region code, year, metric, value — separated by tabs
 * (Excel) or commas. Returns the figures and the line each came from, or the lines that are
 * not four columns.
 */
export function parseFigureLines(text: string) {
  const figures: { region_code: string; year: number; metric: string; value: number }[] = [];
  const lines: number[] = [];
  const bad: number[] = [];
  text.replace(/\r\n?/g, "\n").split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    const cells = raw.split(/\t|,|，/).map((s) => s.trim());
    if (cells.length !== 4) return void bad.push(i + 1);
    const value = cells[3]!.replace(/\s/g, "");
    figures.push({ region_code: cells[0]!, year: /^\d{4}$/.test(cells[1]!) ? Number(cells[1]) : Number.NaN, metric: cells[2]!, value: /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN });
    lines.push(i + 1);
  });
  return { figures, lines, bad };
}

async function figuresForm(c: C) {
  const form = await formOf(c);
  const lang = c.get("lang");
  const again: Again = (errors, status) => page(c, "figures-new", { metrics: OFFICIAL_METRIC_NAMES, today: localDateOf(nowOf(c)) }, status, { action: "publish", errors, values: valuesOf(form) });
  const typed = parseFigureLines(form.figures ?? "");
  const lineOf = (n: number) => (lang === "en" ? `Line ${n}` : `第 ${n} 行`);
  if (typed.bad.length > 0) {
    return again(typed.bad.map((n) => ({ field: "figures", message: `${lineOf(n)}: ${lang === "en" ? "needs four columns — region code, year, metric, value" : "需要四列：地区代码、年份、指标、数值"}` })), 400);
  }
  const input = {
    source: { id: form.source_id?.trim(), title_zh: form.source_title_zh, title_en: form.source_title_en, issuer: form.source_issuer, published_on: form.source_published_on?.trim(), ...(blank(form.source_url) && { url: blank(form.source_url) }), ...(blank(form.source_reference) && { reference: blank(form.source_reference) }) },
    figures: typed.figures,
  };
  const fieldOf = (path: string) => {
    const figure = /^body\.figures(\.\d+)?/.exec(path);
    if (figure) return "figures";
    const source = /^body\.source\.(\w+)/.exec(path);
    return source ? `source_${source[1]}` : defaultField(path);
  };
  const located = (path: string, message: string) => {
    const m = /^body\.figures\.(\d+)\.?(\w*)/.exec(path);
    return m ? `${lineOf(typed.lines[Number(m[1])]!)}${m[2] ? ` (${m[2]})` : ""}: ${message}` : message;
  };
  const parsed = PublishOfficialFiguresBody.safeParse(input);
  if (!parsed.success) {
    return again(parsed.error.issues.map((i) => {
      const path = ["body", ...i.path.map(String)].join(".");
      return { field: fieldOf(path), message: located(path, issueMessage(lang, i as never)) };
    }), 400);
  }
  // The write's own refusals name figures.N too: say which line.
  const write = async (ctx: WriteContext) => {
    try {
      return await publishOfficialFigures(ctx, parsed.data);
    } catch (error) {
      if (error instanceof WriteRefusal && error.kind === "invalid") throw new WriteRefusal(error.kind, error.code, error.message, error.details.map((d) => ({ path: d.path, message: located(d.path, d.message) })));
      throw error;
    }
  };
  return submit(c, write, (r) => withDone(`${prefixOf(c)}/admin/funds/`, `figures_published:${r.data.figures_published}`), again, fieldOf);
}
