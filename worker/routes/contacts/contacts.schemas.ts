import { z } from "@hono/zod-openapi";
import { updatedSinceParam } from "../../changes/updated-since";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema } from "../../lib/schemas";
import { ContactRoleSchema, ContactSchema } from "../../schemas/contacts";

export const ContactListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Contacts of this region and everything below it" }),
  for: RegionCodeSchema.optional().openapi({ description: "Who answers for this region: its own contacts and those of every region above it (a village's team, its township's and county's offices)" }),
  role: ContactRoleSchema.optional(),
  updated_since: updatedSinceParam,
});

export { ContactSchema };
