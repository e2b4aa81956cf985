import { GroupRowsSchema } from "../../lib/grouping";
import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { FlowSchema, FlowsQuery, MonthlyRateSchema, MonthlyRatesQuery, ProjectDetailSchema, ProjectIdSchema, ProjectListQuery, ProjectSchema, RateSchema, SummaryQuery } from "./funds.schemas";
import { z } from "@hono/zod-openapi";

const tags = ["Funds"];

export const listProjectsRoute = createRoute({
  method: "get",
  path: "/funds/projects",
  tags,
  summary: "The project library (项目库)",
  description: "Funded projects with their budget by fund source and the money allocated, disbursed and accounted for. Filters combine; order is by id.",
  request: { query: ProjectListQuery },
  responses: { ...listResponses(ProjectSchema, "FundProjectList", GroupRowsSchema), ...publicErrors },
});

export const getProjectRoute = createRoute({
  method: "get",
  path: "/funds/projects/{id}",
  tags,
  summary: "One project with its allocations, disbursements and donations",
  request: { params: z.object({ id: ProjectIdSchema }) },
  responses: {
    200: { description: "The project", content: { "application/json": { schema: ProjectDetailSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const summaryRoute = createRoute({
  method: "get",
  path: "/funds/summary",
  tags,
  summary: "Disbursement, reimbursement, filing and completion rates",
  description:
    "The four rates Tongren monitors monthly (拨付率, 报账率, 备案率, 竣工率), each with its numerator, denominator, formula and as-of date, over the projects of a region and year. One row per rate, so it downloads as CSV too.",
  request: { query: SummaryQuery },
  responses: { ...listResponses(RateSchema, "FundRateList"), ...publicErrors },
});

export const monthlyRatesRoute = createRoute({
  method: "get",
  path: "/funds/rates/monthly",
  tags,
  summary: "The four rates month by month",
  description:
    "Disbursement, reimbursement, filing and completion rates for every month from `from` to `to` (four rows a month, in month order), each as `/funds/summary?as_of=` gives it for the month's last day (today for the current month): recomputed from the append-only money rows, so a past month never changes when later rows are recorded. Same filters as `/funds/summary`.",
  request: { query: MonthlyRatesQuery },
  responses: { ...listResponses(MonthlyRateSchema, "FundRateMonthList"), ...publicErrors },
});

export const flowsRoute = createRoute({
  method: "get",
  path: "/funds/flows",
  tags,
  summary: "Fund flows: source → region → category",
  description: "Budget, allocated and disbursed amounts from each fund source to each region (one level below `region`) and assistance category, ready for a flow (Sankey) chart. Amounts add up across rows; `projects` does not (a project with two fund sources is in two rows).",
  request: { query: FlowsQuery },
  responses: { ...listResponses(FlowSchema, "FundFlowList"), ...publicErrors },
});
