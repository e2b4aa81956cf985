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
    "cause, measure or size are never published (`withheld`). A figure that would let subtraction narrow a hidden count below",
    "5 possible values is `withheld`; every import also runs the joint disclosure gate (all metrics, levels, breakdowns and the previous",
    "year in one linear system, bounded exactly by linear programming) and withholds until no count can be narrowed below its rule.",
  ].join(" "),
  request: { query: RegisterStatisticsQuery },
  responses: { ...listResponses(RegisterStatisticSchema, "RegisterStatisticList"), ...publicErrors },
});
