/** Drizzle's view of migration 0024, for the statements that join a drizzle batch. */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const registerImportJobs = sqliteTable("register_import_jobs", {
  id: text("id").primaryKey(),
  staffId: text("staff_id").notNull(),
  staffRole: text("staff_role").notNull(),
  staffRegion: text("staff_region").notNull(),
  scopeCode: text("scope_code").notNull(),
  year: integer("year").notNull(),
  objectKey: text("object_key").notNull(),
  bytes: integer("bytes").notNull(),
  status: text("status", { enum: ["checking", "invalid", "checked", "published", "unchanged", "failed"] }).notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});
