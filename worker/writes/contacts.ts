/**
 * Who answers for a region (issue 15 §4): an administrator publishes a region's contacts as
 * its office published them — a village's first secretary and resident work team, a
 * township's or county's responsible office — each with the date they were last confirmed.
 * One request replaces the region's whole list in one batch (delete and insert, with the
 * version bump and the audit row), so the published list is always one office's list as a
 * whole and never a mix of two edits.
 */
import { eq } from "drizzle-orm";
import { chunkedInserts } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { getRegion } from "../db/queries/regions";
import { isCalendarDate, isFutureDate } from "../domain/funds/dates";
import { ROLE_LEVEL } from "../contacts/rules";
import { officeContacts, type ContactRole } from "../contacts/table";
import { invalid, requireRole, requireScope, unknownRecord, WriteRefusal, type RefusalDetail, type WriteContext, type WritePlan } from "./plan";

export const CONTACTS_DATASET = "contacts";

export interface ContactInput {
  role: ContactRole;
  name_zh?: string | null;
  name_en?: string | null;
  position_zh?: string | null;
  position_en?: string | null;
  office_zh: string;
  office_en?: string | null;
  phone: string;
  confirmed_on: string;
}

export interface ReplaceContactsInput {
  contacts: ContactInput[];
  /** Demo rows say so in every API row (the demo generator sets it; the admin API never does). */
  demo?: boolean;
}

export async function replaceRegionContacts(
  ctx: WriteContext,
  regionCode: string,
  input: ReplaceContactsInput,
): Promise<WritePlan<{ data: { region_code: string; contacts: number } }>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const region = await getRegion(db, regionCode);
  if (!region) throw unknownRecord("region", regionCode, "path.code");
  requireScope(ctx.actor, region.code, "path.code");

  const problems: RefusalDetail[] = [];
  input.contacts.forEach((c, i) => {
    if (!isCalendarDate(c.confirmed_on)) problems.push({ path: `body.contacts.${i}.confirmed_on`, message: "must be a real date" });
    else if (isFutureDate(c.confirmed_on, now)) problems.push({ path: `body.contacts.${i}.confirmed_on`, message: "must not be in the future" });
    // A person's line needs the person; an office's line may name its head or nobody.
    if ((c.role === "first_secretary" || c.role === "work_team") && !c.name_zh) problems.push({ path: `body.contacts.${i}.name_zh`, message: "is required for a first secretary or work-team member" });
  });
  if (problems.length > 0) throw invalid(problems);

  // Rules about the list as a whole and the region's level: well-formed, but not for this region.
  const unfit: RefusalDetail[] = [];
  input.contacts.forEach((c, i) => {
    if (ROLE_LEVEL[c.role] !== region.level) unfit.push({ path: `body.contacts.${i}.role`, message: `${c.role} belongs to a ${ROLE_LEVEL[c.role]}, and ${region.code} is a ${region.level}` });
  });
  if (input.contacts.filter((c) => c.role === "first_secretary").length > 1) {
    unfit.push({ path: "body.contacts", message: "a village has at most one first secretary" });
  }
  if (unfit.length > 0) {
    throw new WriteRefusal("unprocessable", "unprocessable", `Not valid for this region: ${unfit[0]!.path} — ${unfit[0]!.message}`, unfit);
  }

  const updatedAt = now.toISOString();
  // The secretary first, then the team, then offices, each kept in the order given.
  const rank: Record<ContactRole, number> = { first_secretary: 0, work_team: 1, township_office: 2, county_office: 3 };
  const ordered = input.contacts.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.role] - rank[b.c.role] || a.i - b.i);
  const rows = ordered.map(({ c }, n) => ({
    regionCode: region.code,
    role: c.role,
    nameZh: c.name_zh ?? null,
    nameEn: c.name_en ?? null,
    positionZh: c.position_zh ?? null,
    positionEn: c.position_en ?? null,
    officeZh: c.office_zh,
    officeEn: c.office_en ?? null,
    phone: c.phone,
    confirmedOn: c.confirmed_on,
    listOrder: n + 1,
    isDemo: input.demo ?? false,
    updatedAt,
  }));
  return {
    body: { data: { region_code: region.code, contacts: rows.length } },
    statements: [
      db.delete(officeContacts).where(eq(officeContacts.regionCode, region.code)),
      ...chunkedInserts(rows, 13, (part) => db.insert(officeContacts).values(part)),
      bumpDatasetVersion(db, CONTACTS_DATASET, now),
    ],
    conflict: new WriteRefusal("conflict", "conflict", "The contacts changed meanwhile; reload and try again."),
    audit: {
      action: "contacts.replace",
      targetType: "region",
      targetId: region.code,
      regionCode: region.code,
      // No names or phone numbers in the audit summary (privacy.md): the count and roles only.
      summary: `Published ${rows.length} contact(s) for ${region.code} (${[...new Set(rows.map((r) => r.role))].join(", ") || "none"})`,
    },
  };
}
