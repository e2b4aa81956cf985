/**
 * Reads of office contacts: the public list (a region and below, or who answers for a
 * region: its own and its parents' contacts), keyset-paged by id.
 */
import { and, asc, eq, gt, gte, inArray, lte, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { changedSince, type ChangeCursor } from "../changes/updated-since";
import { regions } from "../db/schema";
import { ancestorCode, descendantRange, levelOfCode, REGION_LEVELS } from "../domain/region-codes";
import { officeContacts, type ContactRole } from "./table";

export interface ContactFilters {
  /** Contacts of this region and everything below it. */
  region?: string;
  /** Contacts answering for this region: its own and those of every region above it. */
  for?: string;
  role?: ContactRole;
  /**
   * Published (updated_at) at or after this instant, in change order (`updated_since=`). A
   * region's contacts are replaced as a whole: its rows in a poll are its whole new list.
   */
  updatedSince?: string;
}

/** The codes of a region and every region above it (top first). */
export function regionAndAncestors(code: string): string[] {
  const level = levelOfCode(code);
  return REGION_LEVELS.slice(0, REGION_LEVELS.indexOf(level) + 1).map((l) => ancestorCode(code, l));
}

/** An id, or in change order (updated_at, id). */
export type ContactKey = number | ChangeCursor;

export function contactsQuery(db: Db, filters: ContactFilters, after: ContactKey | undefined, limit: number) {
  const where: (SQL | undefined)[] = [];
  if (filters.region) {
    const { min, max } = descendantRange(filters.region);
    // `>= AND <=` rather than BETWEEN keeps both ends of the index range (query-plan test).
    where.push(gte(officeContacts.regionCode, min), lte(officeContacts.regionCode, max));
  }
  if (filters.for) where.push(inArray(officeContacts.regionCode, regionAndAncestors(filters.for)));
  if (filters.role) where.push(eq(officeContacts.role, filters.role));
  const changed = filters.updatedSince ? changedSince(officeContacts.updatedAt, officeContacts.id, filters.updatedSince, typeof after === "number" ? undefined : after) : undefined;
  if (changed) where.push(...changed.where);
  else if (typeof after === "number") where.push(gt(officeContacts.id, after));
  return db
    .select({
      contact: officeContacts,
      regionNameZh: regions.nameZh,
      regionNameEn: regions.nameEn,
      regionLevel: regions.level,
    })
    .from(officeContacts)
    .innerJoin(regions, eq(regions.code, officeContacts.regionCode))
    .where(and(...where))
    .orderBy(...(changed?.orderBy ?? [asc(officeContacts.id)]))
    .limit(limit);
}

export const listContacts = (db: Db, filters: ContactFilters, after: ContactKey | undefined, limit: number) => contactsQuery(db, filters, after, limit);
export type ContactRow = Awaited<ReturnType<typeof listContacts>>[number];
