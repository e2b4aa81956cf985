/**
 * Drizzle table definitions: the single source of truth for column names and types in
 * TypeScript. The SQL in migrations/ creates them (with CHECKs, indexes and triggers that
 * drizzle cannot express); tests/db/schema.test.ts checks the two agree.
 */
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const regions = sqliteTable(
  "regions",
  {
    code: text("code").primaryKey(),
    parentCode: text("parent_code"),
    level: text("level", { enum: ["province", "city", "county", "township", "village"] }).notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("regions_parent").on(t.parentCode, t.code), index("regions_level").on(t.level, t.code)],
);

export const villageStatus = sqliteTable("village_status", {
  villageCode: text("village_code").primaryKey(),
  designatedYear: integer("designated_year"),
  exitYear: integer("exit_year"),
  status: text("status", { enum: ["not_designated", "poor", "exited"] }).notNull(),
});

export const sources = sqliteTable("sources", {
  id: text("id").primaryKey(),
  titleZh: text("title_zh").notNull(),
  titleEn: text("title_en").notNull(),
  issuer: text("issuer").notNull(),
  publishedOn: text("published_on").notNull(),
  url: text("url"),
  reference: text("reference"),
});

export const officialFigures = sqliteTable("official_figures", {
  id: integer("id").primaryKey(),
  regionCode: text("region_code").notNull(),
  year: integer("year").notNull(),
  periodFrom: integer("period_from").notNull(),
  metric: text("metric").notNull(),
  value: real("value").notNull(),
  unit: text("unit").notNull(),
  noteZh: text("note_zh"),
  noteEn: text("note_en"),
  sourceId: text("source_id").notNull(),
});

export const datasetVersions = sqliteTable("dataset_versions", {
  dataset: text("dataset").primaryKey(),
  version: integer("version").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const adminTokens = sqliteTable("admin_tokens", {
  id: text("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role", { enum: ["viewer", "editor", "admin"] }).notNull(),
  regionCode: text("region_code").notNull(),
  label: text("label").notNull().default(""),
  createdAt: text("created_at").notNull(),
  revokedAt: text("revoked_at"),
});

export const auditLog = sqliteTable("audit_log", {
  id: integer("id").primaryKey(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  targetType: text("target_type").notNull(),
  targetId: text("target_id"),
  regionCode: text("region_code"),
  summary: text("summary").notNull(),
  createdAt: text("created_at").notNull(),
});

export const idempotencyKeys = sqliteTable("idempotency_keys", {
  tokenId: text("token_id").notNull(),
  idempotencyKey: text("idempotency_key").notNull(),
  requestHash: text("request_hash").notNull(),
  status: integer("status").notNull(),
  responseBody: text("response_body").notNull(),
  createdAt: text("created_at").notNull(),
});
