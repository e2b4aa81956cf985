import { computeRegisterTables, type RegisterHouseholdFacts } from "./worker/domain/disclosure";
let seed = 7; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const causes = ["illness","illness","illness","disability","lack_of_labour","lack_of_capital","schooling","lack_of_skills","other"] as const;
const hh: RegisterHouseholdFacts[] = [];
const T = Number(process.argv[2] ?? 3), V = Number(process.argv[3] ?? 8);
for (let t = 1; t <= T; t++) for (let v = 1; v <= V; v++) {
  const code = `340223${String(100 + t).padStart(3, "0")}${String(200 + v)}`;
  const n = rnd() < 0.75 ? (rnd() < 0.35 ? 0 : Math.floor(rnd() * 12) + 1) : 20 + Math.floor(rnd() * 25);
  for (let i = 0; i < n; i++) {
    const s = rnd(); const e = rnd();
    const exitYear = e < 0.45 ? 2015 : e < 0.68 ? 2016 : e < 0.86 ? 2017 : null;
    hh.push({ villageCode: code, householdSize: s < .15 ? 1 : s < .4 ? 2 : s < .65 ? 3 : s < .85 ? 4 : s < .95 ? 5 : 6 + Math.floor(rnd() * 3), cause: causes[Math.floor(rnd() * causes.length)]!, measures: rnd() < 0.5 ? ["industry"] : ["health", "employment"], identifiedYear: rnd() < 0.9 ? 2014 : 2016, exitYear, returnedYear: exitYear && exitYear < 2017 && rnd() < 0.05 ? exitYear + 1 : null, monitoring: rnd() < 0.05 ? "edge" : "none" });
  }
}
console.log("households", hh.length);
let t0 = Date.now();
const y16 = await computeRegisterTables(hh.filter(h => h.identifiedYear <= 2016).map(h => ({ ...h, exitYear: h.exitYear && h.exitYear <= 2016 ? h.exitYear : null, returnedYear: h.returnedYear && h.returnedYear <= 2016 ? h.returnedYear : null })), 2016);
console.log("2016", Date.now() - t0, "ms", { withheld: y16.withheld, joint: y16.withheldJointly, dropped: y16.dropped, unresolved: y16.unresolved }, y16.gate.map(g => ({ ...g, unresolved: g.unresolved.length })));
t0 = Date.now();
const y17 = await computeRegisterTables(hh, 2017, { neighbours: [{ year: 2016, rows: y16.rows }] });
console.log("2017", Date.now() - t0, "ms", { withheld: y17.withheld, joint: y17.withheldJointly, dropped: y17.dropped, unresolved: y17.unresolved }, y17.gate.map(g => ({ ...g, unresolved: g.unresolved.length })));
for (const v of y17.violations.slice(0, 5)) console.log(JSON.stringify(v));
const { timing } = await import("./worker/domain/disclosure/exact-attacker");
console.log(timing);
