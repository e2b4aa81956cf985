import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { listContacts, type ContactKey, type ContactRow } from "../../contacts/queries";
import { ChangeCursorSchema, changeMeta, updatedSince } from "../../changes/updated-since";
import { clock } from "../../lib/clock";
import { SUPERVISION_HOTLINE } from "../../contacts/rules";
import { createDb } from "../../db/client";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import { provenanceOf } from "../../schemas/provenance";
import { requireRegionParam } from "../region-params";
import type { listContactsRoute } from "./contacts.routes";
import { ContactSchema } from "./contacts.schemas";

function contactJson(row: ContactRow) {
  const c = row.contact;
  return {
    id: c.id,
    region: { code: c.regionCode, name_zh: row.regionNameZh, name_en: row.regionNameEn, level: row.regionLevel },
    role: c.role,
    name_zh: c.nameZh,
    name_en: c.nameEn,
    position_zh: c.positionZh,
    position_en: c.positionEn,
    office_zh: c.officeZh,
    office_en: c.officeEn,
    phone: c.phone,
    confirmed_on: c.confirmedOn,
    demo: c.isDemo,
    updated_at: c.updatedAt,
    provenance: provenanceOf("administrative", c.isDemo, "As published by the responsible office; entered and confirmed by an administrator on confirmed_on"),
  };
}

export const listContactsHandler: RouteHandler<typeof listContactsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  if (query.for) await requireRegionParam(db, "for", query.for);
  const filters = { region: query.region, for: query.for, role: query.role };
  const since = updatedSince(query);
  return respondList<ContactRow, ContactKey>(c, query, {
    dataset: "contacts",
    dependsOn: ["regions", "contacts"],
    filename: "contacts",
    keySchema: since ? ChangeCursorSchema : z.number().int().positive(),
    keyOf: (row) => (since ? [row.contact.updatedAt, row.contact.id] : row.contact.id),
    page: (after, limit) => listContacts(db, { ...filters, updatedSince: since }, after, limit),
    toJson: contactJson,
    schema: ContactSchema,
    meta: { filters: { ...filters, updated_since: since }, hotline: SUPERVISION_HOTLINE, ...changeMeta(since, clock(c)) },
  });
};
