/** Who answers for a region (issue 15 §4): the public item of GET /api/v1/contacts, shared with the catalogue. */
import { z } from "@hono/zod-openapi";
import { updatedAtField } from "../changes/updated-since";
import { CONTACT_ROLES } from "../contacts/table";
import { DateTextSchema, RegionCodeSchema } from "../lib/schemas";
import { ProvenanceSchema } from "./provenance";
import { RegionLevelSchema } from "./regions";

export const ContactRoleSchema = z.enum(CONTACT_ROLES, { error: `must be one of ${CONTACT_ROLES.join(", ")}` }).openapi({
  description: "first_secretary (驻村第一书记) and work_team (驻村工作队) of a village; township_office and county_office: the responsible office of a township or county",
});

export const ContactSchema = z
  .object({
    id: z.number().int().openapi({ example: 12 }),
    region: z.object({
      code: RegionCodeSchema,
      name_zh: z.string().openapi({ example: "兴中村" }),
      name_en: z.string().openapi({ example: "Xingzhong" }),
      level: RegionLevelSchema,
    }),
    role: ContactRoleSchema,
    name_zh: z.string().nullable().openapi({ description: "The person as their office published them; null for an office's own line", example: "王建国" }),
    name_en: z.string().nullable(),
    position_zh: z.string().nullable().openapi({ example: "队长" }),
    position_en: z.string().nullable().openapi({ example: "Team leader" }),
    office_zh: z.string().openapi({ description: "The office; for a first secretary or work-team member, the unit that sent them", example: "南陵县财政局" }),
    office_en: z.string().nullable(),
    phone: z.string().openapi({ description: "Office phone as published: 0553-6812345, an 11-digit mobile, or a 5-digit service number", example: "0553-6812345" }),
    confirmed_on: DateTextSchema.openapi({ description: "The date an administrator last confirmed this contact (Asia/Shanghai)" }),
    demo: z.boolean().openapi({ description: "true for invented demo data" }),
    updated_at: updatedAtField("published: a region's contacts are replaced as a whole, so every contact of the region has the same time"),
    provenance: ProvenanceSchema,
  })
  .openapi("Contact");
