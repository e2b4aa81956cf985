import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema } from "../../lib/schemas";
import { MATCH_TIERS, SEARCH_KINDS } from "../../search";

export const MAX_QUERY_LENGTH = 100;

export const SearchQuery = z.strictObject({
  ...listParams,
  q: z
    .string({ error: "is required" })
    .trim()
    .min(1, "must not be empty")
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .openapi({
      description:
        "What to find: Chinese (one character or more; traditional characters are read as simplified), full pinyin with or without spaces (`nanling`, `nan ling`), pinyin initials (`nl`), or English words.",
      example: "南陵",
    }),
  type: z
    .enum(SEARCH_KINDS, { error: `must be one of ${SEARCH_KINDS.join(", ")}` })
    .optional()
    .openapi({ description: "Only hits of this type: region (province to township), village, metric (official figures), project, notice, donor (named donors only)." }),
  region: RegionCodeSchema.optional().openapi({ description: "Only hits in this region and below (a region itself counts as within)." }),
});

export const SearchHitSchema = z
  .object({
    type: z.enum(SEARCH_KINDS),
    id: z.string().openapi({ description: "The record's id: a region code, a notice, project or donation id, an official figure's id", example: "340223000000" }),
    name_zh: z.string().openapi({ example: "南陵县" }),
    name_en: z.string().nullable().openapi({ example: "Nanling County" }),
    region_code: RegionCodeSchema.nullable(),
    context_zh: z.string().nullable().openapi({ description: "Where it belongs: the parent regions, the issuer and date, the region and year", example: "安徽省 芜湖市" }),
    context_en: z.string().nullable(),
    match: z.enum(MATCH_TIERS).openapi({ description: "How it matched, best first: exact (the whole name), prefix (the name starts with the query), name (inside the name or its pinyin), text (a notice's body or issuer, a figure's region or source)" }),
    url: z.string().openapi({ description: "The record in this API", example: "/api/v1/regions/340223000000" }),
  })
  .openapi("SearchHit");
