import { z } from "@hono/zod-openapi";
import { RegionCodeSchema } from "../../lib/schemas";
import { VILLAGE_STATUS_FILE_COLUMNS } from "../../writes/reference-files";

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

export const VillageStatusFileBody = z.string().openapi({
  description: `UTF-8 (or GB18030) CSV with the header \`${VILLAGE_STATUS_FILE_COLUMNS.join(",")}\`: a village's 12-digit code, its status (not_designated, poor, exited) and the years (empty for none), one village per line.`,
  example: "code,status,designated_year,exit_year\n340223101201,exited,2014,2017\n340223101202,not_designated,,\n",
});

export const VillageStatusesResult = z
  .object({
    data: z.object({
      villages: z.number().int().openapi({ description: "Rows in the file" }),
      created: z.number().int().openapi({ description: "Villages that had no status yet" }),
      changed: z.number().int(),
      unchanged: z.number().int().openapi({ description: "Villages whose status and years were already these (their updated_at kept)" }),
      scope: RegionCodeSchema.openapi({ description: "The lowest region covering every village (the audit row and the change feed name it)" }),
    }),
  })
  .openapi("VillageStatusesResult");
