import { z } from "@hono/zod-openapi";
import { RegionCodeSchema } from "../../lib/schemas";

const Year = z.number({ error: "must be a year or null" }).int("must be a whole year").min(1980, "must be 1980 or later").max(2100, "must be 2100 or earlier").nullable();

export const VillageStatusBody = z
  .strictObject({
    status: z.enum(["not_designated", "poor", "exited"], { error: "must be one of not_designated, poor, exited" }),
    designated_year: Year.openapi({ description: "Year the village was designated poor (贫困村); null if never", example: 2014 }),
    exit_year: Year.openapi({ description: "Year it exited (出列); null unless exited", example: 2017 }),
  })
  .openapi("VillageStatusBody");

export const VillageStatusResult = z
  .object({
    data: z.object({
      code: z.string(),
      status: z.enum(["not_designated", "poor", "exited"]),
      designated_year: z.number().int().nullable(),
      exit_year: z.number().int().nullable(),
      previous_status: z.string().nullable(),
    }),
  })
  .openapi("VillageStatusResult");

export const VillageCodeParam = z.object({ code: RegionCodeSchema.openapi({ param: { name: "code", in: "path" }, example: "340223101201" }) });
