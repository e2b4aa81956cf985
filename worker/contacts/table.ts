/**
 * The drizzle table of office contacts (migration 0020). Kept beside the contacts code rather
 * than in db/schema.ts so the feature stays in one folder.
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const CONTACT_ROLES = ["first_secretary", "work_team", "township_office", "county_office"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const officeContacts = sqliteTable("office_contacts", {
  id: integer("id").primaryKey(),
  regionCode: text("region_code").notNull(),
  role: text("role", { enum: CONTACT_ROLES }).notNull(),
  nameZh: text("name_zh"),
  nameEn: text("name_en"),
  positionZh: text("position_zh"),
  positionEn: text("position_en"),
  officeZh: text("office_zh").notNull(),
  officeEn: text("office_en"),
  phone: text("phone").notNull(),
  confirmedOn: text("confirmed_on").notNull(),
  listOrder: integer("list_order").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  updatedAt: text("updated_at").notNull(),
});
