/** Response and parameter schemas for funds shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { ProvenanceSchema } from "./provenance";
import { RATE_IDS } from "../domain/funds/rates";
import { ASSISTANCE_MEASURES, FUND_SOURCES, PROJECT_STATUSES } from "../domain/funds/vocabulary";
import { RegionCodeSchema } from "../lib/schemas";

export const Fen = z.number().int().openapi({ description: "Amount in fen (分); 100 fen = 1 yuan" });
const DateText = z.string().nullable().openapi({ example: "2018-03-15" });


export const SourceLineSchema = z
  .object({
    source: z.enum(FUND_SOURCES),
    budget_fen: Fen,
    allocated_fen: Fen,
    disbursed_fen: Fen,
    receipted_fen: Fen,
  })
  .openapi("ProjectSourceLine");

export const ProjectSchema = z
  .object({
    id: z.string().openapi({ description: "Project id (prj_…)" }),
    name_zh: z.string().openapi({ description: "Project name" }),
    name_en: z.string().openapi({ description: "Project name (English)" }),
    region: z.object({ code: RegionCodeSchema, name_zh: z.string().openapi({ description: "Region name" }), name_en: z.string().openapi({ description: "Region name (English)" }) }),
    category: z.enum(ASSISTANCE_MEASURES).openapi({ description: "Assistance measure (帮扶措施)" }),
    year: z.number().int().openapi({ description: "Project year" }),
    status: z.enum(PROJECT_STATUSES).openapi({ description: "planned, filed, started, completed or cancelled" }),
    filed_on: DateText.openapi({ description: "Date filed in the project library (备案)", format: "date" }),
    planned_start: DateText.openapi({ description: "Planned start", format: "date" }),
    planned_completion: DateText.openapi({ description: "Planned completion", format: "date" }),
    actual_start: DateText.openapi({ description: "Actual start", format: "date" }),
    actual_completion: DateText.openapi({ description: "Actual completion", format: "date" }),
    beneficiary_households: z.number().int().nullable().openapi({ description: "Register-derived count under rule R2: 1–7 is null with `beneficiary_households_banded` (the text `1-7` in CSV), 8+ rounded to 5", "x-csv-banded-by": "beneficiary_households_banded" }),
    beneficiary_households_banded: z.boolean().openapi({ description: "true: between 1 and 7 households (rule R2), value null" }),
    budget_fen: Fen.openapi({ description: "Budget, all sources" }),
    allocated_fen: Fen.openapi({ description: "Funds allocated (下达)" }),
    disbursed_fen: Fen.openapi({ description: "Funds disbursed (拨付)" }),
    receipted_fen: Fen.openapi({ description: "Disbursed funds accounted for with receipts (报账)" }),
    donated_fen: Fen.openapi({ description: "Donations allocated to the project (net of reversals)" }),
    sources: z.array(SourceLineSchema).openapi({ description: "Budget and totals by fund source" }),
    last_amended_on: DateText.openapi({ description: "Date of the latest amendment of the names or budget (its history: /funds/projects/{id}); null if never amended", format: "date" }),
    demo: z.boolean().openapi({ description: "true for synthetic demo data" }),
    updated_at: z.string().openapi({ description: "Last change (UTC)", format: "date-time" }),
    provenance: ProvenanceSchema,
  })
  .openapi("FundProject");

const MoneyEvent = {
  id: z.string(),
  date: z.string(),
  amount_fen: Fen.openapi({ description: "Negative for a reversing entry" }),
  reverses: z.string().nullable().openapi({ description: "Id of the entry this one reverses" }),
  ledger_index: z.number().int(),
  recorded_at: z.string(),
};

export const AllocationSchema = z.object({ ...MoneyEvent, source: z.enum(FUND_SOURCES), document_no: z.string() }).openapi("FundAllocation");
export const DisbursementSchema = z.object({ ...MoneyEvent, source: z.enum(FUND_SOURCES), receipted_fen: Fen, document_no: z.string() }).openapi("Disbursement");
export const ProjectDonationSchema = z.object({ ...MoneyEvent, donation_id: z.string() }).openapi("ProjectDonationAllocation");
export const AmendmentSchema = z
  .object({
    id: z.string().openapi({ description: "Amendment id (pam_…)" }),
    date: z.string().openapi({ description: "Date of the decision", format: "date" }),
    reason_zh: z.string().openapi({ description: "The public reason" }),
    reason_en: z.string().nullable().openapi({ description: "The reason in English, if given" }),
    previous_name_zh: z.string().nullable().openapi({ description: "Name before the amendment; null when it did not change the name" }),
    name_zh: z.string().nullable().openapi({ description: "Name after the amendment; null when unchanged" }),
    previous_name_en: z.string().nullable().openapi({ description: "English name before; null when unchanged" }),
    name_en: z.string().nullable().openapi({ description: "English name after; null when unchanged" }),
    budget: z
      .array(
        z.object({
          source: z.enum(FUND_SOURCES),
          previous_budget_fen: Fen.openapi({ description: "The line's budget before" }),
          budget_fen: Fen.openapi({ description: "The line's budget after" }),
          ledger_index: z.number().int().openapi({ description: "Its project_budget_amendment ledger entry" }),
        }),
      )
      .openapi({ description: "Budget lines it changed (empty for a change of names only)" }),
    ledger_index: z.number().int().openapi({ description: "Its project_amendment ledger entry (which holds the reason's SHA-256)" }),
    recorded_at: z.string().openapi({ description: "When it was recorded (UTC)", format: "date-time" }),
  })
  .openapi("FundProjectAmendment");
export const RateSchema = z
  .object({
    rate: z.enum(RATE_IDS).openapi({ description: "disbursement, reimbursement, filing or completion" }),
    name_zh: z.string().openapi({ description: "Rate name" }),
    name_en: z.string().openapi({ description: "Rate name (English)" }),
    value_pct: z.number().nullable().openapi({ description: "numerator / denominator × 100, two decimals; null when the denominator is 0" }),
    numerator: z.number().int().openapi({ description: "In fen or projects (see unit)" }),
    denominator: z.number().int().openapi({ description: "In fen or projects (see unit)" }),
    unit: z.enum(["fen", "projects"]).openapi({ description: "fen or projects" }),
    formula: z.string().openapi({ description: "How the rate is computed" }),
    as_of: z.string().nullable().openapi({ description: "Date (Asia/Shanghai) of the latest change to the projects counted", format: "date" }),
    region_code: z.string().nullable().openapi({ description: "Region filter" }),
    year: z.number().int().nullable().openapi({ description: "Year filter" }),
    provenance: ProvenanceSchema,
  })
  .openapi("FundRate");
/**
 * One rate in one month of the monthly series: the same numbers `/funds/summary?as_of=` gives
 * for the month's last day (today for the current month), recomputed from the money rows.
 */
export const MonthlyRateSchema = z
  .object({
    month: z.string().openapi({ description: "Calendar month (Asia/Shanghai), YYYY-MM", example: "2019-06" }),
    as_of: z.string().openapi({ description: "The day the month's figures stand at: its last day, or today for the current month (Asia/Shanghai); `/funds/summary?as_of=` on that day gives the same numbers", format: "date" }),
    ...RateSchema.omit({ as_of: true, provenance: true }).shape,
    projects: z.number().int().openapi({ description: "Projects counted (recorded by the end of as_of)" }),
    provenance: ProvenanceSchema,
  })
  .openapi("FundRateMonth");
export const FlowSchema = z
  .object({
    source: z.enum(FUND_SOURCES).openapi({ description: "central, provincial, municipal, county, east_west, designated or social" }),
    source_name_zh: z.string().openapi({ description: "Fund source name" }),
    source_name_en: z.string().openapi({ description: "Fund source name (English)" }),
    region_code: RegionCodeSchema.openapi({ description: "Region one level below the filter" }),
    region_name_zh: z.string().nullable().openapi({ description: "Region name" }),
    region_name_en: z.string().nullable().openapi({ description: "Region name (English)" }),
    category: z.enum(ASSISTANCE_MEASURES).openapi({ description: "Assistance measure" }),
    projects: z.number().int().openapi({
      description:
        "Projects with a budget line from this source in this region and category. A project funded from several sources is counted once per source, so a sum of this column over sources counts such a project more than once; count projects with /funds/projects (or the `projects` in /funds/summary's meta)",
    }),
    budget_fen: Fen.openapi({ description: "Budget" }),
    allocated_fen: Fen.openapi({ description: "Allocated" }),
    disbursed_fen: Fen.openapi({ description: "Disbursed" }),
    provenance: ProvenanceSchema,
  })
  .openapi("FundFlow");
