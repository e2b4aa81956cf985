/**
 * The API at build time. Pages are built from the same public API that journalists use,
 * so the site never shows a figure the API would not give.
 *
 * - With `GONGKAI_API_URL` set (production builds), requests go over HTTP to that API.
 * - Otherwise the real Worker app runs in-process (`createApp().request`) with bindings from
 *   wrangler's `getPlatformProxy`: the local D1 that `npm start` migrated and seeded
 *   (`GONGKAI_PERSIST_TO` selects another database directory, as for the e2e tests).
 *
 * Responses are memoised for the whole build: both languages and many pages share them.
 */
type Requester = (path: string) => Promise<Response>;

interface BuildApi {
  request: Requester;
  dispose: () => Promise<void>;
}

/** Held on globalThis so the build-done hook in astro.config.mjs can close the proxy. */
const GLOBAL_KEY = "__gongkaiBuildApi";
type Holder = { [GLOBAL_KEY]?: Promise<BuildApi> };

async function connect(): Promise<BuildApi> {
  const remote = process.env.GONGKAI_API_URL;
  if (remote) {
    const base = remote.replace(/\/+$/, "");
    return { request: (path) => fetch(`${base}${path}`), dispose: async () => {} };
  }
  const [{ getPlatformProxy }, { createApp }, { localPersistOption }] = await Promise.all([
    import("wrangler"),
    import("../../../worker/app"),
    import("../../../scripts/local-db"),
  ]);
  const proxy = await getPlatformProxy<Env>({ configPath: "wrangler.toml", persist: localPersistOption() });
  const app = createApp();
  return {
    request: async (path) => app.request(`http://build.local${path}`, {}, proxy.env),
    dispose: () => proxy.dispose(),
  };
}

function buildApi(): Promise<BuildApi> {
  const holder = globalThis as Holder;
  holder[GLOBAL_KEY] ??= connect();
  return holder[GLOBAL_KEY];
}


const memo = new Map<string, Promise<unknown>>();

/** GET a JSON document from the API (path starting with /api/v1). Fails the build on an error. */
export function apiGet<T>(path: string): Promise<T> {
  let pending = memo.get(path);
  if (!pending) {
    pending = (async () => {
      const response = await (await buildApi()).request(path);
      if (!response.ok) {
        throw new Error(`Build-time API call failed: GET ${path} → ${response.status} ${await response.text()}`);
      }
      return response.json();
    })();
    memo.set(path, pending);
  }
  return pending as Promise<T>;
}

interface ListPage<T> {
  data: T[];
  next: string | null;
}

/** Every row of a list endpoint, following the `next` links (1,000 rows a page). */
export async function apiList<T>(path: string): Promise<T[]> {
  const rows: T[] = [];
  const sep = path.includes("?") ? "&" : "?";
  let next: string | null = `${path}${sep}limit=1000`;
  while (next) {
    const page: ListPage<T> = await apiGet<ListPage<T>>(next);
    rows.push(...page.data);
    next = page.next === null ? null : relativeApiUrl(page.next);
  }
  return rows;
}

/**
 * API URLs as the site links them: same origin in production (one Worker serves both), so
 * absolute URLs from the API become paths.
 */
export function relativeApiUrl(url: string): string {
  const parsed = new URL(url, "http://build.local");
  return `${parsed.pathname}${parsed.search}`;
}
