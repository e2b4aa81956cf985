/**
 * The joint disclosure gate's cost and what it publishes (issue 16), on the demo register
 * (both counties, both years, each year with the previous release as neighbour, as at import)
 * and on a synthetic county of 400 villages (all years).
 *   npx tsx bench/disclosure-joint.ts [--demo-only | --bench-only] [--joint-only] [--county 340225] [--villages 400] [--witness N] [--max-solves N] [--steps]
 * (--steps: the joint gate as the console import runs it, one township block per step, resumed
 *  from JSON; prints each year's steps and the CPU of the largest step, what one queue
 *  invocation must fit into 300 s)
 * (--county: the demo's households of that county only)
 * Prints per release: seconds, rows, figures zero / banded / rounded / withheld, dropped by
 * design, withheld by the joint gate, and the gate's time, LP solves and rounds per county.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SEED } from "../worker/demo";
import { createRandom } from "../worker/demo/random";
import { registerAsOf, demoHouseholds, DEMO_REGISTER_YEARS } from "../worker/demo/register";
import { computeRegisterTables, type GateProgress, type PublishedRow, type RegisterHouseholdFacts, type TableOptions } from "../worker/domain/disclosure/tables";
import { GATE_BLOCKS_PER_STEP } from "../worker/import/steps";
import { scratchDemoRegionsDb } from "../scripts/scratch-demo-db";

/** Run by hand, not by `npm run bench` (it takes minutes with the joint gate); run.ts imports it and skips it. */
export const standalone = true;
const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];

const { values } = parseArgs({ args: invokedDirectly ? process.argv.slice(2) : [], options: { "bench-only": { type: "boolean", default: false }, "demo-only": { type: "boolean", default: false }, "joint-only": { type: "boolean", default: false }, "reuse-first-year": { type: "string" }, villages: { type: "string", default: "400" }, witness: { type: "string", default: "0" }, county: { type: "string" }, "max-solves": { type: "string" }, steps: { type: "boolean", default: false } } });

async function demoFacts(): Promise<RegisterHouseholdFacts[]> {
  const { db } = await scratchDemoRegionsDb();
  const households = await demoHouseholds(db, DEFAULT_SEED);
  const mine = values.county ? households.filter((h) => h.villageCode.startsWith(values.county!.slice(0, 6))) : households;
  return mine.map((h) => ({ villageCode: h.villageCode, householdSize: h.size, cause: h.cause, measures: h.measures, identifiedYear: h.identifiedYear, exitYear: h.exitYear, returnedYear: h.returnedYear, monitoring: h.monitoring }));
}


interface Tally { figures: number; zero: number; banded: number; rounded: number; withheld: number }
function tally(rows: readonly PublishedRow[]): Tally {
  const t: Tally = { figures: 0, zero: 0, banded: 0, rounded: 0, withheld: 0 };
  for (const row of rows) for (const f of Object.values(row.figures)) (t.figures++, t[f.disclosure]++);
  return t;
}

export async function runJointBench(label: string, households: readonly RegisterHouseholdFacts[], years: readonly number[], joint: boolean) {
  const releases: { year: number; rows: PublishedRow[] }[] = [];
  const total: Tally = { figures: 0, zero: 0, banded: 0, rounded: 0, withheld: 0 };
  let dropped = 0;
  let jointly = 0;
  for (const year of years) {
    const started = Date.now();
    // --reuse-first-year FILE: the first year's release read from FILE when it exists (written otherwise), to profile a linked year alone.
    const reuse = values["reuse-first-year"] && joint && year === years[0] ? `${values["reuse-first-year"]}-${label.replace(/\W+/g, "-")}-${year}.json` : undefined;
    if (reuse && existsSync(reuse)) {
      releases.push({ year, rows: JSON.parse(readFileSync(reuse, "utf8")) as PublishedRow[] });
      console.log(`${label} ${year}: read from ${reuse}`);
      continue;
    }
    const options = { joint, neighbours: releases.filter((r) => r.year === year - 1), witnessTries: Number(values.witness), maxSolvesPerBlock: values["max-solves"] === undefined ? undefined : Number(values["max-solves"]) };
    const tables = values.steps && joint ? await inSteps(label, registerAsOf(households, year), year, options) : await computeRegisterTables(registerAsOf(households, year), year, options);
    const t = tally(tables.rows);
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
    dropped += tables.dropped;
    jointly += tables.withheldJointly;
    const gate = tables.gate.map((g) => `${g.county} ${(g.millis / 1000).toFixed(1)} s (${g.lpSolves} LP solves, ${g.rounds} rounds, ${g.withheld} withheld, linked ${g.linkedYears.join(",") || "-"})`).join("; ");
    console.log(`${label} ${year}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${tables.rows.length} rows ${JSON.stringify(t)} dropped ${tables.dropped}, jointly withheld ${tables.withheldJointly}${gate ? `; gate ${gate}` : ""}`);
    if (tables.unresolved > 0) console.log(`  UNRESOLVED ${tables.unresolved}`);
    releases.push({ year, rows: tables.rows });
    if (reuse) writeFileSync(reuse, JSON.stringify(tables.rows));
  }
  console.log(`${label} all years: ${JSON.stringify(total)} dropped ${dropped}, jointly withheld ${jointly}`);
  return releases;
}

/** The gate one township block per step (worker/import/steps.ts GATE_BLOCKS_PER_STEP), each step's CPU measured. */
async function inSteps(label: string, households: readonly RegisterHouseholdFacts[], year: number, options: TableOptions) {
  let resume: GateProgress | undefined;
  const cpu: number[] = [];
  for (;;) {
    const before = process.cpuUsage();
    const step = await computeRegisterTables(households, year, { ...options, resume, budget: { blocks: GATE_BLOCKS_PER_STEP, worked: 0 } });
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1e6);
    if (!step.paused) {
      const sorted = [...cpu].sort((a, b) => b - a);
      console.log(`${label} ${year} in steps: ${cpu.length} steps, CPU per step max ${sorted[0]!.toFixed(1)} s, next ${sorted.slice(1, 4).map((c) => c.toFixed(1)).join(", ")} s, total ${cpu.reduce((a, b) => a + b, 0).toFixed(1)} s`);
      return step;
    }
    resume = JSON.parse(JSON.stringify(step.paused)) as GateProgress;
  }
}

/**
 * A county of `villages` villages in townships of about 27 (the national bench's shape): a
 * third poor villages of 20–45 households, the others 0–12, with the demo's shares of
 * causes, sizes, measures and flows (2014–2017), so about 6,000 households for 400 villages.
 */
function syntheticCounty(villages: number, seed: number): RegisterHouseholdFacts[] {
  const random = createRandom(seed);
  const causes = ["illness", "illness", "illness", "disability", "lack_of_labour", "lack_of_capital", "schooling", "lack_of_skills", "disaster", "other"] as const;
  const measures = ["industry", "employment", "health", "education", "safety_net", "microcredit", "housing", "solar"] as const;
  const out: RegisterHouseholdFacts[] = [];
  for (let v = 0; v < villages; v++) {
    const township = 100 + Math.floor(v / 27);
    const villageCode = `349901${township}${String(200 + (v % 27))}`;
    const count = random.next() < 0.35 ? random.int(20, 45) : random.next() < 0.35 ? 0 : random.int(1, 12);
    for (let i = 0; i < count; i++) {
      const r = random.next();
      const identifiedYear = r < 0.9 ? 2014 : r < 0.94 ? 2015 : r < 0.98 ? 2016 : 2017;
      const e = random.next();
      let exitYear: number | null = e < 0.45 ? 2014 + random.int(0, 1) : e < 0.68 ? 2016 : e < 0.86 ? 2017 : null;
      if (exitYear !== null && exitYear < identifiedYear) exitYear = null;
      const returnedYear = exitYear !== null && exitYear < 2017 && random.next() < 0.02 ? exitYear + 1 : null;
      const s = random.next();
      out.push({
        villageCode,
        householdSize: s < 0.15 ? 1 : s < 0.4 ? 2 : s < 0.65 ? 3 : s < 0.85 ? 4 : s < 0.95 ? 5 : random.int(6, 8),
        cause: random.pick(causes),
        measures: [...new Set([random.pick(measures), random.pick(measures)])],
        identifiedYear,
        exitYear,
        returnedYear,
        monitoring: random.next() < 0.05 ? "edge" : "none",
      });
    }
  }
  return out;
}

if (invokedDirectly) {
  if (!values["bench-only"]) {
    const demo = await demoFacts();
    console.log(`demo register: ${demo.length} households`);
    if (!values["joint-only"]) await runJointBench("demo, per-metric gate", demo, DEMO_REGISTER_YEARS, false);
    await runJointBench("demo, joint gate", demo, DEMO_REGISTER_YEARS, true);
  }
  if (!values["demo-only"]) {
    const county = syntheticCounty(Number(values.villages), DEFAULT_SEED);
    console.log(`bench county: ${values.villages} villages, ${county.length} households`);
    if (!values["joint-only"]) await runJointBench(`${values.villages} villages, per-metric gate`, county, [2014, 2015, 2016, 2017], false);
    await runJointBench(`${values.villages} villages, joint gate`, county, [2014, 2015, 2016, 2017], true);
  }
}
