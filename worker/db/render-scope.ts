/**
 * One page render's view of D1: a page reads the public API in-process a dozen times
 * (worker/pages/page-api.ts), and most of those reads check the same region (a village page
 * asked for the village's own row seven times, and its township's once more). A binding made
 * by `renderScopedDb` is the same database, but region rows read through it (`getRegion`) are
 * read once and shared by the render's reads.
 *
 * The scope is the render, never longer: a new render (a new request) gets a new binding, so a
 * write between two requests is always seen. Plain API requests get no scope and read as before.
 */
const REGION_READS = new WeakMap<object, Map<string, Promise<unknown>>>();

/** A binding over `binding` (D1, a D1 session, or the bench's adapter) whose region reads are shared for one render. */
export function renderScopedDb(binding: D1Database): D1Database {
  const scoped = {
    prepare: (query: string) => binding.prepare(query),
    batch: <T = unknown>(statements: D1PreparedStatement[]) => binding.batch<T>(statements),
    exec: (query: string) => binding.exec(query),
  };
  REGION_READS.set(scoped, new Map());
  return scoped as unknown as D1Database;
}

/**
 * `read()` once per key within a render scope (the same promise for every caller); outside one,
 * just `read()`. A failed read is forgotten, so a later caller tries again.
 */
export function readOncePerRender<T>(binding: unknown, key: string, read: () => Promise<T>): Promise<T> {
  const reads = typeof binding === "object" && binding !== null ? REGION_READS.get(binding) : undefined;
  if (!reads) return read();
  let pending = reads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    reads.set(key, pending);
    pending.catch(() => reads.delete(key));
  }
  return pending;
}
