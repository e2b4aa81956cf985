/**
 * The public money rows and the ledger leaf each one must equal. The ledger's promise is
 * that what the public sees is what was logged, so every row the API serves money from
 * names its entry (a ledger index column) and the verifier rebuilds the leaf the row
 * implies and compares it field by field with the stored, signed one.
 *
 * Running totals are not stored: the API derives them from these rows (the
 * fund_source_totals view, migration 0006), so covering the rows covers the totals.
 *
 * One spec per (table, index column). Fields a leaf holds but a row does not store are
 * listed in `leafOnly` (they cannot be tampered with in the row because the row has no
 * copy); everything else must match exactly, including type, id and recorded_at.
 */
import { announcementFingerprint, noticeFingerprint, type PublishedItem } from "../domain/notice-fingerprint";
import type { NoticeType } from "../domain/notice-lifecycle";
import { periodInstants } from "../domain/notice-window";
import { amendmentReasonHash } from "./entries";

type Scalar = string | number | boolean | null;
export type LeafFields = Record<string, Scalar | undefined>;

/** A row's claim on one ledger entry. */
export interface RowClaim {
  table: string;
  /** The row's id as the API shows it (composite keys joined with "/"). */
  rowId: string;
  index: number;
  /** The leaf this row implies (type, id, recorded_at and the event's fields). */
  expected: LeafFields;
  leafOnly: readonly string[];
  /** Row columns that are not in the leaf but must equal what the leaf implies. */
  derived?: readonly { field: string; row: Scalar; expected: Scalar }[];
}

export interface RowSpec {
  table: string;
  indexColumn: string;
  /** Rows whose index column lies in [from, to]; must select the column as `ledger_index` and the id as `row_id`. */
  claimsSql: string;
  /** Rows that should have an entry but name none inside the tree: [tree size]. */
  orphansSql: string;
  /** Async for rows whose leaf holds a hash the verifier recomputes (a notice's fingerprint). */
  toClaim(row: Record<string, Scalar>): RowClaim | Promise<RowClaim>;
}

/** The closed reason list is stored as "reason" or "reason: note" (the note is for administrators only). */
const publicReason = (reason: Scalar | undefined) => (typeof reason === "string" ? reason.split(": ")[0] : reason);
const str = (v: Scalar | undefined) => (v === null || v === undefined ? undefined : String(v));
const num = (v: Scalar | undefined) => (v === null || v === undefined ? undefined : Number(v));

/** `due`: which rows must name an entry (default: all); a notice needs one only once published. */
function spec(table: string, indexColumn: string, select: string, from: string, toClaim: RowSpec["toClaim"], due?: string): RowSpec {
  const col = `${table}.${indexColumn}`;
  return {
    table,
    indexColumn,
    claimsSql: `SELECT ${select}, ${col} AS ledger_index FROM ${from} WHERE ${col} BETWEEN ? AND ? ORDER BY ${col}`,
    orphansSql: `SELECT ${select}, ${col} AS ledger_index FROM ${from} WHERE ${due ? `(${due}) AND ` : ""}(${col} IS NULL OR ${col} < 0 OR ${col} >= ?) LIMIT 20`,
    toClaim,
  };
}

const fundRow = (kind: "fund_allocation" | "disbursement", table: string, extra: string) =>
  spec(
    table,
    "ledger_index",
    `${table}.id AS row_id, ${table}.project_id, fund_projects.region_code, ${table}.source, ${table}.date, ${table}.amount_fen, ${table}.document_no, ${table}.reverses_id, ${table}.reason, ${table}.recorded_at${extra}`,
    `${table} LEFT JOIN fund_projects ON fund_projects.id = ${table}.project_id`,
    (r) => {
      const reversal = r.reverses_id !== null;
      const receipted = kind === "disbursement" ? { receipted_fen: num(r.receipted_fen) } : {};
      return {
        table,
        rowId: String(r.row_id),
        index: Number(r.ledger_index),
        expected: reversal
          ? { type: `${kind}_reversal`, id: str(r.row_id), recorded_at: str(r.recorded_at), reverses: str(r.reverses_id), project_id: str(r.project_id), source: str(r.source), date: str(r.date), amount_fen: num(r.amount_fen), ...receipted, reason: publicReason(r.reason) ?? undefined }
          : { type: kind, id: str(r.row_id), recorded_at: str(r.recorded_at), project_id: str(r.project_id), region_code: str(r.region_code), source: str(r.source), date: str(r.date), amount_fen: num(r.amount_fen), ...receipted, document_no: str(r.document_no) },
        leafOnly: [],
      };
    },
  );

export const ROW_SPECS: readonly RowSpec[] = [
  spec(
    "donations",
    "ledger_index",
    // region_code is what the public filters by; it must follow from the leaf's target.
    "donations.id AS row_id, date, amount_fen, channel, donor_name IS NOT NULL AS donor_named, target_type, target_region, target_project, donations.region_code, recorded_at, " +
      "CASE target_type WHEN 'region' THEN target_region WHEN 'project' THEN (SELECT p.region_code FROM fund_projects p WHERE p.id = target_project) END AS target_region_code",
    "donations",
    (r) => ({
      table: "donations",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: {
        type: "donation",
        id: str(r.row_id),
        recorded_at: str(r.recorded_at),
        date: str(r.date),
        amount_fen: num(r.amount_fen),
        channel: str(r.channel),
        target_type: str(r.target_type),
        target_region: str(r.target_region),
        target_project: str(r.target_project),
        donor_named: Boolean(r.donor_named),
      },
      leafOnly: [],
      // Not a leaf field, but public (the region filter): it must follow from the leaf's target.
      derived: [{ field: "region_code", row: r.region_code ?? null, expected: r.target_region_code ?? null }],
    }),
  ),
  spec(
    "donation_reversals",
    "ledger_index",
    "donation_reversals.donation_id AS row_id, date, amount_fen, reason, recorded_at",
    "donation_reversals",
    (r) => ({
      table: "donation_reversals",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: { type: "donation_reversal", id: str(r.row_id), recorded_at: str(r.recorded_at), reverses: str(r.row_id), date: str(r.date), amount_fen: num(r.amount_fen), reason: publicReason(r.reason) ?? undefined },
      leafOnly: [],
    }),
  ),
  fundRow("fund_allocation", "fund_allocations", ""),
  fundRow("disbursement", "disbursements", ", disbursements.receipted_fen"),
  spec(
    "donation_allocations",
    "ledger_index",
    "donation_allocations.id AS row_id, donation_id, project_id, village_code, date, amount_fen, reverses_id, reason, recorded_at",
    "donation_allocations",
    (r) => {
      const base = { id: str(r.row_id), recorded_at: str(r.recorded_at), donation_id: str(r.donation_id), project_id: str(r.project_id), village_code: str(r.village_code), date: str(r.date), amount_fen: num(r.amount_fen) };
      return {
        table: "donation_allocations",
        rowId: String(r.row_id),
        index: Number(r.ledger_index),
        expected: r.reverses_id !== null ? { ...base, type: "donation_allocation_reversal", reverses: str(r.reverses_id), reason: publicReason(r.reason) ?? undefined } : { ...base, type: "donation_allocation" },
        leafOnly: [],
      };
    },
  ),
  // Needs (worker/writes/needs.ts): the leaf repeats the need's public region, category and
  // amount, which the needs_fixed_fields trigger keeps from changing after the pledge.
  spec(
    "need_pledges",
    "ledger_index",
    "need_pledges.id AS row_id, need_pledges.need_id, needs.public_region_code, needs.category, needs.amount_fen, need_pledges.donor_name IS NOT NULL AS donor_named, need_pledges.date, need_pledges.recorded_at",
    "need_pledges LEFT JOIN needs ON needs.id = need_pledges.need_id",
    (r) => ({
      table: "need_pledges",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: { type: "need_pledge", id: str(r.row_id), recorded_at: str(r.recorded_at), need_id: str(r.need_id), region_code: str(r.public_region_code), category: str(r.category), amount_fen: num(r.amount_fen), donor_named: Boolean(r.donor_named), date: str(r.date) },
      leafOnly: [],
    }),
  ),
  spec(
    "need_deliveries",
    "ledger_index",
    "need_deliveries.id AS row_id, need_deliveries.need_id, need_deliveries.pledge_id, needs.public_region_code, need_deliveries.date, need_deliveries.amount_fen, need_deliveries.donation_id, need_deliveries.in_kind_record, need_deliveries.recorded_at",
    "need_deliveries LEFT JOIN needs ON needs.id = need_deliveries.need_id",
    (r) => ({
      table: "need_deliveries",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: {
        type: "need_delivery",
        id: str(r.row_id),
        recorded_at: str(r.recorded_at),
        need_id: str(r.need_id),
        pledge_id: str(r.pledge_id),
        region_code: str(r.public_region_code),
        date: str(r.date),
        amount_fen: num(r.amount_fen),
        donation_id: str(r.donation_id),
        in_kind_record: str(r.in_kind_record),
      },
      leafOnly: [],
    }),
  ),
  spec(
    "fund_project_sources",
    "ledger_index",
    // A line an amendment added (migration 0035) was recorded with that amendment, at 0 fen.
    "fund_project_sources.project_id || '/' || fund_project_sources.source AS row_id, fund_project_sources.project_id, fund_project_sources.source, budget_fen, fund_projects.region_code, coalesce(added.recorded_at, fund_projects.created_at) AS created_at",
    "fund_project_sources LEFT JOIN fund_projects ON fund_projects.id = fund_project_sources.project_id LEFT JOIN fund_project_amendments added ON added.id = fund_project_sources.amendment_id",
    (r) => ({
      table: "fund_project_sources",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: { type: "project_budget", id: str(r.project_id), recorded_at: str(r.created_at), region_code: str(r.region_code), source: str(r.source), amount_fen: num(r.budget_fen) },
      leafOnly: [],
    }),
  ),
  // Amendments (worker/writes/project-amendments.ts). The leaf holds the reason's hash, which
  // is recomputed from the row's text; the project's current names must be its latest
  // amendment's.
  spec(
    "fund_project_amendments",
    "ledger_index",
    "fund_project_amendments.id AS row_id, fund_project_amendments.project_id, p.region_code, date, reason_zh, reason_en, previous_name_zh, fund_project_amendments.name_zh, previous_name_en, fund_project_amendments.name_en, recorded_at, p.name_zh AS project_name_zh, p.name_en AS project_name_en, " +
      "(SELECT l.id FROM fund_project_amendments l WHERE l.project_id = fund_project_amendments.project_id AND l.name_zh IS NOT NULL ORDER BY l.ledger_index DESC LIMIT 1) = fund_project_amendments.id AS latest_zh, " +
      "(SELECT l.id FROM fund_project_amendments l WHERE l.project_id = fund_project_amendments.project_id AND l.name_en IS NOT NULL ORDER BY l.ledger_index DESC LIMIT 1) = fund_project_amendments.id AS latest_en",
    "fund_project_amendments LEFT JOIN fund_projects p ON p.id = fund_project_amendments.project_id",
    async (r) => ({
      table: "fund_project_amendments",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: {
        type: "project_amendment",
        id: str(r.row_id),
        recorded_at: str(r.recorded_at),
        project_id: str(r.project_id),
        region_code: str(r.region_code),
        date: str(r.date),
        reason_hash: await amendmentReasonHash(String(r.reason_zh), str(r.reason_en) ?? null),
        previous_name_zh: str(r.previous_name_zh),
        name_zh: str(r.name_zh),
        previous_name_en: str(r.previous_name_en),
        name_en: str(r.name_en),
      },
      leafOnly: [],
      derived: [
        ...(Number(r.latest_zh) === 1 ? [{ field: "fund_projects.name_zh", row: r.project_name_zh ?? null, expected: r.name_zh ?? null }] : []),
        ...(Number(r.latest_en) === 1 ? [{ field: "fund_projects.name_en", row: r.project_name_en ?? null, expected: r.name_en ?? null }] : []),
      ],
    }),
  ),
  // Each changed budget line: its "before" must be the original line plus the changes logged
  // before it, so the budget the API serves (the view's sum) follows from signed entries only.
  spec(
    "fund_project_budget_amendments",
    "ledger_index",
    "fund_project_budget_amendments.amendment_id || '/' || fund_project_budget_amendments.source AS row_id, amendment_id, fund_project_budget_amendments.project_id, p.region_code, fund_project_budget_amendments.source, fund_project_budget_amendments.previous_budget_fen, fund_project_budget_amendments.budget_fen, a.date, a.recorded_at, " +
      "(SELECT s.budget_fen FROM fund_project_sources s WHERE s.project_id = fund_project_budget_amendments.project_id AND s.source = fund_project_budget_amendments.source) + " +
      "(SELECT coalesce(sum(e.budget_fen - e.previous_budget_fen), 0) FROM fund_project_budget_amendments e WHERE e.project_id = fund_project_budget_amendments.project_id AND e.source = fund_project_budget_amendments.source AND e.ledger_index < fund_project_budget_amendments.ledger_index) AS budget_before",
    "fund_project_budget_amendments LEFT JOIN fund_projects p ON p.id = fund_project_budget_amendments.project_id LEFT JOIN fund_project_amendments a ON a.id = fund_project_budget_amendments.amendment_id",
    (r) => ({
      table: "fund_project_budget_amendments",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: {
        type: "project_budget_amendment",
        id: str(r.amendment_id),
        recorded_at: str(r.recorded_at),
        project_id: str(r.project_id),
        region_code: str(r.region_code),
        date: str(r.date),
        source: str(r.source),
        previous_amount_fen: num(r.previous_budget_fen),
        amount_fen: num(r.budget_fen),
      },
      leafOnly: [],
      derived: [{ field: "previous_budget_fen", row: num(r.previous_budget_fen) ?? null, expected: num(r.budget_before) ?? null }],
    }),
  ),
  ...noticeSpecs(),
  spec(
    "snapshots",
    "ledger_index",
    "snapshots.id AS row_id, created_at, package_hash, package_bytes, resource_count, total_bytes, (SELECT count(*) FROM snapshot_resources r WHERE r.snapshot_id = snapshots.id) AS resources_listed",
    "snapshots",
    (r) => ({
      table: "snapshots",
      rowId: String(r.row_id),
      index: Number(r.ledger_index),
      expected: {
        type: "snapshot",
        id: `snapshot:${String(r.row_id)}`,
        recorded_at: str(r.created_at),
        package_hash: str(r.package_hash),
        package_bytes: num(r.package_bytes),
        resource_count: num(r.resource_count),
        total_bytes: num(r.total_bytes),
      },
      leafOnly: [],
      // The files listed must be as many as the package says (the hashes are in the package itself).
      derived: [{ field: "snapshot_resources", row: num(r.resources_listed) ?? 0, expected: num(r.resource_count) ?? null }],
    }),
  ),
];

/**
 * A notice's three moments. The verifier recomputes the fingerprint from the row and its
 * items exactly as the notice page does, so an edit to any published field (title, body,
 * period, an item) after opening shows as a fingerprint that differs from the signed one.
 */
function noticeSpecs(): RowSpec[] {
  const select =
    "notices.id AS row_id, notices.type, notices.region_code, title_zh, title_en, body_zh, body_en, issuer, status, period_start, period_end, opens_at, closes_at, " +
    "published_at, superseded_at, announced_at, announcement_zh, announcement_en, supersedes_id, superseded_by_id, fingerprint, objections_received, objections_upheld, " +
    "(SELECT json_group_array(json_array(i.item_no, i.masked_name, i.village_group, i.household_size, i.decision)) FROM notice_items i WHERE i.notice_id = notices.id) AS items_json";
  const recomputed = (r: Record<string, Scalar>) =>
    noticeFingerprint(
      {
        id: String(r.row_id),
        type: r.type as NoticeType,
        regionCode: String(r.region_code),
        titleZh: String(r.title_zh),
        titleEn: str(r.title_en) ?? null,
        bodyZh: String(r.body_zh),
        bodyEn: str(r.body_en) ?? null,
        issuer: String(r.issuer),
        publishedAt: String(r.published_at),
        period: { start: String(r.period_start), end: String(r.period_end) },
        supersedesId: str(r.supersedes_id) ?? null,
      },
      (JSON.parse(String(r.items_json ?? "[]")) as [number, string, string, number, PublishedItem["decision"]][]).map(([itemNo, maskedName, villageGroup, householdSize, decision]) => ({ itemNo, maskedName, villageGroup, householdSize, decision })),
    );
  const base = async (r: Record<string, Scalar>, type: string, recordedAt: Scalar | undefined) => {
    const fingerprint = await recomputed(r).catch(() => "(cannot be recomputed)");
    return {
      fingerprint,
      claim: (table: string, fields: LeafFields, status: string): RowClaim => ({
        table,
        rowId: String(r.row_id),
        index: Number(r.ledger_index),
        expected: { type, id: str(r.row_id), recorded_at: str(recordedAt), fingerprint, ...fields },
        leafOnly: [],
        derived: [
          // The stored fingerprint is what the API shows; it must be the content's own.
          { field: "fingerprint (stored)", row: r.fingerprint ?? null, expected: fingerprint },
          { field: "status", row: r.status ?? null, expected: status },
        ],
      }),
    };
  };
  const notDraft = (r: Record<string, Scalar>) => (r.status === "draft" ? "published (not a draft)" : String(r.status));
  return [
    spec(
      "notices",
      "ledger_index",
      select,
      "notices",
      async (r) => {
        const { claim } = await base(r, "notice_opened", r.published_at);
        const c = claim("notices", { notice_type: str(r.type), region_code: str(r.region_code), period_start: str(r.period_start), period_end: str(r.period_end), supersedes: str(r.supersedes_id) }, notDraft(r));
        // The instants the status is judged by follow from the period (Asia/Shanghai days).
        const instants = r.period_start && r.period_end ? periodInstants({ start: String(r.period_start), end: String(r.period_end) }) : undefined;
        c.derived = [
          ...c.derived!,
          { field: "opens_at", row: r.opens_at ?? null, expected: instants?.opensAt.toISOString() ?? null },
          { field: "closes_at", row: r.closes_at ?? null, expected: instants?.closesAt.toISOString() ?? null },
        ];
        return c;
      },
      "notices.status <> 'draft'",
    ),
    spec(
      "notices",
      "superseded_ledger_index",
      select,
      "notices",
      async (r) => (await base(r, "notice_superseded", r.superseded_at)).claim("notices", { superseded_by: str(r.superseded_by_id) }, "superseded"),
      "notices.status = 'superseded'",
    ),
    spec(
      "notices",
      "announced_ledger_index",
      select,
      "notices",
      async (r) => {
        const announcement = r.announcement_zh === null ? "(no announcement)" : await announcementFingerprint({
          id: String(r.row_id),
          announcedAt: String(r.announced_at),
          announcementZh: String(r.announcement_zh),
          announcementEn: str(r.announcement_en) ?? null,
          objectionsReceived: Number(r.objections_received),
          objectionsUpheld: Number(r.objections_upheld),
        });
        return (await base(r, "notice_announced", r.announced_at)).claim(
          "notices",
          { announcement_fingerprint: announcement, objections_received: num(r.objections_received), objections_upheld: num(r.objections_upheld) },
          "announced",
        );
      },
      "notices.status = 'announced'",
    ),
  ];
}
