import { z } from "@hono/zod-openapi";
import { OFFICIAL_METRIC_NAMES } from "../../domain/official-metrics";
import { RegionCodeSchema } from "../../lib/schemas";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO 8601 date (YYYY-MM-DD)");

export const NewSourceSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, "must be 3–63 lowercase letters, digits or hyphens"),
    title_zh: z.string().trim().min(1).max(300),
    title_en: z.string().trim().min(1).max(300),
    issuer: z.string().trim().min(1).max(200),
    published_on: IsoDate,
    url: z.string().url().max(500).nullable().optional(),
    reference: z.string().max(500).nullable().optional(),
  })
  .openapi("NewSource");

export const NewOfficialFigureSchema = z
  .strictObject({
    region_code: RegionCodeSchema,
    year: z.number().int().min(1980).max(2100),
    period_from: z.number().int().min(1980).max(2100).optional(),
    metric: z.enum(OFFICIAL_METRIC_NAMES, { error: "must be a known metric" }),
    value: z.number().finite(),
    note_zh: z.string().max(500).nullable().optional(),
    note_en: z.string().max(500).nullable().optional(),
  })
  .openapi("NewOfficialFigure");

export const PublishOfficialFiguresBody = z
  .strictObject({
    source: NewSourceSchema.openapi({ description: "The document the figures come from; created if its id is new, and must match if it exists" }),
    figures: z.array(NewOfficialFigureSchema).min(1, "must list at least one figure").max(500, "at most 500 figures per request"),
  })
  .openapi("PublishOfficialFigures", {
    example: {
      source: {
        id: "wuhu-2019-bulletin",
        title_zh: "芜湖市2019年脱贫攻坚工作公告",
        title_en: "Wuhu 2019 poverty alleviation bulletin",
        issuer: "芜湖市扶贫开发领导小组办公室",
        published_on: "2019-12-31",
      },
      figures: [{ region_code: "340200000000", year: 2019, metric: "exited_people", value: 10836 }],
    },
  });

export const PublishOfficialFiguresResult = z
  .object({
    data: z.object({ source_id: z.string(), source_created: z.boolean(), figures_published: z.number().int() }),
  })
  .openapi("PublishOfficialFiguresResult");
