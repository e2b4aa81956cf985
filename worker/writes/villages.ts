/**
 * A village's exit status (贫困村 designation and exit), set by an administrator for one village
 * (setVillageStatus, the admin API) or for many in one batch (setVillageStatuses: the demo
 * load, a county's list). Checks the same rules as the table's
 * CHECKs (status ↔ years) with answers that name the field, and plans the row, the version
 * bump and the audit facts; the route runs it through executeWrite.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { chunk, chunkedInserts } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { regions, villageStatus } from "../db/schema";
import { localDateOf } from "../domain/notice-window";
import { invalid, requireRole, requireScope, unknownRecord, WriteRefusal, type RefusalDetail, type WriteContext, type WritePlan } from "./plan";
import { commonAncestor } from "./regions";

export interface VillageStatusInput {
  status: "not_designated" | "poor" | "exited";
  designated_year: number | null;
  exit_year: number | null;
}

type VillageStatusResult = { data: { code: string; status: VillageStatusInput["status"]; designated_year: number | null; exit_year: number | null; previous_status: string | null } };

function upsert(db: Db, code: string, input: VillageStatusInput, at: string) {
  const values = { designatedYear: input.designated_year, exitYear: input.exit_year, status: input.status, updatedAt: at };
  return db.insert(villageStatus).values({ villageCode: code, ...values }).onConflictDoUpdate({ target: villageStatus.villageCode, set: values });
}

/** The rules of one status (status ↔ years, nothing in the future), as answers under `path`. */
function statusProblems(input: VillageStatusInput, thisYear: number, path: string): RefusalDetail[] {
  const problems: RefusalDetail[] = [];
  const { status, designated_year: designated, exit_year: exit } = input;
  if (status === "not_designated" && designated !== null) problems.push({ path: `${path}.designated_year`, message: "must be null for a village never designated" });
  if (status !== "not_designated" && designated === null) problems.push({ path: `${path}.designated_year`, message: "is required once a village was designated" });
  if (status === "exited" && exit === null) problems.push({ path: `${path}.exit_year`, message: "is required for an exited village" });
  if (status !== "exited" && exit !== null) problems.push({ path: `${path}.exit_year`, message: "must be null unless the village exited" });
  if (designated !== null && designated > thisYear) problems.push({ path: `${path}.designated_year`, message: "must not be in the future" });
  if (exit !== null && exit > thisYear) problems.push({ path: `${path}.exit_year`, message: "must not be in the future" });
  if (designated !== null && exit !== null && exit < designated) problems.push({ path: `${path}.exit_year`, message: "must not be before designated_year" });
  return problems;
}

export async function setVillageStatus(ctx: WriteContext, code: string, input: VillageStatusInput): Promise<WritePlan<VillageStatusResult>> {
  requireRole(ctx.actor, "editor");
  requireScope(ctx.actor, code, "param.code");
  const { db, now } = ctx;
  const region = (await db.select({ code: regions.code, level: regions.level }).from(regions).where(eq(regions.code, code)).limit(1))[0];
  if (!region || region.level !== "village") throw unknownRecord("village", code);

  const problems = statusProblems(input, Number(localDateOf(now).slice(0, 4)), "body");
  if (problems.length > 0) throw invalid(problems);
  const { status, designated_year: designated, exit_year: exit } = input;

  const previous = (await db.select({ status: villageStatus.status }).from(villageStatus).where(eq(villageStatus.villageCode, code)).limit(1))[0];
  return {
    body: { data: { code, status, designated_year: designated, exit_year: exit, previous_status: previous?.status ?? null } },
    statements: [upsert(db, code, input, now.toISOString()), bumpDatasetVersion(db, "villages", now)],
    conflict: new WriteRefusal("conflict", "conflict", "The record changed meanwhile; reload and try again."),
    audit: {
      action: "village_status.set",
      targetType: "village",
      targetId: code,
      regionCode: code,
      summary: `Village ${code}: ${previous?.status ?? "no status"} → ${status}${designated !== null ? ` (designated ${designated}${exit !== null ? `, exited ${exit}` : ""})` : ""}`,
    },
  };
}

/** One village's status in a batched write. */
export interface VillageStatusItem extends VillageStatusInput {
  code: string;
}

export interface VillageStatusesResult {
  data: { villages: number; created: number; changed: number; unchanged: number; scope: string };
}

/** At most this many villages per batched write (one atomic batch; the national demo loads in slices). */
export const MAX_VILLAGES_PER_WRITE = 20_000;

/** Columns one status row binds (code, designated, exit, status, updated_at). */
const STATUS_COLUMNS = 5;

/**
 * Many villages' statuses in ONE atomic batch (a county's list, the demo load): the same rules,
 * scope and role as setVillageStatus, answers naming `body.villages.<i>.<field>`, upserts of at
 * most 100 bound parameters each (a village whose status is unchanged keeps its `updated_at`),
 * one version bump and one audit row (`village_status.set_many`) naming the villages' lowest
 * common region, so the change feed lists the write with a link to that region's villages.
 * Reads two primary-key lookups per 90 villages instead of two per village.
 */
export async function setVillageStatuses(ctx: WriteContext, input: readonly VillageStatusItem[]): Promise<WritePlan<VillageStatusesResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  if (input.length === 0) throw invalid([{ path: "body.villages", message: "must list at least one village" }]);
  if (input.length > MAX_VILLAGES_PER_WRITE) throw invalid([{ path: "body.villages", message: `at most ${MAX_VILLAGES_PER_WRITE} villages per write` }]);
  const thisYear = Number(localDateOf(now).slice(0, 4));
  const problems: RefusalDetail[] = [];
  const seen = new Map<string, number>();
  input.forEach((v, i) => {
    requireScope(ctx.actor, v.code, `body.villages.${i}.code`);
    problems.push(...statusProblems(v, thisYear, `body.villages.${i}`));
    if (seen.has(v.code)) problems.push({ path: `body.villages.${i}.code`, message: `repeats villages.${seen.get(v.code)}` });
    else seen.set(v.code, i);
  });
  if (problems.length > 0) throw invalid(problems.slice(0, 20));

  const levels = new Map<string, string>();
  const previous = new Map<string, { status: string; designatedYear: number | null; exitYear: number | null }>();
  for (const part of chunk([...seen.keys()], 90)) {
    for (const r of await db.select({ code: regions.code, level: regions.level }).from(regions).where(inArray(regions.code, part))) levels.set(r.code, r.level);
    for (const s of await db.select({ code: villageStatus.villageCode, status: villageStatus.status, designatedYear: villageStatus.designatedYear, exitYear: villageStatus.exitYear }).from(villageStatus).where(inArray(villageStatus.villageCode, part))) {
      previous.set(s.code, s);
    }
  }
  input.forEach((v, i) => {
    if (levels.get(v.code) !== "village") problems.push({ path: `body.villages.${i}.code`, message: "unknown village" });
  });
  if (problems.length > 0) throw new WriteRefusal("not_found", "not_found", `Village ${JSON.stringify(input[Number(problems[0]!.path.split(".")[2])]!.code)} does not exist.`, problems.slice(0, 20));

  const at = now.toISOString();
  let created = 0;
  let changed = 0;
  for (const v of input) {
    const old = previous.get(v.code);
    if (!old) created++;
    else if (old.status !== v.status || old.designatedYear !== v.designated_year || old.exitYear !== v.exit_year) changed++;
  }
  const unchanged = input.length - created - changed;
  const scope = commonAncestor(input.map((v) => v.code));
  const body = { data: { villages: input.length, created, changed, unchanged, scope } };
  const conflict = new WriteRefusal("conflict", "conflict", "The records changed meanwhile; reload and try again.");
  if (created + changed === 0) return { body, statements: [], audit: null, conflict };
  const rows = input.map((v) => ({ villageCode: v.code, designatedYear: v.designated_year, exitYear: v.exit_year, status: v.status, updatedAt: at }));
  const counts = new Map<string, number>();
  for (const v of input) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
  const byStatus = [...counts].map(([s, n]) => `${n} ${s}`);
  return {
    body,
    statements: [
      ...chunkedInserts(rows, STATUS_COLUMNS, (part) =>
        db
          .insert(villageStatus)
          .values(part)
          .onConflictDoUpdate({
            target: villageStatus.villageCode,
            set: { designatedYear: sql`excluded.designated_year`, exitYear: sql`excluded.exit_year`, status: sql`excluded.status`, updatedAt: sql`excluded.updated_at` },
            setWhere: sql`${villageStatus.status} IS NOT excluded.status OR ${villageStatus.designatedYear} IS NOT excluded.designated_year OR ${villageStatus.exitYear} IS NOT excluded.exit_year`,
          }),
      ),
      bumpDatasetVersion(db, "villages", now),
    ],
    conflict,
    audit: {
      action: "village_status.set_many",
      targetType: "region",
      targetId: scope,
      regionCode: scope,
      summary: `Statuses of ${input.length} village(s) in ${scope} (${byStatus.join(", ")}): ${created} new, ${changed} changed, ${unchanged} unchanged`,
    },
  };
}
