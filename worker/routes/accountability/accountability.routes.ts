import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { CaseSchema } from "../../schemas/accountability";
import { CaseDetailSchema, CaseIdParam, CaseListQuery, CaseStatsQuery, CaseStatsSchema } from "./accountability.schemas";

const tags = ["Accountability"];

export const listCasesRoute = createRoute({
  method: "get",
  path: "/accountability/cases",
  tags,
  summary: "Accountability cases (discipline outcomes in the poverty-alleviation field)",
  description:
    "Closed cases published by the discipline-inspection office: region, date closed, problem and outcome from fixed lists, people disciplined and referred, money recovered and returned (fen). " +
    "An official's position and name appear only when the office's public bulletin names them, with the bulletin as the source. Never the report that started a case. Ordered by date closed, then id.",
  request: { query: CaseListQuery },
  responses: { ...listResponses(CaseSchema, "AccountabilityCaseList"), ...publicErrors },
});

export const caseStatsRoute = createRoute({
  method: "get",
  path: "/accountability/stats",
  tags,
  summary: "Accountability statistics per county and year",
  description: "Cases, people disciplined, people sent to prosecutors, money recovered and returned to residents, by problem and outcome; with totals over the rows.",
  request: { query: CaseStatsQuery },
  responses: {
    200: { description: "Per county and year", content: { "application/json": { schema: CaseStatsSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const getCaseRoute = createRoute({
  method: "get",
  path: "/accountability/cases/{id}",
  tags,
  summary: "One accountability case",
  request: { params: CaseIdParam },
  responses: {
    200: { description: "The case", content: { "application/json": { schema: CaseDetailSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});
