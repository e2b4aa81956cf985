import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLISHER } from "../../domain/datasets";

/** The OpenAPI document's header: served at /api/v1/openapi.json. */
export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Gongkai (公开) open-data API",
    version: "1.0.0",
    description: [
      "Public transparency data on targeted poverty alleviation (精准扶贫): regions, village exits, official figures, and more as the portal grows.",
      "",
      "Conventions: lists return `{ data, next, meta }` with keyset paging (`cursor`, `limit` ≤ 1,000) and a `Link: rel=\"next\"` header;",
      "`format=json|csv|ndjson` (or the Accept header, q-values honoured); CSV/NDJSON without `limit` stream every row; `bom=1` for Excel.",
      "Every error is `{ error: { code, message, details: [{ path, message }], request_id } }`; unknown, unnamed or repeated query parameters",
      "and integers not written in digits are rejected on every route.",
      "Responses carry an ETag from the dataset version; send If-None-Match for a 304. Licence: CC BY 4.0.",
    ].join("\n"),
    license: { name: "CC BY 4.0 (data)", url: "https://creativecommons.org/licenses/by/4.0/" },
  },
  servers: [{ url: "/", description: "This portal" }],
};

/** Descriptions of the tags routes use; a tag missing here still gets a generic one. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  Service: "Liveness and the service itself.",
  Regions: "Statistical division codes, province to village.",
  Villages: "Village designation and exit (administrative data).",
  Statistics: "Official figures as announced (with sources) and register-derived figures under disclosure control.",
  Catalogue: "The open-data catalogue (JSON, DCAT) and table schemas.",
  Funds: "Projects, the four fund rates and flows (administrative data).",
  Donations: "Targeted donations, their allocations and inclusion proofs.",
  Ledger: "The append-only, signed Merkle ledger of money events.",
  Notices: "Public notices (公示), objections and the Atom feed.",
  Reports: "Citizen reports followed by receipt.",
  Admin: "Administrative writes and views: bearer token, role and region scope, audited, idempotent.",
  Search: "Search across regions, villages, notices, projects and donors.",
  Snapshots: "Citable snapshots: every public dataset as a Frictionless Data Package, its hash in the ledger.",
  Needs: "Needs matched with donors: the board, pledges by receipt, deliveries in the ledger, statistics.",
  Accountability: "Closed discipline cases in the poverty-alleviation field and their totals per county and year.",
};

/**
 * The document as served: the routes' operations plus the header, a contact point on this
 * portal, and a top-level `tags` list built from the tags the operations use (so a route
 * added with a new tag is declared without editing this file).
 */
export function openApiDocument(app: OpenAPIHono<never> | OpenAPIHono<any>, origin: string): Record<string, any> {
  const doc = app.getOpenAPI31Document({
    ...OPENAPI_CONFIG,
    info: { ...OPENAPI_CONFIG.info, contact: { name: PUBLISHER.contact_name, url: new URL(PUBLISHER.contact_path, origin).toString() } },
  }) as unknown as Record<string, any>;
  const used = new Set<string>();
  for (const item of Object.values<Record<string, { tags?: string[] }>>(doc.paths ?? {})) for (const op of Object.values(item)) for (const tag of op.tags ?? []) used.add(tag);
  doc.tags = [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? TAG_DESCRIPTIONS[name.split(":")[0]!] ?? `Operations tagged ${name}.` }));
  return doc;
}
