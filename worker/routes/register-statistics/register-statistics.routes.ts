import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { RegisterStatisticSchema, RegisterStatisticsQuery } from "./register-statistics.schemas";

export const listRegisterStatisticsRoute = createRoute({
  method: "get",
  path: "/statistics/register",
  tags: ["Statistics"],
  summary: "Register-derived figures (households and people), under disclosure control",
  description: [
    "Figures computed from the household register, recomputed once per import, never per request.",
    "Every count follows the disclosure rules: 0 is exact; 1–7 is a band (`value: null, banded: true`; `1-7` in CSV);",
    "8 and more is rounded to the nearest multiple of 5 (remainders 0–2 down, 3–4 up; the smallest is 10).",
    "Totals are computed from unrounded data, then rounded. Villages publish their totals only, at every size (issue 16):",
    "registered and exited households; their other figures are `withheld` and they have no cause, measure or household-size rows",
    "(every village breakdown, village people and village flows gave an attacker equations that pinned single households or",
    "derived a village's illness and disability count). Breakdowns, causes illness and disability and the health measure",
    "are published from township level up; people by household size and newly identified, returned and monitored figures by",
    "cause, measure or size are not published (`withheld`), except returned and monitored (edge, unstable) households by cause at",
    "county level in releases through the joint gate (causes of risk, issue 15). Monitored = edge (`edge_*`) + unstable (`unstable_*`).",
    "A figure that would let subtraction narrow a hidden count below 5 possible values is `withheld`.",
    "While a register import of an overlapping region and the asked year is being checked by the disclosure gate (seconds to minutes),",
    "`meta.checking` lists it (`scope_code`, `year`, `since`, and `message_en`/`message_zh` saying so): its figures appear when the check finishes;",
    "until then the answer holds the figures published before, if any (also GET /api/v1/health `register.checking`).",
  ].join(" "),
  request: { query: RegisterStatisticsQuery },
  responses: { ...listResponses(RegisterStatisticSchema, "RegisterStatisticList"), ...publicErrors },
});
