/**
 * A stand-in for `caches.default` when the app runs in-process in Node (which has no Cache
 * API): entries in a Map, bodies as bytes. It lets the bench measure the Worker's own work
 * on a hit (the dataset-versions read, the lookup, the response copy); the real cache's
 * latency is measured through `wrangler dev`, where miniflare implements it.
 */
interface Entry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

export class MemoryCache {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(String(key instanceof Request ? key.url : key));
    return entry && new Response(entry.body.slice(0), { status: entry.status, headers: entry.headers });
  }

  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    const body = await response.arrayBuffer();
    this.entries.set(String(key instanceof Request ? key.url : key), { status: response.status, headers: [...response.headers], body });
  }

  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(String(key instanceof Request ? key.url : key));
  }
}

/** Installs it as `caches.default` for this process (what the Worker code looks for); returns it. */
export function installMemoryCache(): MemoryCache {
  const cache = new MemoryCache();
  (globalThis as { caches?: unknown }).caches = { default: cache, open: async () => cache };
  return cache;
}

export function uninstallMemoryCache(): void {
  delete (globalThis as { caches?: unknown }).caches;
}
