/**
 * The second half of `npm start`: the demo register's releases (Wuhu city, 2016 then 2017),
 * imported once the portal already serves, so the disclosure gate's minutes (the joint gate of
 * issue 16 on a fresh database) never hold up the first start. Each year's file is sent to the
 * running portal's admin API exactly as an administrator would send it
 * (POST /api/v1/admin/imports/households with an Idempotency-Key: the same checks, the gate,
 * the staging release, one activation batch with its audit entry), with the editor token
 * `scripts/seed.ts --register later` made for it (id `demo`, so the releases read as demo data).
 * The portal's own D1 cannot be opened beside it (workerd holds its SQLite file locked).
 *
 * While the gate runs, the release is staged: the statistics API's `meta.checking` and
 * /api/v1/health's `register.checking` say which region-years are being checked.
 *
 * The gate's CPU is spent here, in Node, not in the portal's one isolate (where minutes of LP
 * would hold up every page): this script computes the demo's tables with the same code
 * (scripts/demo-register-tables.ts, cached under .wrangler/cache/register-tables/) and answers
 * the Worker's look-ups at DEV_REGISTER_TABLES_PORT (worker/lib/dev-tables-store.ts), holding
 * each answer until those tables are ready. A second fresh database imports in seconds.
 *
 *   PORT=8787 npx tsx scripts/import-demo-register.ts   (npm start runs it; nothing to do once done)
 *
 * Prints `✔ Register statistics published` when done (scripts/portal.ts can wait for it).
 */
import { createServer, request } from "node:http";
import { DEFAULT_SEED } from "../worker/demo";
import { PLACES } from "../worker/demo/official-figures";
import { DEMO_REGISTER_YEARS, demoHouseholds, registerCsv } from "../worker/demo/register";
import type { RegisterTables } from "../worker/domain/disclosure/tables";
import { demoRegisterTables } from "./demo-register-tables";
import { readDemoRegisterToken, removeDemoRegisterToken } from "./local-d1-file";
import { scratchDemoRegionsDb } from "./scratch-demo-db";

export const REGISTER_DONE = "✔ Register statistics published";

const port = process.env.PORT ?? "8787";
const token = readDemoRegisterToken();
if (!token) {
  // Imported already (or a database without the demo): nothing left to do.
  console.log(`${REGISTER_DONE}: nothing left to import.`);
  process.exit(0);
}

/**
 * One POST with no client-side timeout: the joint gate may take minutes before the answer's
 * first byte (fetch gives up on headers after 300 s).
 */
function post(path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: Number(port), path, method: "POST", headers: { "Content-Type": "text/csv", Authorization: `Bearer ${token}`, "Idempotency-Key": crypto.randomUUID(), "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * The tables Node computes, served to the Worker's import (GET /<key>): held until they are
 * ready, 404 once everything is computed and the key is not among them (the Worker computes).
 */
const ready = new Map<string, RegisterTables>();
let computing = true;
const waiting: (() => void)[] = [];
const wake = () => waiting.splice(0).forEach((w) => w());
const server = createServer(async (req, res) => {
  const key = (req.url ?? "").replace(/^\/+/, "");
  while (!ready.has(key) && computing) await new Promise<void>((r) => waiting.push(r));
  const tables = ready.get(key);
  res.writeHead(tables ? 200 : 404, { "Content-Type": "application/json" });
  res.end(tables ? JSON.stringify(tables) : "{}");
});
const tablesPort = process.env.DEV_REGISTER_TABLES_PORT;
if (tablesPort) await new Promise<void>((resolve) => server.listen(Number(tablesPort), "127.0.0.1", resolve));

const started = Date.now();
console.log(`\n▶ Register statistics: importing the demo register (${DEMO_REGISTER_YEARS.join(", ")}) through the admin API and the disclosure gate, in the background; meanwhile the statistics say the figures are being checked.`);
// The same households the seed would have imported: the demo's regions are deterministic.
const { scratch, db } = await scratchDemoRegionsDb();
const households = await demoHouseholds(db, DEFAULT_SEED);
scratch.close();
// The gate in Node, beside the imports below (their staging releases wait for its tables).
const computed = demoRegisterTables((key, tables) => {
  ready.set(key, tables);
  wake();
})
  .then(({ tables, hits }) => {
    console.log(`  disclosure gate: ${tables.size} releases ${hits === tables.size ? "from .wrangler/cache/register-tables" : "computed in Node"} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })
  .finally(() => {
    computing = false;
    wake();
  });
computed.catch((error: unknown) => console.error(`✖ Computing the demo register's tables in Node failed (the portal computes them itself): ${error instanceof Error ? error.message : String(error)}`));
for (const year of DEMO_REGISTER_YEARS) {
  const yearStarted = Date.now();
  const path = `/api/v1/admin/imports/households?year=${year}&region=${PLACES.wuhu}`;
  let answer = await post(path, registerCsv(households, year)).catch((error: Error) => ({ status: 0, text: error.message }));
  // `wrangler dev` reloads the Worker when a source file changes, ending the request under way
  // (503, or the connection): send the file again (its staged release is cleaned up later).
  for (let attempt = 1; attempt <= 3 && (answer.status === 0 || answer.status >= 500); attempt++) {
    console.log(`  ${year}: the portal answered ${answer.status || answer.text}; sending the file again (${attempt}/3)`);
    await new Promise((r) => setTimeout(r, 2_000));
    answer = await post(path, registerCsv(households, year)).catch((error: Error) => ({ status: 0, text: error.message }));
  }
  const { status, text } = answer;
  if (status !== 200 && status !== 201) {
    console.error(`✖ The ${year} demo register was refused (${status}): ${text.slice(0, 2000)}`);
    process.exit(1);
  }
  const data = (JSON.parse(text) as { data: { status: string; statistics_rows: number; disclosure_gate: string } }).data;
  console.log(`  ${year}: ${data.status} in ${((Date.now() - yearStarted) / 1000).toFixed(1)} s (${data.statistics_rows.toLocaleString("en")} rows, ${data.disclosure_gate} gate)`);
}
removeDemoRegisterToken();
await computed.catch(() => undefined);
server.close();
console.log(`${REGISTER_DONE} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
