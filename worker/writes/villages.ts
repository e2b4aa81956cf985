/**
 * A village's exit status (贫困村 designation and exit), set by an administrator: the one
 * write of the village dataset besides the demo load. Checks the same rules as the table's
 * CHECKs (status ↔ years) with answers that name the field, and plans the row, the version
 * bump and the audit facts; the route runs it through executeWrite.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { regions, villageStatus } from "../db/schema";
import { localDateOf } from "../domain/notice-window";
import { invalid, requireRole, requireScope, unknownRecord, WriteRefusal, type RefusalDetail, type WriteContext, type WritePlan } from "./plan";

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

export async function setVillageStatus(ctx: WriteContext, code: string, input: VillageStatusInput): Promise<WritePlan<VillageStatusResult>> {
  requireRole(ctx.actor, "editor");
  requireScope(ctx.actor, code, "param.code");
  const { db, now } = ctx;
  const region = (await db.select({ code: regions.code, level: regions.level }).from(regions).where(eq(regions.code, code)).limit(1))[0];
  if (!region || region.level !== "village") throw unknownRecord("village", code);

  const problems: RefusalDetail[] = [];
  const thisYear = Number(localDateOf(now).slice(0, 4));
  const { status, designated_year: designated, exit_year: exit } = input;
  if (status === "not_designated" && designated !== null) problems.push({ path: "body.designated_year", message: "must be null for a village never designated" });
  if (status !== "not_designated" && designated === null) problems.push({ path: "body.designated_year", message: "is required once a village was designated" });
  if (status === "exited" && exit === null) problems.push({ path: "body.exit_year", message: "is required for an exited village" });
  if (status !== "exited" && exit !== null) problems.push({ path: "body.exit_year", message: "must be null unless the village exited" });
  if (designated !== null && designated > thisYear) problems.push({ path: "body.designated_year", message: "must not be in the future" });
  if (exit !== null && exit > thisYear) problems.push({ path: "body.exit_year", message: "must not be in the future" });
  if (designated !== null && exit !== null && exit < designated) problems.push({ path: "body.exit_year", message: "must not be before designated_year" });
  if (problems.length > 0) throw invalid(problems);

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
