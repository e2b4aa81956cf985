/**
 * Languages of the site: zh-CN at /, English under /en/. Every page exists in both, built
 * from one page file under pages/[...lang]/ (the `lang` param is undefined for Chinese).
 */
import { en } from "./en";
import { zhCN, type Strings } from "./zh-cn";

export const LOCALES = ["zh-cn", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const STRINGS: Record<Locale, Strings> = { "zh-cn": zhCN, en };

export function strings(lang: Locale): Strings {
  return STRINGS[lang];
}

/** `getStaticPaths` entries for the two languages. */
export function langPaths() {
  return LOCALES.map((lang) => ({ params: { lang: lang === "en" ? "en" : undefined }, props: { lang } }));
}

/** A site path ("/regions/") in the given language. */
export function localePath(lang: Locale, path: string): string {
  return lang === "en" ? `/en${path === "/" ? "/" : path}` : path;
}

/** The same page in the other language (the language switch keeps the page). */
export function otherLanguagePath(lang: Locale, pathname: string): string {
  if (lang === "en") {
    const rest = pathname.replace(/^\/en(?=\/|$)/, "");
    return rest === "" ? "/" : rest;
  }
  return `/en${pathname}`;
}

export function otherLocale(lang: Locale): Locale {
  return lang === "en" ? "zh-cn" : "en";
}

/** The name of a region (or anything with zh/en names) in the page's language. */
export function nameIn(lang: Locale, thing: { name_zh: string | null; name_en: string | null }): string {
  return (lang === "en" ? thing.name_en : thing.name_zh) ?? thing.name_zh ?? thing.name_en ?? "";
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number format for the page's language, made once per language and options: building an
 * Intl.NumberFormat costs far more than using one (formatting the money on a village page
 * was 3 % of its render in the bench's profile, bench/pages.ts).
 */
export function numberFormat(lang: Locale, fractionDigits?: { min?: number; max?: number }): Intl.NumberFormat {
  const key = `${lang}:${fractionDigits?.min ?? ""}:${fractionDigits?.max ?? ""}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "en" ? "en" : "zh-CN", { minimumFractionDigits: fractionDigits?.min, maximumFractionDigits: fractionDigits?.max });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatInteger(lang: Locale, value: number): string {
  return numberFormat(lang, { max: 2 }).format(value);
}

/**
 * A figure with its unit, exactly as announced. Money arrives in fen (分) and is shown in
 * yuan; percentages are plain numbers (23.6 means 23.6 %).
 */
export function formatFigure(lang: Locale, value: number, unit: string): string {
  const t = strings(lang);
  if (unit === "percent") return `${formatInteger(lang, value)}%`;
  if (unit === "fen") {
    const yuan = numberFormat(lang, { max: 2 }).format(value / 100);
    return lang === "en" ? `¥${yuan}` : `${yuan} 元`;
  }
  const label = t.units[unit] ?? unit;
  return lang === "en" ? `${formatInteger(lang, value)} ${label}` : `${formatInteger(lang, value)} ${label}`;
}

/** "2016" or "2014–2015" for a figure's period. */
export function periodLabel(from: number, to: number): string {
  return from === to ? String(to) : `${from}–${to}`;
}
