/**
 * Drizzle table definitions: the single source of truth for column names and types in
 * TypeScript. The SQL in migrations/ creates them (with CHECKs, indexes and triggers that
 * drizzle cannot express); tests/db/schema.test.ts checks the two agree.
 */
import { index, integer, real, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";
import { NEED_CATEGORIES } from "../needs/rules";
import { CASE_OUTCOMES, CASE_PROBLEMS } from "../accountability/rules";

export const regions = sqliteTable(
  "regions",
  {
    code: text("code").primaryKey(),
    parentCode: text("parent_code"),
    level: text("level", { enum: ["province", "city", "county", "township", "village"] }).notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** Last change (UTC), stamped by its writer: `updated_since=` (migration 0028). */
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("regions_parent").on(t.parentCode, t.code), index("regions_level").on(t.level, t.code)],
);

export const villageStatus = sqliteTable("village_status", {
  villageCode: text("village_code").primaryKey(),
  designatedYear: integer("designated_year"),
  exitYear: integer("exit_year"),
  status: text("status", { enum: ["not_designated", "poor", "exited"] }).notNull(),
  updatedAt: text("updated_at").notNull(),
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
  updatedAt: text("updated_at").notNull(),
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

import { primaryKey } from "drizzle-orm/sqlite-core";

// Household register (migration 0003): releases, pseudonymised households and the
// published statistics of each release (figures stored in their R2 form; see the migration).
export const registerReleases = sqliteTable(
  "register_releases",
  {
    id: text("id").primaryKey(),
    scopeCode: text("scope_code").notNull(),
    year: integer("year").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: text("status", { enum: ["staging", "active", "superseded"] }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    activatedAt: text("activated_at"),
    households: integer("households").notNull(),
    people: integer("people").notNull(),
    villages: integer("villages").notNull(),
    statisticsRows: integer("statistics_rows").notNull(),
    withheldFigures: integer("withheld_figures").notNull().default(0),
    /** The gate and rules version that produced the release's tables (migration 0036); set by every import. */
    disclosureGate: text("disclosure_gate", { enum: ["per-metric", "joint"] }).notNull(),
    disclosureRules: integer("disclosure_rules").notNull(),
  },
  (t) => [index("register_releases_scope").on(t.scopeCode, t.year, t.status)],
);

/**
 * Not a table: a view whose INSTEAD OF INSERT trigger aborts the batch when `overlaps` > 0
 * (migration 0007). Declared so the activation batch can insert into it like any table.
 */
export const registerOverlapGuard = sqliteTable("register_overlap_guard", {
  overlaps: integer("overlaps"),
});

export const registerHouseholds = sqliteTable(
  "register_households",
  {
    releaseId: text("release_id").notNull(),
    pseudonym: text("pseudonym").notNull(),
    villageCode: text("village_code").notNull(),
    householdSize: integer("household_size").notNull(),
    cause: text("cause").notNull(),
    measures: text("measures").notNull(),
    identifiedYear: integer("identified_year").notNull(),
    exitYear: integer("exit_year"),
    returnedYear: integer("returned_year"),
    monitoring: text("monitoring", { enum: ["none", "edge", "monitored"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.pseudonym] }), index("register_households_village").on(t.releaseId, t.villageCode)],
);

export const registerStatistics = sqliteTable(
  "register_statistics",
  {
    releaseId: text("release_id").notNull(),
    year: integer("year").notNull(),
    level: text("level", { enum: ["county", "township", "village"] }).notNull(),
    regionCode: text("region_code").notNull(),
    breakdown: text("breakdown", { enum: ["none", "cause", "measure", "household_size"] }).notNull(),
    category: text("category").notNull(),
    registeredHouseholds: integer("registered_households").notNull(),
    registeredPeople: integer("registered_people").notNull(),
    exitedHouseholds: integer("exited_households").notNull(),
    exitedPeople: integer("exited_people").notNull(),
    newlyIdentifiedHouseholds: integer("newly_identified_households").notNull(),
    newlyIdentifiedPeople: integer("newly_identified_people").notNull(),
    returnedHouseholds: integer("returned_households").notNull(),
    returnedPeople: integer("returned_people").notNull(),
    monitoredHouseholds: integer("monitored_households").notNull(),
    monitoredPeople: integer("monitored_people").notNull(),
    // Migration 0032 (issue 15 §2): the two kinds of monitored household.
    edgeHouseholds: integer("edge_households").notNull(),
    edgePeople: integer("edge_people").notNull(),
    unstableHouseholds: integer("unstable_households").notNull(),
    unstablePeople: integer("unstable_people").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.releaseId, t.level, t.breakdown, t.regionCode, t.category] }),
    index("register_statistics_region").on(t.level, t.breakdown, t.regionCode, t.year, t.category),
    index("register_statistics_year").on(t.level, t.breakdown, t.year, t.regionCode, t.category),
  ],
);
// ── Funds, donations and the ledger (migration 0004) ────────────────────────────────
export const fundProjects = sqliteTable("fund_projects", {
  id: text("id").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  regionCode: text("region_code").notNull(),
  category: text("category").notNull(),
  year: integer("year").notNull(),
  status: text("status", { enum: ["planned", "filed", "started", "completed", "cancelled"] }).notNull(),
  filedOn: text("filed_on"),
  plannedStart: text("planned_start"),
  plannedCompletion: text("planned_completion"),
  actualStart: text("actual_start"),
  actualCompletion: text("actual_completion"),
  beneficiaryHouseholds: integer("beneficiary_households"),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const fundProjectSources = sqliteTable("fund_project_sources", {
  projectId: text("project_id").notNull(),
  source: text("source").notNull(),
  budgetFen: integer("budget_fen").notNull(),
  /** The line's `project_budget` ledger entry (migration 0008). */
  ledgerIndex: integer("ledger_index"),
  /** The amendment that added this line (0 fen, then its change), NULL for a line of the project's creation (migration 0035). */
  amendmentId: text("amendment_id"),
});

/**
 * A change of a project's names or budget, with its public reason (migration 0029): a new
 * row with its own ledger entry, never an edit. Names are NULL when unchanged.
 */
export const fundProjectAmendments = sqliteTable("fund_project_amendments", {
  id: text("id").primaryKey(),
  projectId: text("project_id").notNull(),
  date: text("date").notNull(),
  reasonZh: text("reason_zh").notNull(),
  reasonEn: text("reason_en"),
  previousNameZh: text("previous_name_zh"),
  nameZh: text("name_zh"),
  previousNameEn: text("previous_name_en"),
  nameEn: text("name_en"),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

/** One budget line an amendment changes, before and after (migration 0029). */
export const fundProjectBudgetAmendments = sqliteTable(
  "fund_project_budget_amendments",
  {
    amendmentId: text("amendment_id").notNull(),
    projectId: text("project_id").notNull(),
    source: text("source").notNull(),
    previousBudgetFen: integer("previous_budget_fen").notNull(),
    budgetFen: integer("budget_fen").notNull(),
    ledgerIndex: integer("ledger_index").notNull(),
  },
  (t) => [primaryKey({ columns: [t.amendmentId, t.source] })],
);

/**
 * A budget line with the totals of the rows written against it (a view, migration 0006; its
 * budget includes the line's amendments since 0029):
 * totals are derived, never counters changed in place.
 */
export const fundSourceTotals = sqliteView("fund_source_totals", {
  projectId: text("project_id").notNull(),
  source: text("source").notNull(),
  budgetFen: integer("budget_fen").notNull(),
  allocatedFen: integer("allocated_fen").notNull(),
  disbursedFen: integer("disbursed_fen").notNull(),
  receiptedFen: integer("receipted_fen").notNull(),
}).existing();

export const fundAllocations = sqliteTable("fund_allocations", {
  id: text("id").primaryKey(),
  projectId: text("project_id").notNull(),
  source: text("source").notNull(),
  date: text("date").notNull(),
  amountFen: integer("amount_fen").notNull(),
  documentNo: text("document_no").notNull(),
  reversesId: text("reverses_id"),
  reason: text("reason"),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

export const disbursements = sqliteTable("disbursements", {
  id: text("id").primaryKey(),
  projectId: text("project_id").notNull(),
  source: text("source").notNull(),
  date: text("date").notNull(),
  amountFen: integer("amount_fen").notNull(),
  receiptedFen: integer("receipted_fen").notNull(),
  documentNo: text("document_no").notNull(),
  reversesId: text("reverses_id"),
  reason: text("reason"),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

export const donations = sqliteTable("donations", {
  id: text("id").primaryKey(),
  date: text("date").notNull(),
  amountFen: integer("amount_fen").notNull(),
  channel: text("channel", { enum: ["bank_transfer", "online", "cash", "in_kind"] }).notNull(),
  donorName: text("donor_name"),
  targetType: text("target_type", { enum: ["general", "region", "project"] }).notNull(),
  targetRegion: text("target_region"),
  targetProject: text("target_project"),
  regionCode: text("region_code"),
  // allocated_fen, reversed_at, reversal_reason and reversal_ledger_index are retired
  // (migration 0006): derived from donation_allocations and donation_reversals instead.
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  /** Recorded, allocated or reversed: the one column a write may change (migration 0028). */
  updatedAt: text("updated_at").notNull(),
});

/** A donation's reversal: its own row, never an edit of the donation (migration 0006). */
export const donationReversals = sqliteTable("donation_reversals", {
  donationId: text("donation_id").primaryKey(),
  date: text("date").notNull(),
  amountFen: integer("amount_fen").notNull(),
  reason: text("reason").notNull(),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

export const donationAllocations = sqliteTable("donation_allocations", {
  id: text("id").primaryKey(),
  donationId: text("donation_id").notNull(),
  projectId: text("project_id"),
  villageCode: text("village_code"),
  date: text("date").notNull(),
  amountFen: integer("amount_fen").notNull(),
  reversesId: text("reverses_id"),
  reason: text("reason"),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

export const ledgerEntries = sqliteTable("ledger_entries", {
  idx: integer("idx").primaryKey(),
  type: text("type").notNull(),
  subjectId: text("subject_id").notNull(),
  leaf: text("leaf").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

export const ledgerNodes = sqliteTable("ledger_nodes", {
  level: integer("level").notNull(),
  idx: integer("idx").notNull(),
  hash: text("hash").notNull(),
});

export const ledgerHeads = sqliteTable("ledger_heads", {
  treeSize: integer("tree_size").primaryKey(),
  rootHash: text("root_hash").notNull(),
  timestamp: integer("timestamp").notNull(),
  signature: text("signature").notNull(),
  keyId: text("key_id").notNull(),
});

// ── Ledger keys and recorded cross-checks (migration 0009, worker/ledger/) ───────────
export const ledgerKeys = sqliteTable("ledger_keys", {
  keyId: text("key_id").primaryKey(),
  publicKey: text("public_key").notNull(),
  validFromSize: integer("valid_from_size").notNull(),
  validFromTimestamp: integer("valid_from_timestamp").notNull(),
});

export const ledgerChecks = sqliteTable("ledger_checks", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  checkedAt: text("checked_at").notNull(),
  trigger: text("trigger", { enum: ["cron"] }).notNull(),
  treeSize: integer("tree_size").notNull(),
  rootHash: text("root_hash"),
  ok: integer("ok", { mode: "boolean" }).notNull(),
  rowsChecked: integer("rows_checked").notNull(),
  problemCount: integer("problem_count").notNull(),
  firstProblem: text("first_problem"),
  durationMs: integer("duration_ms").notNull(),
});


// ---- Notices, objections and reports (migration 0005) ----
// (own import line so that merging other features' appended tables stays trivial)
import { primaryKey as noticesPrimaryKey } from "drizzle-orm/sqlite-core";

export const notices = sqliteTable(
  "notices",
  {
    id: text("id").primaryKey(),
    type: text("type", {
      enum: ["household_identification", "household_exit", "village_exit", "return_to_poverty", "project", "fund_allocation", "donation_use"],
    }).notNull(),
    regionCode: text("region_code").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en"),
    bodyZh: text("body_zh").notNull(),
    bodyEn: text("body_en"),
    issuer: text("issuer").notNull(),
    status: text("status", { enum: ["draft", "open", "closed", "announced", "superseded"] }).notNull(),
    periodStart: text("period_start"),
    periodEnd: text("period_end"),
    opensAt: text("opens_at"),
    closesAt: text("closes_at"),
    publishedAt: text("published_at"),
    closedAt: text("closed_at"),
    announcedAt: text("announced_at"),
    supersededAt: text("superseded_at"),
    announcementZh: text("announcement_zh"),
    announcementEn: text("announcement_en"),
    supersedesId: text("supersedes_id"),
    supersededById: text("superseded_by_id"),
    fingerprint: text("fingerprint"),
    /** The ledger entries of its opening, its correction and its announcement (migration 0014). */
    ledgerIndex: integer("ledger_index"),
    supersededLedgerIndex: integer("superseded_ledger_index"),
    announcedLedgerIndex: integer("announced_ledger_index"),
    itemCount: integer("item_count").notNull().default(0),
    objectionsReceived: integer("objections_received").notNull().default(0),
    objectionsUpheld: integer("objections_upheld").notNull().default(0),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("notices_published").on(t.publishedAt, t.id),
    index("notices_region").on(t.regionCode, t.publishedAt, t.id),
    index("notices_type").on(t.type, t.publishedAt, t.id),
    index("notices_status").on(t.status, t.publishedAt, t.id),
    index("notices_status_closes").on(t.status, t.closesAt),
  ],
);

export const noticeItems = sqliteTable(
  "notice_items",
  {
    noticeId: text("notice_id").notNull(),
    itemNo: integer("item_no").notNull(),
    maskedName: text("masked_name").notNull(),
    villageGroup: text("village_group").notNull(),
    householdSize: integer("household_size").notNull(),
    decision: text("decision", { enum: ["identified", "exits", "returned"] }).notNull(),
  },
  (t) => [noticesPrimaryKey({ columns: [t.noticeId, t.itemNo] })],
);

export const objections = sqliteTable(
  "objections",
  {
    id: text("id").primaryKey(),
    noticeId: text("notice_id").notNull(),
    itemNo: integer("item_no"),
    text: text("text").notNull(),
    contact: text("contact"),
    receiptHash: text("receipt_hash").notNull().unique(),
    status: text("status", { enum: ["received", "upheld", "not_upheld"] }).notNull().default("received"),
    answer: text("answer"),
    receivedAt: text("received_at").notNull(),
    answeredAt: text("answered_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("objections_notice").on(t.noticeId, t.receivedAt, t.id), index("objections_status").on(t.status, t.receivedAt, t.id)],
);

export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    category: text("category", {
      enum: ["fund_misuse", "wrongful_identification", "wrongful_exit", "official_conduct", "project_quality", "other"],
    }).notNull(),
    regionCode: text("region_code").notNull(),
    text: text("text").notNull(),
    contact: text("contact"),
    receiptHash: text("receipt_hash").notNull().unique(),
    status: text("status", { enum: ["received", "accepted", "rejected", "in_progress", "resolved", "answered"] }).notNull().default("received"),
    receivedAt: text("received_at").notNull(),
    receivedMonth: text("received_month").notNull(),
    acknowledgementDueAt: text("acknowledgement_due_at").notNull(),
    resolutionDueAt: text("resolution_due_at").notNull(),
    acknowledgedAt: text("acknowledged_at"),
    resolvedAt: text("resolved_at"),
    answeredAt: text("answered_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("reports_status").on(t.status, t.receivedAt, t.id),
    index("reports_category").on(t.category, t.receivedAt, t.id),
    index("reports_region").on(t.regionCode, t.receivedAt, t.id),
    index("reports_month").on(t.receivedMonth, t.status),
  ],
);

export const reportEvents = sqliteTable(
  "report_events",
  {
    id: integer("id").primaryKey(),
    reportId: text("report_id").notNull(),
    at: text("at").notNull(),
    kind: text("kind", { enum: ["status", "note"] }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    publicText: text("public_text"),
    internalNote: text("internal_note"),
    tokenId: text("token_id"),
  },
  (t) => [index("report_events_report").on(t.reportId, t.id)],
);

// ---- Citable snapshots (issue 13, migration 0015) ----
export const snapshots = sqliteTable("snapshots", {
  id: integer("id").primaryKey(),
  createdAt: text("created_at").notNull(),
  trigger: text("trigger", { enum: ["cron", "admin"] }).notNull(),
  storagePrefix: text("storage_prefix").notNull(),
  packageHash: text("package_hash").notNull(),
  packageBytes: integer("package_bytes").notNull(),
  resourceCount: integer("resource_count").notNull(),
  totalBytes: integer("total_bytes").notNull(),
  versions: text("versions").notNull(),
  ledgerIndex: integer("ledger_index").notNull(),
  buildMs: integer("build_ms").notNull(),
});

export const snapshotResources = sqliteTable(
  "snapshot_resources",
  {
    snapshotId: integer("snapshot_id").notNull(),
    name: text("name").notNull(),
    path: text("path").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
  },
  (t) => [noticesPrimaryKey({ columns: [t.snapshotId, t.name] })],
);
/** Needs matched with donors (migration 0018, worker/needs/). */
export const needs = sqliteTable("needs", {
  id: text("id").primaryKey(),
  villageCode: text("village_code").notNull(),
  townshipCode: text("township_code").notNull(),
  publicRegionCode: text("public_region_code").notNull(),
  category: text("category", { enum: NEED_CATEGORIES }).notNull(),
  beneficiary: text("beneficiary", { enum: ["household", "village"] }).notNull(),
  description: text("description").notNull(),
  items: text("items"),
  amountFen: integer("amount_fen"),
  deadline: text("deadline").notNull(),
  postedOn: text("posted_on").notNull(),
  postedMonth: text("posted_month").notNull(),
  status: text("status", { enum: ["open", "pledged", "delivered", "expired", "withdrawn"] }).notNull(),
  closedReason: text("closed_reason"),
  closedOn: text("closed_on"),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const needPledges = sqliteTable("need_pledges", {
  id: text("id").primaryKey(),
  needId: text("need_id").notNull(),
  donorName: text("donor_name"),
  receiptHash: text("receipt_hash"),
  date: text("date").notNull(),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
});

export const needDeliveries = sqliteTable("need_deliveries", {
  id: text("id").primaryKey(),
  needId: text("need_id").notNull(),
  pledgeId: text("pledge_id").notNull(),
  date: text("date").notNull(),
  delivered: text("delivered").notNull(),
  amountFen: integer("amount_fen"),
  donationId: text("donation_id"),
  inKindRecord: text("in_kind_record"),
  ledgerIndex: integer("ledger_index").notNull(),
  recordedAt: text("recorded_at").notNull(),
});

/** Accountability case records (migration 0019, worker/accountability/). */
export const accountabilityCases = sqliteTable("accountability_cases", {
  id: text("id").primaryKey(),
  regionCode: text("region_code").notNull(),
  countyCode: text("county_code").notNull(),
  closedOn: text("closed_on").notNull(),
  year: integer("year").notNull(),
  problem: text("problem", { enum: CASE_PROBLEMS }).notNull(),
  outcome: text("outcome", { enum: CASE_OUTCOMES }).notNull(),
  peopleDisciplined: integer("people_disciplined").notNull(),
  peopleReferred: integer("people_referred").notNull(),
  recoveredFen: integer("recovered_fen").notNull(),
  returnedFen: integer("returned_fen").notNull(),
  officialPosition: text("official_position"),
  officialName: text("official_name"),
  bulletinTitle: text("bulletin_title"),
  bulletinUrl: text("bulletin_url"),
  bulletinDate: text("bulletin_date"),
  reportId: text("report_id"),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  recordedAt: text("recorded_at").notNull(),
});

export * from "../auth/schema";
