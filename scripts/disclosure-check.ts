/**
 * The release gate's disclosure check (privacy.md): reads every public endpoint and
 * export of a running portal and fails (exit 1) on any violation, listing them.
 *   npm run disclosure-check                              http://localhost:8787
 *   npm run disclosure-check -- --url https://gongkai.example.org
 *   npm run disclosure-check -- --forbid 甄金雀 --forbid-file planted.txt
 * With --local-db it also reads the local D1 (the database `npm start` serves): the true
 * household count of every village (R3 judged exactly, not from rounded totals) and every
 * household pseudonym (none may appear).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { describeViolation, jointAttack } from "../worker/domain/disclosure/joint-check";
import { highsSolver } from "../worker/domain/disclosure/lp-solver";
import { checkRelease, type GateOptions } from "../worker/domain/disclosure/release-gate";
import { crawlPublicOutputs } from "./disclosure/crawl";
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
const started = Date.now();
let outputs;
try {
  outputs = await crawlPublicOutputs(
    (path) => fetch(`${origin}${path}`, { headers: { "User-Agent": "gongkai-disclosure-check" } }),
    () => process.stdout.write(`\r  read ${++read} outputs`),
  );
} catch (error) {
  console.error(`\nCould not read ${origin}: ${(error as Error).message}. Is the portal running (npm start)?`);
  process.exit(2);
}
process.stdout.write("\n");
const bytes = outputs.reduce((sum, o) => sum + o.body.length, 0);
const violations = checkRelease(outputs, options);
console.log(`Checked ${outputs.length} outputs (${(bytes / 1024 / 1024).toFixed(1)} MB of text) from ${origin} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
// The joint attacker (issue 16): every county's published figures, all years, as one system.
const attackStarted = Date.now();
const joint = jointAttack(await highsSolver(), outputs);
for (const c of joint.counties) console.log(`  county ${c.county}: ${c.blocks} block(s), ${c.lpSolves} LP solves, ${c.provenByWitness} cells proven by witnesses, ${(c.millis / 1000).toFixed(1)} s`);
console.log(`Joint attack on ${joint.counties.length} counties in ${((Date.now() - attackStarted) / 1000).toFixed(1)} s.`);
if (joint.violations.length > 0) {
  console.error(`✖ ${joint.violations.length} figure(s) narrowed by the joint attacker:`);
  for (const v of joint.violations.slice(0, 200)) console.error(`  ${describeViolation(v)}`);
  process.exitCode = 1;
}
if (violations.length === 0) {
  console.log("✔ No rule violation: counts follow R2, no small village is broken down (R3), no health cause below township (R4), no identifier appears (R1).");
} else {
  console.error(`✖ ${violations.length} violation(s):`);
  for (const v of violations.slice(0, 200)) console.error(`  ${v.rule}  ${v.source}  ${v.where}: ${v.message}`);
  if (violations.length > 200) console.error(`  … and ${violations.length - 200} more`);
  process.exitCode = 1;
}
