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
      "`format=json|csv|ndjson` (or the Accept header); CSV/NDJSON without `limit` stream every row; `bom=1` for Excel.",
      "Every error is `{ error: { code, message, details: [{ path, message }], request_id } }`; unknown query parameters are rejected.",
      "Responses carry an ETag from the dataset version; send If-None-Match for a 304. Licence: CC BY 4.0.",
    ].join("\n"),
    license: { name: "CC BY 4.0 (data)", url: "https://creativecommons.org/licenses/by/4.0/" },
  },
  servers: [{ url: "/", description: "This portal" }],
};
