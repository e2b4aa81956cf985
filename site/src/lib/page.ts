/**
 * What every on-demand page does first: its language from the `[...lang]` segment (undefined
 * → zh-CN, "en" → English, anything else is no page at all), the request's API, and the
 * answers for a page that does not exist.
 */
import type { AstroGlobal } from "astro";
import type { Locale } from "../i18n";
import type { PageApi } from "./api";

export function pageLang(param: string | undefined): Locale | null {
  if (param === undefined) return "zh-cn";
  return param === "en" ? "en" : null;
}

export function pageApi(astro: AstroGlobal): PageApi {
  return astro.locals.api;
}

/**
 * The 404 page (pages/404.astro renders it in the address's language). Pages call it before
 * any database read when an id is malformed, and after one when it names nothing.
 */
export function notFound(): Response {
  return new Response(null, { status: 404 });
}

/** Ids as the API shapes them; a page checks them before it reads anything. */
export const ID_PATTERNS = {
  region: /^\d{12}$/,
  notice: /^ntc_[0-9a-z]{1,40}$/,
  project: /^prj_[0-9a-z]{4,36}$/,
  donation: /^don_[0-9a-z]{4,36}$/,
} as const;
