/**
 * Text into XML 1.0 (the Atom feed): every markup character escaped, so a `<script>` typed
 * into a notice is text in every reader, and characters XML 1.0 forbids (most C0 controls,
 * lone surrogates, U+FFFE/U+FFFF) dropped so that the document stays well-formed.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value
    .replace(FORBIDDEN, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** An element with escaped text content and escaped attribute values. */
export function element(name: string, text: string | null, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join("");
  return text === null ? `<${name}${attrs}/>` : `<${name}${attrs}>${xmlText(text)}</${name}>`;
}
