/**
 * What every on-demand page does first: its language from the `[...lang]` segment (undefined
 * → zh-CN, "en" → English, anything else is no page at all), the request's API, and the
 * answers for a page that does not exist.
 */
import type { AstroGlobal } from "astro";
import { z } from "zod";
import { decodeCursor } from "../../../worker/lib/listing";
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

/**
 * The `cursor` of a paged page's address, checked before anything reads it: `undefined` when
 * there is none, `null` when it cannot be one of the API's cursors (base64url of a JSON key,
 * at most 512 characters: worker/lib/listing.ts encodeCursor), so an edited or truncated link
 * is a 400 page with a way back to the first page rather than a failed read. A well-formed
 * cursor the API still refuses (a key of another sort) is handled where the page reads.
 */
export function pageCursor(params: URLSearchParams): string | null | undefined {
  const all = params.getAll("cursor");
  if (all.length === 0) return undefined;
  const cursor = all[0]!;
  if (all.length > 1 || !/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return null;
  try {
    decodeCursor(cursor, z.unknown());
    return cursor;
  } catch {
    return null;
  }
}
