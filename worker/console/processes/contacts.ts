/**
 * Office contacts in the console (issue 15 §4): the scope's published contacts, and a region's
 * whole list edited at once — the admin API replaces a region's list in one batch, so the form
 * does too: every line as the office published it, each with the date it was last confirmed
 * (re-confirming is sending the list again with today's date). Checked with the admin API's
 * own schema (admin-contacts.schemas.ts) and run through replaceRegionContacts.
 */
import { z } from "zod";
import { createDb } from "../../db/client";
import { getRegion } from "../../db/queries/regions";
import { listContacts } from "../../contacts/queries";
import { MAX_CONTACTS_PER_REGION } from "../../contacts/rules";
import { CONTACT_ROLES } from "../../contacts/table";
import { localDateOf } from "../../domain/notice-window";
import { ReplaceContactsBody } from "../../routes/admin-contacts/admin-contacts.schemas";
import { replaceRegionContacts } from "../../writes/contacts";
import { requireScope, unknownRecord } from "../../writes/plan";
import type { ConsoleLocals } from "../../../site/src/lib/console";
import type { ConsoleRoute } from "../kit";
import { blank, scopeFilter, schemaErrors, valuesOf, type Again } from "../kit";
import { defaultField, formOf, nowOf, page, prefixOf, submit, withDone, type C } from "../kit";
import { readPage } from "./paging";

const REGION_CODE = /^\d{12}$/;
/** The list's key: the contact's id (the public list's order and cursor too). */
const ContactKeySchema = z.number().int().positive();
/** Blank lines the edit form offers below the published ones. */
const SPARE_LINES = 3;
const FIELDS = ["role", "name_zh", "position_zh", "office_zh", "phone", "confirmed_on"] as const;

export const CONTACTS_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/contacts", role: "viewer", handler: contactsPage },
  { method: "GET", path: "/admin/contacts/:code", role: "viewer", handler: (c) => regionContactsPage(c) },
  { method: "POST", path: "/admin/contacts/:code", role: "editor", handler: replaceForm },
];

async function contactsPage(c: C) {
  // The list's "open a region" box is a plain GET form (no script): ?code= goes to that region.
  const code = c.req.query("code")?.trim();
  if (code && REGION_CODE.test(code)) return c.redirect(`${prefixOf(c)}/admin/contacts/${code}`, 303);
  const db = createDb(c.env.DB);
  const { rows, paging, status } = await readPage(c, ContactKeySchema, (after, limit) => listContacts(db, { region: scopeFilter(c) }, after, limit), (r) => r.contact.id);
  const contacts = rows.map((r) => ({ ...r.contact, regionNameZh: r.regionNameZh, regionNameEn: r.regionNameEn, regionLevel: r.regionLevel }));
  return page(c, "contacts", { contacts, paging, scope: c.get("session").regionCode }, status);
}

async function regionData(c: C, code: string) {
  const db = createDb(c.env.DB);
  const region = await getRegion(db, code);
  if (!region) throw unknownRecord("region", code, "path.code");
  requireScope(c.get("actor"), region.code, "path.code");
  const rows = await listContacts(db, { region: code }, undefined, MAX_CONTACTS_PER_REGION + 1);
  const contacts = rows.filter((r) => r.contact.regionCode === code).map((r) => r.contact).sort((a, b) => a.listOrder - b.listOrder);
  return { region, contacts, roles: CONTACT_ROLES, spare: SPARE_LINES, today: localDateOf(nowOf(c)) };
}

async function regionContactsPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const code = c.req.param("code") ?? "";
  if (!REGION_CODE.test(code)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  return page(c, "contacts-edit", await regionData(c, code), status, form);
}

/** Lines 0…n of the form (role_0, phone_0…); a line left wholly blank is not a contact. */
export function contactLines(form: Record<string, string>) {
  const lines: { line: number; contact: Record<string, string> }[] = [];
  for (let i = 0; i < MAX_CONTACTS_PER_REGION + SPARE_LINES; i++) {
    const typed = Object.fromEntries(FIELDS.flatMap((f) => (blank(form[`${f}_${i}`]) ? [[f, blank(form[`${f}_${i}`])!]] : [])));
    // The role is a select and the date comes filled in: a line counts once something else is typed.
    if (Object.keys(typed).some((f) => f !== "role" && f !== "confirmed_on")) lines.push({ line: i, contact: typed });
  }
  return lines;
}

async function replaceForm(c: C) {
  const code = c.req.param("code") ?? "";
  if (!REGION_CODE.test(code)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const again: Again = (errors, status) => regionContactsPage(c, { action: "replace", errors, values: valuesOf(form) }, status);
  const lines = contactLines(form);
  const fieldOf = (path: string) => {
    const m = /^body\.contacts\.(\d+)\.?(\w*)/.exec(path);
    if (m) return `${m[2] || "role"}_${lines[Number(m[1])]?.line ?? 0}`;
    return path === "path.code" ? "form" : path === "body.contacts" ? "role_0" : defaultField(path);
  };
  const parsed = ReplaceContactsBody.safeParse({ contacts: lines.map((l) => l.contact) });
  if (!parsed.success) return again(schemaErrors(c, parsed.error, fieldOf), 400);
  return submit(c, async (ctx) => replaceRegionContacts(ctx, code, parsed.data), () => withDone(`${prefixOf(c)}/admin/contacts/${code}`, "contacts_saved"), again, fieldOf);
}
