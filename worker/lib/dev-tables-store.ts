/**
 * Local development only: the content-addressed cache of protected tables
 * (domain/disclosure/tables-cache.ts) read from the Node process that computed them.
 *
 * `npm start` imports the demo register through the admin API once the portal serves
 * (scripts/import-demo-register.ts). The joint disclosure gate takes minutes of CPU, and
 * `wrangler dev` runs one isolate: computed there, it would hold up every page meanwhile. So
 * that script computes the demo's tables in Node with the same code (registerTables, cached on
 * disk by the gate's code hash) and answers GET <url>/<key>, waiting until those tables are
 * ready; the import in the Worker writes its staging release (the figures read as being checked),
 * then asks here and awaits the answer without using the isolate. A miss (404, or no answer)
 * runs the gate in the Worker as always. The key is the SHA-256 of the gate's whole input, so
 * a hit is exactly what the gate computes for it — the same trust as the test run's
 * preloadTables. Never installed in production.
 */
import type { RegisterTables } from "../domain/disclosure/tables";
import { useTablesStore } from "../domain/disclosure/tables-cache";

let installed: string | undefined;

export function useDevTablesStore(env: Pick<Env, "DEV_REGISTER_TABLES_URL" | "ENVIRONMENT">): void {
  const url = env.DEV_REGISTER_TABLES_URL;
  if (!url || env.ENVIRONMENT === "production" || installed === url) return;
  installed = url;
  useTablesStore({
    async get(key: string): Promise<RegisterTables | undefined> {
      try {
        const response = await fetch(`${url.replace(/\/+$/, "")}/${key}`);
        return response.ok ? ((await response.json()) as RegisterTables) : undefined;
      } catch {
        return undefined; // the Node process is gone: compute here
      }
    },
    set(): void {
      // Node keeps its own results; the Worker's are not sent back.
    },
  });
}
