/**
 * Renders the OpenAPI document as a readable, script-free HTML reference
 * (no CDN, works offline and under a strict CSP).
 */
type Json = Record<string, unknown>;

const escapeHtml = (text: unknown) =>
  String(text ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function schemaSummary(schema: Json | undefined): string {
  if (!schema) return "";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop() ?? "";
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.join(", ")}`;
  const parts = [String(schema.type ?? "")];
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) parts.push(`max length ${schema.maxLength}`);
  if (schema.pattern !== undefined) parts.push(`pattern ${schema.pattern}`);
  return parts.filter(Boolean).join(", ");
}

export function renderReference(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const ops: { tag: string; method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tags = (op.tags as string[] | undefined) ?? ["Other"];
      ops.push({ tag: tags[0] ?? "Other", method: method.toUpperCase(), path, op });
    }
  }
  const tags = [...new Set(ops.map((o) => o.tag))];
  const section = (tag: string) =>
    `<section><h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${ops
      .filter((o) => o.tag === tag)
      .map(({ method, path, op }) => {
        const params = (op.parameters as Json[] | undefined) ?? [];
        const rows = params
          .map(
            (p) =>
              `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : ""}</td><td>${escapeHtml(schemaSummary(p.schema as Json))}</td><td>${escapeHtml(p.description ?? (p.schema as Json | undefined)?.description ?? "")}</td></tr>`,
          )
          .join("");
        const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
          .map(([code, r]) => `<li><code>${escapeHtml(code)}</code> ${escapeHtml(r.description)}</li>`)
          .join("");
        return `<article id="${escapeHtml(`${method} ${path}`)}"><h3><span class="m">${method}</span> <code>${escapeHtml(path)}</code></h3><p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ""}${rows ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>` : ""}<ul>${responses}</ul></article>`;
      })
      .join("")}</section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(info.title)} — reference</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#1b1b1b}code{font-family:ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse;width:100%;font-size:.9rem;display:block;overflow-x:auto}td,th{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}.m{background:#0b5394;color:#fff;padding:0 .4em;border-radius:3px;font-size:.85em}article{border-top:1px solid #ddd;padding:.5rem 0}pre{white-space:pre-wrap}</style></head><body><h1>${escapeHtml(info.title)}</h1><p>Version ${escapeHtml(info.version)} · <a href="/api/v1/openapi.json">openapi.json</a> · <a href="/">Portal</a></p><pre>${escapeHtml(info.description)}</pre><nav><ul>${tags.map((t) => `<li><a href="#${escapeHtml(t)}">${escapeHtml(t)}</a></li>`).join("")}</ul></nav>${tags.map(section).join("")}</body></html>`;
}
