/**
 * Attack tests: someone subtracts published register-derived figures (all read through
 * the public API) to learn a hidden count. Neither "a county minus all its other
 * villages" nor "this year minus last year" may narrow a hidden count (banded 1–7,
 * withheld, or not published: R3/R4) to fewer than 5 possible values.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { categoriesOf, METRIC_CODES, publishedCategories, type Breakdown } from "../../worker/domain/disclosure";
import { PLACES } from "../../worker/demo/official-figures";
import { api, json, seedOnce } from "../helpers/api";

interface Figure { value: number | null; disclosure: string }
type Row = { year: number; level: string; region: { code: string }; breakdown: Breakdown; category: string; figures: Record<string, Figure> };

const YEARS = [2016, 2017];
const BREAKDOWNS: Breakdown[] = ["none", "cause", "measure", "household_size"];
const published = new Map<string, Figure>();
const villagesOf = new Map<string, Set<string>>(); // township → villages with households
const townshipsOf = new Map<string, Set<string>>(); // county → townships

const key = (year: number, level: string, region: string, breakdown: string, category: string, metric: string) => `${year}|${level}|${region}|${breakdown}|${category}|${metric}`;

function interval(figure: Figure | undefined): [number, number] {
  if (!figure) return [0, Infinity];
  switch (figure.disclosure) {
    case "zero": return [0, 0];
    case "banded": return [1, 7];
    case "rounded": return [Math.max(8, figure.value! - 2), figure.value! + 2];
    default: return [0, Infinity];
  }
}
const hidden = (figure: Figure | undefined) => !figure || figure.disclosure === "banded" || figure.disclosure === "withheld";
const possible = ([lo, hi]: [number, number]) => (hi === Infinity ? Infinity : hi - lo + 1);

beforeAll(async () => {
  await seedOnce();
  for (const year of YEARS) {
    for (const level of ["county", "township", "village"]) {
      for (const breakdown of BREAKDOWNS) {
        let url: string | null = `/api/v1/statistics/register?region=${PLACES.wuhu}&year=${year}&level=${level}&breakdown=${breakdown}&limit=1000`;
        while (url) {
          const body: any = await json(await api(url.replace("http://portal.test", "")));
          for (const row of body.data as Row[]) {
            for (const metric of METRIC_CODES) published.set(key(year, level, row.region.code, breakdown, row.category, metric), row.figures[metric]!);
            const code = row.region.code;
            if (level === "village") {
              const township = `${code.slice(0, 9)}000`;
              villagesOf.set(township, (villagesOf.get(township) ?? new Set()).add(code));
            }
            if (level === "township") {
              const county = `${code.slice(0, 6)}000000`;
              townshipsOf.set(county, (townshipsOf.get(county) ?? new Set()).add(code));
            }
          }
          url = body.next;
        }
      }
    }
  }
}, 120_000);

describe("subtraction attacks on the published register figures", () => {
  it("read a full set of figures for both demo years", () => {
    // About 22,400 since villages publish their totals only (issue 16); 43,500 with village
    // measure and size tables, 57,600 with village cause tables too.
    expect(published.size).toBeGreaterThan(20_000);
    expect(townshipsOf.get(PLACES.wuwei)?.size).toBe(20);
  });

  it("a county minus all its other villages never pins a hidden village count to fewer than 5 values", () => {
    let attacked = 0;
    const narrowed: string[] = [];
    for (const year of YEARS) {
      for (const [county, townships] of townshipsOf) {
        const villages = [...townships].flatMap((t) => [...(villagesOf.get(t) ?? [])]);
        for (const breakdown of BREAKDOWNS) {
          for (const category of categoriesOf(breakdown)) {
            for (const metric of METRIC_CODES) {
              const whole = interval(published.get(key(year, "county", county, breakdown, category, metric)));
              if (!published.has(key(year, "county", county, breakdown, category, metric))) continue;
              const parts = villages.map((v) => {
                const figure = published.get(key(year, "village", v, breakdown, category, metric));
                const own = interval(figure);
                // An unpublished breakdown cell is at most the village's own total.
                if (!figure && breakdown !== "none") own[1] = interval(published.get(key(year, "village", v, "none", "total", metric)))[1];
                return { v, figure, own };
              });
              const sumLo = parts.reduce((s, p) => s + p.own[0], 0);
              const sumHi = parts.reduce((s, p) => s + p.own[1], 0);
              for (const { v, figure, own } of parts) {
                if (!hidden(figure)) continue;
                const othersLo = sumLo - own[0];
                const othersHi = sumHi === Infinity ? Infinity : sumHi - own[1];
                const lo = Math.max(own[0], othersHi === Infinity ? 0 : whole[0] - othersHi);
                const hi = Math.min(own[1], whole[1] - othersLo);
                if (hi === 0) continue;
                attacked++;
                if (possible([lo, hi]) < 5) narrowed.push(`${year} ${v} ${breakdown}/${category} ${metric}: [${lo}, ${hi}]`);
              }
            }
          }
        }
      }
    }
    expect(narrowed).toEqual([]);
    expect(attacked).toBeGreaterThan(1000);
  }, 120_000);

  it("a township minus its other villages never pins a small village's hidden breakdown or a health cause", () => {
    let attacked = 0;
    const narrowed: string[] = [];
    for (const year of YEARS) {
      for (const [township, villages] of villagesOf) {
        for (const breakdown of ["cause", "measure", "household_size"] as const) {
          for (const category of categoriesOf(breakdown)) {
            for (const metric of METRIC_CODES) {
              const whole = interval(published.get(key(year, "township", township, breakdown, category, metric)));
              const parts = [...villages].map((v) => {
                const figure = published.get(key(year, "village", v, breakdown, category, metric));
                const own = interval(figure);
                if (!figure) own[1] = interval(published.get(key(year, "village", v, "none", "total", metric)))[1];
                return { v, figure, own };
              });
              const sumLo = parts.reduce((s, p) => s + p.own[0], 0);
              const sumHi = parts.reduce((s, p) => s + p.own[1], 0);
              for (const { v, figure, own } of parts) {
                if (figure && !hidden(figure)) continue;
                const othersLo = sumLo - own[0];
                const othersHi = sumHi === Infinity ? Infinity : sumHi - own[1];
                const lo = Math.max(own[0], othersHi === Infinity ? 0 : whole[0] - othersHi);
                const hi = Math.min(own[1], whole[1] - othersLo);
                if (hi === 0) continue;
                attacked++;
                if (possible([lo, hi]) < 5) narrowed.push(`${year} ${v} ${breakdown}/${category} ${metric}: [${lo}, ${hi}]`);
              }
            }
          }
        }
      }
    }
    expect(narrowed).toEqual([]);
    expect(attacked).toBeGreaterThan(1000);
  }, 120_000);

  it("publishes no village cause table, so no village total minus its causes can give the health count (issue 16)", () => {
    const villageCauses = [...published.keys()].filter((k) => k.includes("|village|") && k.includes("|cause|"));
    expect(villageCauses).toEqual([]);
  });

  it("this year minus last year never pins the change of a register count to fewer than 5 values", () => {
    let compared = 0;
    const narrowed: string[] = [];
    for (const [k, figure2017] of published) {
      // Stocks, not flows: exits, new identifications and returns are counts of the year itself.
      if (!k.startsWith("2017|") || !/\|registered_(households|people)$/.test(k)) continue;
      const figure2016 = published.get(`2016|${k.slice(5)}`);
      if (!figure2016) continue;
      const [lo17, hi17] = interval(figure2017);
      const [lo16, hi16] = interval(figure2016);
      // A count that is 0 this year was 0 last year too (no household leaves the demo's
      // register): a 0 discloses no household, and R2 publishes 0 exactly.
      if (hi17 === 0) continue;
      // In the demo no household ever leaves the register, so the change is what was added (≥ 0).
      const change: [number, number] = [Math.max(0, lo17 - hi16), hi17 - lo16];
      compared++;
      if (possible(change) < 5) narrowed.push(`${k}: ${figure2016.disclosure} → ${figure2017.disclosure}`);
    }
    expect(narrowed).toEqual([]);
    expect(compared).toBeGreaterThan(2_000);
  }, 120_000);
});
