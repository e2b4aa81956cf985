/**
 * D1 Sessions (read replication) for one request.
 *
 * - Public reads (GET/HEAD outside /api/v1/admin) open `withSession("first-unconstrained")`:
 *   the first query may be answered by the nearest read replica.
 * - Writes (any other method) and every admin request open `withSession("first-primary")`:
 *   they read what they are about to change from the primary.
 * - Every answer carries the session's bookmark in `X-D1-Bookmark`; a write's answer also
 *   sets it as a short-lived cookie. A later request that sends it back (header, or the
 *   cookie a browser returns by itself) opens its session *at* that bookmark, so it reads a
 *   database at least as new as the write: read-your-writes across requests, e.g. a form
 *   post followed by the page it redirects to.
 *
 * Locally (wrangler dev, vitest) there is no replica: every session reads the one SQLite
 * database, bookmarks are real but every read is already current.
 */
import { z } from "zod";
import { ApiError } from "./errors";

export const BOOKMARK_HEADER = "X-D1-Bookmark";
export const BOOKMARK_COOKIE = "gk_d1_bookmark";
/** Long enough for a redirect and the next page or two; replicas catch up within seconds. */
const COOKIE_MAX_AGE_SECONDS = 120;

/** D1 bookmarks are hex groups joined by dashes (e.g. `0000000b-00000002-00004f5a-…`); anything else is not one. */
const bookmarkSchema = z.string().max(256, "is too long").regex(/^[0-9a-f]+(?:-[0-9a-f]+)*$/i, "is not a D1 bookmark (hex groups joined by dashes)");

export interface RequestSession {
  /** The session, typed as the binding: drizzle and prepare()/batch() take it as they take DB. */
  db: D1Database;
  /** Copies the session's latest bookmark onto the answer (header; a cookie after a write); returns the answer to send. */
  finish(response: Response): Response;
}

export function isWriteRequest(request: Request): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return true;
  return /^\/api\/v1\/admin(?:\/|$)/.test(new URL(request.url).pathname);
}

function cookieBookmark(request: Request): string | undefined {
  const cookie = request.headers.get("Cookie");
  if (!cookie) return undefined;
  for (const part of cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === BOOKMARK_COOKIE) {
      // A cookie we did not write (or a stale format) is ignored rather than refused: the page still works.
      let text: string;
      try {
        text = decodeURIComponent(value.join("="));
      } catch {
        return undefined;
      }
      const parsed = bookmarkSchema.safeParse(text);
      return parsed.success ? parsed.data : undefined;
    }
  }
  return undefined;
}

/** The bookmark the client sent: the header (validated, 400 when malformed) before the cookie. */
export function requestBookmark(request: Request): string | undefined {
  const header = request.headers.get(BOOKMARK_HEADER);
  if (header !== null) {
    const parsed = bookmarkSchema.safeParse(header);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "is invalid";
      throw new ApiError(400, "invalid_request", `Invalid header: header.x-d1-bookmark — ${message}`, [{ path: "header.x-d1-bookmark", message }]);
    }
    return parsed.data;
  }
  return cookieBookmark(request);
}

export function openRequestSession(request: Request, binding: D1Database): RequestSession {
  // A binding without sessions (an older runtime, a test double of the outside world) is used as is.
  if (typeof binding.withSession !== "function") return { db: binding, finish: (response) => response };
  const write = isWriteRequest(request);
  const session = binding.withSession(write ? "first-primary" : (requestBookmark(request) ?? "first-unconstrained"));
  const secure = new URL(request.url).protocol === "https:";
  return {
    // D1DatabaseSession has prepare() and batch(), all that drizzle and our queries use.
    db: session as unknown as D1Database,
    finish(answer) {
      const bookmark = session.getBookmark?.();
      if (!bookmark) return answer;
      let response = answer;
      try {
        response.headers.set(BOOKMARK_HEADER, bookmark);
      } catch {
        // Immutable headers (a response passed through from fetch): answer with a copy.
        response = new Response(answer.body, answer);
        response.headers.set(BOOKMARK_HEADER, bookmark);
      }
      if (write) {
        response.headers.append(
          "Set-Cookie",
          `${BOOKMARK_COOKIE}=${encodeURIComponent(bookmark)}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
        );
      }
      return response;
    },
  };
}
