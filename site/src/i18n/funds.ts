/**
 * Strings of the funds and donations sections, kept apart from zh-cn.ts/en.ts so the two
 * sections grow without touching the foundation's files. Same shape: zh-CN first, English
 * typed against it so a missing string fails the type check.
 */
import { numberFormat, type Locale } from "./index";
import { fundsEn } from "./funds-en";
import { fundsZhCN, type FundsStrings } from "./funds-zh-cn";

const STRINGS: Record<Locale, FundsStrings> = { "zh-cn": fundsZhCN, en: fundsEn };

export function fundsStrings(lang: Locale): FundsStrings {
  return STRINGS[lang];
}

/** Integer fen as yuan with two decimals: "1,234.56 元" (zh-CN) or "¥1,234.56" (en). */
export function formatYuan(lang: Locale, fen: number): string {
  const yuan = numberFormat(lang, { min: 2, max: 2 }).format(fen / 100);
  return lang === "en" ? `¥${yuan}` : `${yuan} 元`;
}

/** A rate's numerator or denominator in its unit (fen as yuan, projects as a count). */
export function formatRatePart(lang: Locale, value: number, unit: "fen" | "projects"): string {
  if (unit === "fen") return formatYuan(lang, value);
  const n = numberFormat(lang).format(value);
  return lang === "en" ? `${n} projects` : `${n} 个项目`;
}

export function formatPercent(lang: Locale, pct: number): string {
  return `${numberFormat(lang, { min: 2, max: 2 }).format(pct)}%`;
}
