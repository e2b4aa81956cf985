/**
 * `Accept` negotiation with q-values (RFC 9110 §12.5.1): each offered media type gets the
 * q of the most specific range that matches it (`type/sub` over `type/*` over `*\/*`); a
 * type with q=0 is refused; the highest q wins, then the more specific match, then the
 * order of `offers` (the server's preference). Nothing acceptable, or no header: the first
 * offer — an API answers JSON rather than 406 to a client that sent only `text/html`.
 */
interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(",")) {
    const [media, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const [type, subtype] = (media ?? "").split("/");
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key === "q") {
        // Malformed q (RFC: 0–1, up to 3 decimals): treated as 1 rather than refusing the request.
        const parsed = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? "") ? Number(value) : 1;
        q = parsed;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** Specificity of a range that matches `mediaType`, or -1 when it does not match. */
function specificity(range: Range, mediaType: string): number {
  const [type, subtype] = mediaType.split("/");
  if (range.type === "*" && range.subtype === "*") return 0;
  if (range.type !== type) return -1;
  if (range.subtype === "*") return 1;
  return range.subtype === subtype ? 2 : -1;
}

/**
 * The offer the client prefers. `offers` maps a result (e.g. a format name) to the media
 * types that select it (`ndjson` ← `application/x-ndjson`, `application/ndjson`).
 */
export function negotiate<T extends string>(header: string | undefined, offers: readonly (readonly [T, readonly string[]])[]): T {
  const fallback = offers[0]![0];
  if (!header || header.trim() === "") return fallback;
  const ranges = parseAccept(header);
  let best: { result: T; q: number; spec: number; order: number } | undefined;
  offers.forEach(([result, mediaTypes], order) => {
    for (const mediaType of mediaTypes) {
      let match: { q: number; spec: number } | undefined;
      for (const range of ranges) {
        const spec = specificity(range, mediaType);
        if (spec >= 0 && (!match || spec > match.spec)) match = { q: range.q, spec };
      }
      if (!match || match.q <= 0) continue;
      const better = !best || match.q > best.q || (match.q === best.q && (match.spec > best.spec || (match.spec === best.spec && order < best.order)));
      if (better) best = { result, q: match.q, spec: match.spec, order };
    }
  });
  return best?.result ?? fallback;
}
