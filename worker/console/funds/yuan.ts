/**
 * Amounts as clerks type them: yuan, as on every document they copy from ("12,345.60", "¥800",
 * "3 000 元"). Stored as integer fen, converted by digits, never through floating point: a
 * third decimal is refused rather than rounded (a fen is the smallest amount there is).
 */
import { MAX_AMOUNT_FEN } from "../../domain/funds/money";

export type YuanParse = { fen: number } | { problem: "empty" | "format" | "decimals" | "zero" | "too_large" };

export function parseYuan(text: string | undefined, options: { allowZero?: boolean } = {}): YuanParse {
  const cleaned = (text ?? "")
    .normalize("NFKC") // full-width digits and separators from a Chinese IME
    .replace(/[\s,，]/g, "")
    .replace(/^¥|^￥|元$/g, "");
  if (cleaned === "") return { problem: "empty" };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return { problem: "format" };
  const decimals = m[2] ?? "";
  if (decimals.length > 2) return { problem: "decimals" };
  const whole = m[1]!.replace(/^0+(?=\d)/, "");
  // 10^13 fen is 10^11 yuan: twelve digits of yuan are already too many.
  if (whole.length > 12) return { problem: "too_large" };
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  if (fen > MAX_AMOUNT_FEN) return { problem: "too_large" };
  if (fen === 0 && !options.allowZero) return { problem: "zero" };
  return { fen };
}

/** Integer fen as the yuan a form shows back: "1234.50" (no separators, so it parses again). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
