/**
 * The rules of office contacts (issue 15 §4), shared by the admin API's zod schema, the write
 * and the demo: which roles a region of each level has, and what an office phone looks like.
 */
import type { RegionLevel } from "../domain/region-codes";
import type { ContactRole } from "./table";

/**
 * Phone numbers as Chinese offices publish them: a landline with its area code and a hyphen
 * (0553-6812345, 010-12345678, optionally -extension), an 11-digit mobile (13x–19x), or a
 * 5-digit public service number (12317). Written without spaces or brackets, so one number
 * is always written one way and a CSV cell never starts with a sign.
 */
export const PHONE_PATTERN = /^(0\d{2,3}-\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|1\d{4})$/;
export const PHONE_MESSAGE = "must be an office phone: area code, hyphen and number (0553-6812345), an 11-digit mobile, or a 5-digit service number";

/** The national poverty-alleviation supervision hotline (全国扶贫监督举报电话). */
export const SUPERVISION_HOTLINE = "12317";

/** Which level of region each role belongs to. */
export const ROLE_LEVEL: Record<ContactRole, RegionLevel> = {
  first_secretary: "village",
  work_team: "village",
  township_office: "township",
  county_office: "county",
};

/** At most this many contacts per region (a work team is a handful of cadres). */
export const MAX_CONTACTS_PER_REGION = 20;
