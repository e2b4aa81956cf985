import { z } from "@hono/zod-openapi";
import { MAX_CONTACTS_PER_REGION, PHONE_MESSAGE, PHONE_PATTERN } from "../../contacts/rules";
import { DateTextSchema, RegionCodeSchema } from "../../lib/schemas";
import { ContactRoleSchema } from "../../schemas/contacts";

const Text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const NewContactSchema = z
  .strictObject({
    role: ContactRoleSchema,
    name_zh: Text(40).nullable().optional().openapi({ description: "The person as the office published them (required for first_secretary and work_team)", example: "王建国" }),
    name_en: Text(80).nullable().optional(),
    position_zh: Text(60).nullable().optional().openapi({ example: "队长" }),
    position_en: Text(120).nullable().optional(),
    office_zh: Text(100).openapi({ example: "南陵县财政局" }),
    office_en: Text(200).nullable().optional(),
    phone: z.string().regex(PHONE_PATTERN, PHONE_MESSAGE).openapi({ example: "0553-6812345" }),
    confirmed_on: DateTextSchema.openapi({ description: "The date this contact was last confirmed (not in the future)" }),
  })
  .openapi("NewContact");

export const ReplaceContactsBody = z
  .strictObject({
    contacts: z.array(NewContactSchema).max(MAX_CONTACTS_PER_REGION, `at most ${MAX_CONTACTS_PER_REGION} contacts per region`),
  })
  .openapi("ReplaceContacts", {
    example: {
      contacts: [
        { role: "first_secretary", name_zh: "王建国", position_zh: "第一书记", office_zh: "南陵县财政局", phone: "0553-6812345", confirmed_on: "2026-11-20" },
        { role: "work_team", name_zh: "李敏", position_zh: "队员", office_zh: "南陵县财政局", phone: "0553-6812346", confirmed_on: "2026-11-20" },
      ],
    },
  });

export const ReplaceContactsResult = z
  .object({ data: z.object({ region_code: z.string(), contacts: z.number().int() }) })
  .openapi("ReplaceContactsResult");

export const ContactRegionParam = z.object({ code: RegionCodeSchema.openapi({ param: { name: "code", in: "path" }, example: "340223101204" }) });
