/**
 * The release gate's disclosure check (privacy.md): reads every public endpoint and
 * export of a running portal and fails (exit 1) on any violation, listing them.
 *   npm run disclosure-check                              http://localhost:8787
 *   npm run disclosure-check -- --url https://gongkai.example.org
 *   npm run disclosure-check -- --forbid 甄金雀 --forbid-file planted.txt
 * With --local-db it also reads the local D1 (the database `npm start` serves): the true
 * household count of every village (R3 judged exactly, not from rounded totals) and every
 * household pseudonym (none may appear).
 * It reads every list (each enum combination, JSON/CSV/NDJSON), the catalogue's downloads,
 * up to 40 values of every path-parameter endpoint, up to 3,000 HTML pages from the home
 * pages, and the needs' and accountability cases' pages (each list page by page and up to
 * 2,000 records' pages per list and language, by the ids their API lists published: the needs
 * and cases endpoints themselves are lists and path-parameter endpoints like the others), then
 * runs the checker and the joint attacker (scripts/disclosure/run.ts). Exit 1: violations; 2: the
 * portal could not be read.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { highsSolver } from "../worker/domain/disclosure/lp-solver";
import type { GateOptions } from "../worker/domain/disclosure/release-gate";
import { runDisclosureCheck } from "./disclosure/run";
import { withLocalDb } from "./local-db";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.GONGKAI_URL ?? "http://localhost:8787" },
    forbid: { type: "string", multiple: true, default: [] },
    "forbid-file": { type: "string" },
    "local-db": { type: "boolean", default: false },
  },
});
const origin = values.url!.replace(/\/+$/, "");
const forbidden = [...values.forbid!, ...(values["forbid-file"] ? readFileSync(values["forbid-file"], "utf8").split(/\r?\n/).filter((l) => l.trim() !== "") : [])];

const options: GateOptions = { forbidden };
if (values["local-db"]) {
  await withLocalDb(async (_db, d1) => {
    const counts = await d1
      .prepare("SELECT h.village_code AS village, r.year AS year, count(*) AS n FROM register_households h JOIN register_releases r ON r.id = h.release_id AND r.status = 'active' GROUP BY h.village_code, r.year")
      .all<{ village: string; year: number; n: number }>();
    options.villageHouseholds = new Map(counts.results.map((r) => [`${r.village}:${r.year}`, r.n]));
    const pseudonyms = await d1.prepare("SELECT pseudonym FROM register_households").all<{ pseudonym: string }>();
    options.pseudonyms = new Set(pseudonyms.results.map((r) => r.pseudonym));
  });
}

let read = 0;
try {
  const { exitCode } = await runDisclosureCheck({
    get: (path) => fetch(`${origin}${path}`, { headers: { "User-Agent": "gongkai-disclosure-check" } }),
    highs: await highsSolver(),
    gate: options,
    origin,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    onProgress: () => process.stdout.write(`\r  read ${++read} outputs`),
  });
  process.exitCode = exitCode;
} catch (error) {
  console.error(`\nCould not check ${origin}: ${(error as Error).message}. Is the portal running (npm start)?`);
  process.exit(2);
}
