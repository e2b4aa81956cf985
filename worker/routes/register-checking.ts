/**
 * Register imports under way, as the statistics answers say them: while the disclosure gate
 * checks a release's tables (seconds to minutes; the joint gate of issue 16), its region and
 * year have no new figures yet. Readers get a plain statement (en and zh-CN) in `meta.checking`
 * rather than an empty answer that looks final. The rows served meanwhile are the active ones.
 */
import type { Db } from "../db/client";
import { checkingReleases, type CheckingRelease } from "../db/queries/register";
import { isWithin } from "../domain/region-codes";

export interface CheckingNote extends CheckingRelease {
  message_en: string;
  message_zh: string;
}

/** Imports under way whose region overlaps `region` (all when none) and whose year is `year` (any when none). */
export async function registerChecking(db: Db, now: Date, filters: { region?: string; year?: number }): Promise<CheckingNote[]> {
  const all = await checkingReleases(db, now);
  return all
    .filter((r) => (filters.year === undefined || r.year === filters.year) && (!filters.region || isWithin(r.scope_code, filters.region) || isWithin(filters.region, r.scope_code)))
    .map((r) => ({
      ...r,
      message_en: `The ${r.year} register figures for region ${r.scope_code} are being checked by the disclosure gate (import started ${r.since}); they appear here when the check finishes. Until then this answer holds the figures published before, if any.`,
      message_zh: `地区 ${r.scope_code} 的 ${r.year} 年登记数据正在接受披露审查（导入开始于 ${r.since}），审查完成后即在此公布；在此之前显示的是此前已公布的数据（如有）。`,
    }));
}

/** A cache variant for list answers that carry `meta.checking`: they change when an import starts or ends. */
export function checkingVariant(notes: readonly CheckingNote[]): string {
  return notes.map((n) => `${n.scope_code}:${n.year}:${n.since}`).join(",");
}
