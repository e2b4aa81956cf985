/**
 * The exact attacker's LP on ONE linked township block of the demo's 2017 release (issue 16),
 * exactly as protectByTownship reaches attackBlock's whole-block call, captured once and then
 * replayed so that solver settings can be compared on the same LP.
 *
 *   npx tsx bench/linked-block.ts --capture --township 340223101000 [--first-year FILE] [--out DIR]
 *     (FILE defaults to .wrangler/cache/demo-demo-joint-gate-2016.json: `disclosure-joint.ts --demo-only --joint-only --reuse-first-year .wrangler/cache/demo`)
 *     builds the demo's 2017 release the way bench/disclosure-joint.ts does (the 2016 release
 *     read from FILE, written by `disclosure-joint.ts --reuse-first-year`), runs the joint gate
 *     until the township's whole-block attack starts, and writes its inputs to DIR.
 *   npx tsx bench/linked-block.ts --replay DIR/<township>.json [--variant NAME]...
 *     attacks the captured block again and prints per solve: objective kind, wall and CPU ms,
 *     simplex iterations, columns and rows (after the fixed columns are removed).
 *
 * CPU time is process.cpuUsage (user + system); print `uptime` next to the figures.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_SEED } from "../worker/demo";
import { registerAsOf, demoHouseholds } from "../worker/demo/register";
import { attackBlock, attackProbe, type AttackOptions, type SolveRecord } from "../worker/domain/disclosure/exact-attacker";
import { highsSolver } from "../worker/domain/disclosure/lp-solver";
import type { BlockModel, LinearSystem, Protection } from "../worker/domain/disclosure/joint-model";
import { computeRegisterTables, type PublishedRow, type RegisterHouseholdFacts } from "../worker/domain/disclosure/tables";
import { scratchDemoRegionsDb } from "../scripts/scratch-demo-db";

/** Run by hand, not by `npm run bench` (run.ts imports it so it still compiles, and skips it). */
export const standalone = true;
const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];

const { values } = parseArgs({
  args: invokedDirectly ? process.argv.slice(2) : [],
  options: {
    capture: { type: "boolean", default: false },
    township: { type: "string", default: "340223101000" },
    "first-year": { type: "string", default: ".wrangler/cache/demo-demo-joint-gate-2016.json" },
    out: { type: "string", default: ".wrangler/cache/linked-block" },
    replay: { type: "string" },
    variant: { type: "string", multiple: true },
    quiet: { type: "boolean", default: false },
  },
});

interface Captured {
  township: string;
  system: Omit<LinearSystem, "lower" | "upper">;
  protection: (Protection | null)[];
  lower: number[];
  upper: number[];
  cells: number[];
  points: number[][];
  options: { seed?: number; witnessRounds?: number; maxSolves?: number; witnessOnly?: number[] };
}

const encode = (_key: string, value: unknown) => (value === Infinity ? "Inf" : value === -Infinity ? "-Inf" : value);
const decode = (_key: string, value: unknown) => (value === "Inf" ? Infinity : value === "-Inf" ? -Infinity : value);


class Captured_ extends Error {}

async function capture(township: string): Promise<void> {
  const { db } = await scratchDemoRegionsDb();
  const households = (await demoHouseholds(db, DEFAULT_SEED)).map((h): RegisterHouseholdFacts => ({ villageCode: h.villageCode, householdSize: h.size, cause: h.cause, measures: h.measures, identifiedYear: h.identifiedYear, exitYear: h.exitYear, returnedYear: h.returnedYear, monitoring: h.monitoring }));
  // Only the township's county: every county is protected on its own, so its figures are the same.
  const county = households.filter((h) => h.villageCode.startsWith(township.slice(0, 6)));
  const previous = (JSON.parse(readFileSync(values["first-year"]!, "utf8")) as PublishedRow[]).filter((r) => r.regionCode.startsWith(township.slice(0, 6)));
  attackProbe.call = (model, lower, upper, cells, options) => {
    // The whole-block call is the one with a solve budget (the restrictions have none).
    if (options.maxSolves === undefined || model.regions[1]?.code !== township || model.years.length !== 2) return;
    const out: Captured = {
      township,
      system: { n: model.system.n, rowStart: model.system.rowStart, rowIndex: model.system.rowIndex, rowValue: model.system.rowValue, rowLo: model.system.rowLo, rowHi: model.system.rowHi },
      protection: model.protection.map((p) => p ?? null),
      lower: [...lower],
      upper: [...upper],
      cells: [...cells],
      points: (options.points ?? []).map((p) => Array.from(p)),
      options: { seed: options.seed, witnessRounds: options.witnessRounds, maxSolves: options.maxSolves, witnessOnly: options.witnessOnly ? [...options.witnessOnly] : undefined },
    };
    mkdirSync(values.out!, { recursive: true });
    const file = `${values.out}/${township}.json`;
    writeFileSync(file, JSON.stringify(out, encode));
    console.log(`captured ${file}: n=${model.system.n}, rows=${model.system.rowLo.length}, cells=${cells.length}`);
    throw new Captured_();
  };
  try {
    await computeRegisterTables(registerAsOf(county, 2017), 2017, { joint: true, neighbours: [{ year: 2016, rows: previous }] });
    console.log(`no whole-block attack of township ${township} happened`);
  } catch (error) {
    if (!(error instanceof Captured_)) throw error;
  }
}

async function replay(file: string, variants: readonly string[]): Promise<void> {
  const data = JSON.parse(readFileSync(file, "utf8"), decode) as Captured;
  const model = { system: { ...data.system, lower: Float64Array.from(data.lower), upper: Float64Array.from(data.upper) }, protection: data.protection.map((p) => p ?? undefined) } as unknown as BlockModel;
  const highs = await highsSolver();
  for (const variant of variants) {
    const records: SolveRecord[] = [];
    attackProbe.solve = (r) => {
      records.push(r);
      if (!values.quiet) console.log(`  ${r.kind.padEnd(7)} wall ${r.wallMs.toFixed(0).padStart(7)} ms  cpu ${r.cpuMs.toFixed(0).padStart(7)} ms  iterations ${String(r.iterations).padStart(7)}  ${r.cols} cols × ${r.rows} rows  status ${r.status}  unproven ${r.unproven}`);
    };
    const options: AttackOptions & { lp?: string } = {
      seed: data.options.seed,
      witnessRounds: data.options.witnessRounds,
      maxSolves: data.options.maxSolves,
      points: data.points,
      witnessOnly: data.options.witnessOnly ? new Set(data.options.witnessOnly) : undefined,
      lp: variant === "default" ? undefined : variant,
    };
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    const attack = attackBlock(highs, model, Float64Array.from(data.lower), Float64Array.from(data.upper), data.cells, options);
    const cpu = process.cpuUsage(cpu0);
    const findings = attack.findings.map((f) => `${f.v}:[${f.lo},${f.hi}]`).join(" ");
    console.log(
      `${data.township} ${variant}: ${attack.solves} solves, ${attack.byWitness} by witness, ${attack.findings.length} findings ${findings}; wall ${((performance.now() - wall0) / 1000).toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, iterations ${records.reduce((a, r) => a + r.iterations, 0)}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} (${cpus().length} cores)`,
    );
  }
}

if (invokedDirectly && values.capture) await capture(values.township!);
else if (invokedDirectly && values.replay) await replay(values.replay, values.variant ?? ["default"]);
else console.log("--capture or --replay FILE");
