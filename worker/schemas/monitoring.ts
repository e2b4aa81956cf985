/** Response schema of a dynamic-monitoring row, shared by its route folder and the catalogue. */
import { z } from "@hono/zod-openapi";
import { STATISTICS_LEVELS } from "../domain/disclosure/categories";
import { RegionCodeSchema } from "../lib/schemas";
import { MONITORING_BREAKDOWNS, MONITORING_METRICS } from "../monitoring/rules";
import { ProvenanceSchema } from "./provenance";
import { PublishedFigureSchema } from "./register-statistics";

export const MonitoringRowSchema = z
  .object({
    kind: z.literal("register-derived").openapi({ description: "Always `register-derived`: the register import's published figures, under the disclosure rules" }),
    year: z.number().int().openapi({ description: "Register year (release year)" }),
    level: z.enum(STATISTICS_LEVELS).openapi({ description: "county, township or village" }),
    region: z.object({ code: RegionCodeSchema, name_zh: z.string().nullable().openapi({ description: "Region name" }), name_en: z.string().nullable().openapi({ description: "Region name (English)" }) }),
    breakdown: z.enum(MONITORING_BREAKDOWNS).openapi({ description: "none (the region's totals) or cause (cause of poverty or risk, 致贫/返贫风险; township and county only; the monitoring flows by cause at county level only)" }),
    category: z.string().openapi({ description: "`total` for breakdown=none; otherwise a cause", example: "illness" }),
    category_zh: z.string().openapi({ description: "Category name" }),
    category_en: z.string().openapi({ description: "Category name (English)" }),
    figures: z
      .object(Object.fromEntries(MONITORING_METRICS.map((m) => [m, PublishedFigureSchema])) as Record<(typeof MONITORING_METRICS)[number], typeof PublishedFigureSchema>)
      .openapi({
        description:
          "The year's flows — newly identified, exited, returned to poverty, under monitoring (`monitored_*`: edge or unstable households together) and apart as edge households (`edge_*`, 边缘易致贫户) and unstable exited households (`unstable_*`, 脱贫不稳定户; monitored = edge + unstable) — and the registered households and people they belong to. The same stored figures as /statistics/register. By cause: registered and exited from township level up; the households of the monitoring flows (newly identified, returned, monitored, edge, unstable) at county level only; their people and every other flow by cause are `withheld` by design.",
        "x-csv-flatten": "unprefixed",
      }),
    release_id: z.string().openapi({ description: "The register import these figures come from" }),
    return_notices: z.string().openapi({ description: "API list of the region's return-to-poverty notices (返贫公示) published that year (Asia/Shanghai)" }),
    provenance: ProvenanceSchema,
  })
  .openapi("MonitoringRow");
