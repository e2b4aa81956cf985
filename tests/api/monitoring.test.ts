/**
 * Dynamic monitoring (issue 15 §2): GET /api/v1/monitoring serves the register statistics
 * the import's disclosure gate published — nothing recomputed, nothing derived — so the
 * year-over-year attack (identified − exited + returned against the two years' registered
 * households) learns nothing it could not from /statistics/register, and neither does the
 * joint attacker run over the monitoring outputs alone. The canary household appears in
 * none of them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkRelease, type PublishedOutput, type PublishedRow } from "../../worker/domain/disclosure";
import { PLACES } from "../../worker/demo/official-figures";
import { DEMO_NOTICES } from "../../worker/demo/notices";
import { CANARY } from "../../worker/demo/register";
import { api, json, seedOnce } from "../helpers/api";
import { intervalExposures, rowKey, yearOverYearAttack, type Figure, type Row } from "../helpers/monitoring";

const YEARS = [2016, 2017];
const LEVELS = ["county", "township", "village"] as const;


async function allRows(path: string): Promise<Row[]> {
  const rows: Row[] = [];
  let url: string | null = path;
  while (url) {
    const res = await api(url.replace("http://portal.test", ""));
    expect(res.status, url).toBe(200);
    const body: any = await json(res);
    rows.push(...body.data);
    url = body.next;
  }
  return rows;
}

/** Every monitoring output the crawl would read (JSON pages, CSV, NDJSON), for the gate and the canary. */
const outputs: PublishedOutput[] = [];
const monitoring = new Map<string, Row>();

beforeAll(async () => {
  await seedOnce();
  for (const level of LEVELS) {
    for (const breakdown of ["none", "cause"]) {
      const path = `/api/v1/monitoring?region=${PLACES.wuhu}&level=${level}&breakdown=${breakdown}`;
      for (const row of await allRows(`${path}&limit=1000`)) monitoring.set(rowKey(row), row);
      for (const format of ["json", "csv", "ndjson"] as const) {
        const source = format === "json" ? `${path}&limit=1000` : `${path}&format=${format}`;
        outputs.push({ source, format, body: await (await api(source)).text() });
      }
    }
  }
}, 120_000);

describe("GET /api/v1/monitoring", () => {
  it("gives per county and year the flows and the register they belong to, all register-derived", async () => {
    const res = await api(`/api/v1/monitoring?region=${PLACES.wuhu}&year=2017`);
    expect(res.status).toBe(200);
    const body: any = await json(res);
    expect(body.data.map((r: Row) => r.region.code)).toEqual([PLACES.nanling, PLACES.wuwei]);
    expect(body.meta).toMatchObject({ dataset: "monitoring", kind: "register-derived", filters: { region: PLACES.wuhu, level: "county", year: 2017, breakdown: "none" } });
    const wuwei = body.data[1];
    expect(Object.keys(wuwei.figures)).toEqual([
      "newly_identified_households", "newly_identified_people", "exited_households", "exited_people", "returned_households", "returned_people",
      "monitored_households", "monitored_people", "edge_households", "edge_people", "unstable_households", "unstable_people",
      "registered_households", "registered_people",
    ]);
    // Shangzhou's categories in the demo register: returned, and edge or monitored households.
    // The joint gate withholds the county's own totals of these flows (its causes of risk are
    // published instead, see below); its townships publish them.
    const townships: any = await json(await api(`/api/v1/monitoring?region=${PLACES.wuwei}&level=township&year=2017&limit=100`));
    const shown = (metric: string) => townships.data.filter((r: Row) => ["rounded", "banded"].includes(r.figures[metric]!.disclosure));
    expect(shown("monitored_households").some((r: Row) => r.figures.monitored_households!.disclosure === "rounded")).toBe(true);
    // Edge and unstable households apart (issue 15 §2): both kinds are in the demo register,
    // and what is published of them is consistent with their sum, the combined figure.
    // Each kind is published somewhere for Wuwei 2017: a township's total or a county cause.
    const wuweiCauses = [...monitoring.values()].filter((r) => r.year === 2017 && r.level === "county" && r.region.code === PLACES.wuwei && r.breakdown === "cause");
    for (const kind of ["returned", "edge", "unstable"]) {
      const metric = `${kind}_households`;
      expect(shown(metric).length + wuweiCauses.filter((r) => ["rounded", "banded"].includes(r.figures[metric]!.disclosure)).length, kind).toBeGreaterThan(0);
    }
    const range = (f: Figure): [number, number] =>
      f.disclosure === "zero" ? [0, 0] : f.disclosure === "banded" ? [1, 7] : f.disclosure === "rounded" ? [Math.max(8, f.value! - 2), f.value! + 2] : [0, Infinity];
    for (const row of [...body.data, ...townships.data]) {
      for (const unit of ["households", "people"]) {
        const [edgeLo, edgeHi] = range(row.figures[`edge_${unit}`]);
        const [unstableLo, unstableHi] = range(row.figures[`unstable_${unit}`]);
        const [lo, hi] = range(row.figures[`monitored_${unit}`]);
        expect(edgeLo + unstableLo, `${row.region.code} ${unit}`).toBeLessThanOrEqual(hi);
        expect(edgeHi + unstableHi, `${row.region.code} ${unit}`).toBeGreaterThanOrEqual(lo);
      }
    }
    expect(wuwei.return_notices).toBe(`/api/v1/notices?type=return_to_poverty&region=${PLACES.wuwei}&published_from=2017-01-01&published_to=2017-12-31`);
    expect(wuwei.provenance).toMatchObject({ kind: "register-derived", demo: true });
  });

  it("is the register statistics as published, figure for figure: a projection, never a new number", async () => {
    let compared = 0;
    for (const level of LEVELS) {
      for (const breakdown of ["none", "cause"]) {
        const register = await allRows(`/api/v1/statistics/register?region=${PLACES.wuhu}&level=${level}&breakdown=${breakdown}&limit=1000`);
        const mine = [...monitoring.values()].filter((r) => r.level === level && r.breakdown === breakdown);
        expect(mine.length, `${level} ${breakdown}`).toBe(register.length);
        for (const row of register) {
          const m = monitoring.get(rowKey(row));
          expect(m, rowKey(row)).toBeDefined();
          for (const [metric, figure] of Object.entries(m!.figures)) {
            expect(figure, `${rowKey(row)} ${metric}`).toEqual(row.figures[metric]);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5_000);
    // By cause, the causes of risk (returned, monitored, edge and unstable households) are
    // published at county level only, where the joint gate proves them protected (issue 15);
    // below it, new identifications by cause and people by cause never (issue 16).
    const causes = [...monitoring.values()].filter((r) => r.breakdown === "cause");
    expect(causes.length).toBeGreaterThan(100);
    const risk = ["returned_households", "monitored_households", "edge_households", "unstable_households"];
    for (const row of causes) {
      for (const flow of ["newly_identified", "returned", "monitored", "edge", "unstable"]) {
        for (const unit of ["households", "people"]) {
          const metric = `${flow}_${unit}`;
          if (row.level === "county" && risk.includes(metric)) continue;
          expect(row.figures[metric]!.disclosure, `${rowKey(row)} ${metric}`).toBe("withheld");
        }
      }
    }
    const countyRisk = causes.filter((r) => r.level === "county").flatMap((r) => risk.map((m) => r.figures[m]!.disclosure));
    expect(countyRisk.filter((d) => d !== "withheld").length).toBeGreaterThan(10);
    expect(causes.some((r) => r.figures.exited_households!.disclosure === "rounded")).toBe(true);
    expect([...monitoring.values()].some((r) => r.level === "village" && r.breakdown === "cause")).toBe(false);
  });

  it("pages by cursor, and serves CSV and NDJSON with an ETag and 304", async () => {
    const first: any = await json(await api(`/api/v1/monitoring?region=${PLACES.nanling}&level=village&limit=7`));
    expect(first.data).toHaveLength(7);
    const second: any = await json(await api(first.next.replace("http://portal.test", "")));
    expect(second.data[0].region.code >= first.data[6].region.code).toBe(true);
    expect(rowKey(second.data[0])).not.toBe(rowKey(first.data[6]));

    const csv = await api(`/api/v1/monitoring?region=${PLACES.nanling}&year=2017&format=csv`);
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("Link")).toContain("/api/v1/datasets/monitoring/schema.json");
    const [header, line] = (await csv.text()).trim().split("\r\n");
    expect(header).toMatch(/^kind,year,level,region_code,region_name_zh,region_name_en,breakdown,category,category_zh,category_en,newly_identified_households,newly_identified_people,exited_households,/);
    expect(line).toMatch(/^register-derived,2017,county,340223000000,/);
    const ndjson = await (await api(`/api/v1/monitoring?region=${PLACES.nanling}&level=township&format=ndjson`)).text();
    expect(ndjson.trim().split("\n").length).toBe([...monitoring.values()].filter((r) => r.level === "township" && r.breakdown === "none" && r.region.code.startsWith("340223")).length);

    const res = await api(`/api/v1/monitoring?region=${PLACES.nanling}`);
    const etag = res.headers.get("ETag");
    expect(etag).toBeTruthy();
    expect((await api(`/api/v1/monitoring?region=${PLACES.nanling}`, { headers: { "If-None-Match": etag! } })).status).toBe(304);
  });

  it("refuses bad input in the one error shape, naming the parameter", async () => {
    for (const [query, path] of [
      ["breakdown=measure", "query.breakdown"],
      ["level=city", "query.level"],
      ["year=20x7", "query.year"],
      ["region=3402", "query.region"],
      ["sort=year", "query.sort"],
    ]) {
      const res = await api(`/api/v1/monitoring?${query}`);
      expect(res.status, query).toBe(400);
      const body: any = await json(res);
      expect(body.error.details.map((d: any) => d.path), query).toContain(path);
    }
    const unknown = await api("/api/v1/monitoring?region=340223999000");
    expect(unknown.status).toBe(404);
    expect((await json<any>(unknown)).error.details[0].path).toBe("query.region");
  });

  it("is in the catalogue with the register's version and a Table Schema", async () => {
    const catalogue: any = await json(await api("/api/v1/datasets"));
    const register = catalogue.data.find((d: any) => d.id === "register_statistics");
    const entry = catalogue.data.find((d: any) => d.id === "monitoring");
    expect(entry).toMatchObject({ kind: "register-derived", version: register.version, last_updated: register.last_updated });
    expect(entry.endpoint).toMatch(/\/api\/v1\/monitoring$/);
    const schema = await api("/api/v1/datasets/monitoring/schema.json");
    expect(schema.status).toBe(200);
    expect((await json<any>(schema)).fields.find((f: any) => f.name === "region_code").type).toBe("string");
  });
});

describe("return-to-poverty notices link to the monitoring figures of their region and year", () => {
  it("the demo's return notice points at its region's figures, the latest imported year when its own is not", async () => {
    const notice: any = (await json(await api(`/api/v1/notices/${DEMO_NOTICES.upcomingReturn}`))).data;
    expect(notice.type).toBe("return_to_poverty");
    const year = Number(notice.published_at.slice(0, 4));
    // The demo register has 2016 and 2017; the notice is published today. Its village is an
    // exited one with a register of its own (its totals are published), but villages publish no
    // returns (issue 16): the link is its township's figures.
    const own = await allRows(`/api/v1/monitoring?region=${notice.region.code}&year=2017`);
    expect(own.length).toBeGreaterThan(0);
    const figuresRegion = `${notice.region.code.slice(0, 9)}000`;
    expect(notice.monitoring).toEqual({
      region_code: notice.region.code,
      year,
      figures_region: figuresRegion,
      figures_year: 2017,
      api: `/api/v1/monitoring?region=${figuresRegion}&year=2017`,
      page: `/monitoring/?region=${figuresRegion}&year=2017`,
      return_notices: `/api/v1/notices?type=return_to_poverty&region=${notice.region.code}&published_from=${year}-01-01&published_to=${year}-12-31`,
    });
    const linked: any = await json(await api(notice.monitoring.api));
    expect(linked.data).toHaveLength(1);
    expect(linked.data[0]).toMatchObject({ year: 2017, region: { code: figuresRegion } });
    const back: any = await json(await api(notice.monitoring.return_notices));
    expect(back.data.map((n: any) => n.id)).toContain(DEMO_NOTICES.upcomingReturn);
  });

  it("other notice types have no monitoring link", async () => {
    const notice: any = (await json(await api(`/api/v1/notices/${DEMO_NOTICES.openExit}`))).data;
    expect(notice.monitoring).toBeNull();
  });
});

describe("the monitoring page (/monitoring/, /en/monitoring/)", () => {
  it("shows a county year by year, its townships in the chosen year and its causes, with the figures as published", async () => {
    const res = await api(`/monitoring/?region=${PLACES.nanling}&year=2016`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("动态管理与防返贫监测");
    expect([...html.matchAll(/<tr data-year="(\d+)"/g)].map((m) => m[1])).toEqual(["2016", "2017"]);
    const townships = [...html.matchAll(/<tr data-region="(\d{12})"/g)].map((m) => m[1]);
    expect(townships.length).toBe([...monitoring.values()].filter((r) => r.year === 2016 && r.level === "township" && r.breakdown === "none" && r.region.code.startsWith("340223")).length);
    expect(html).toContain('data-cause="illness"');
    // Every township cell is the API's published text for that township (number, 1–7 or withheld).
    const row = monitoring.get(`2016|township|${townships[0]}|none|total`)!;
    const text = (f: Figure) => (f.disclosure === "banded" ? "1–7" : f.disclosure === "withheld" ? "不公布" : String(f.value));
    const cells = html.split(`data-region="${townships[0]}"`)[1]!.split("</tr>")[0]!;
    expect([...cells.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(
      ["newly_identified", "exited", "returned", "monitored", "edge", "unstable", "registered"].map((m) => text(row.figures[`${m}_households`]!)),
    );
    expect(html).toContain("边缘易致贫户");
    expect(html).toContain("脱贫不稳定户");
    // The county's causes: registered and exited, then each cause of risk the joint gate
    // published for some cause of the county that year (issue 15).
    const causeRow = monitoring.get(`2016|county|${PLACES.nanling}|cause|illness`)!;
    const countyCauses = [...monitoring.values()].filter((r) => r.year === 2016 && r.level === "county" && r.region.code === PLACES.nanling && r.breakdown === "cause");
    const risk = ["returned", "monitored", "edge", "unstable"].filter((m) => countyCauses.some((r) => r.figures[`${m}_households`]!.disclosure !== "withheld"));
    expect(risk.length).toBeGreaterThan(0);
    const causeCells = html.split('data-cause="illness"')[1]!.split("</tr>")[0]!;
    expect([...causeCells.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(["registered", "exited", ...risk].map((m) => text(causeRow.figures[`${m}_households`]!)));
    const en = await (await api(`/en/monitoring/?region=${PLACES.nanling}`)).text();
    expect(en).toContain("Dynamic monitoring");
    expect(en).toContain("Returned to poverty");
    expect(en).toContain("Edge households");
    expect(en).toContain("Unstable exited households");
  });

  it("lists counties without a region, and is a 404 for an unknown region", async () => {
    const html = await (await api("/monitoring/")).text();
    expect(html).toContain(`data-region="${PLACES.nanling}"`);
    expect(html).toContain(`data-region="${PLACES.wuwei}"`);
    expect((await api("/monitoring/?region=340223999000")).status).toBe(404);
  });

  it("is linked from a region's page and from a return-to-poverty notice's page", async () => {
    expect(await (await api(`/regions/${PLACES.nanling}/`)).text()).toContain(`/monitoring/?region=${PLACES.nanling}"`);
    const notice: any = (await json(await api(`/api/v1/notices/${DEMO_NOTICES.upcomingReturn}`))).data;
    const page = await (await api(`/notices/${DEMO_NOTICES.upcomingReturn}/`)).text();
    expect(page).toContain("data-monitoring-link");
    expect(page).toContain(`href="${notice.monitoring.page.replace("&", "&amp;")}"`);
    const en = await (await api(`/en/notices/${DEMO_NOTICES.upcomingReturn}/`)).text();
    expect(en).toContain(`href="/en${notice.monitoring.page.replace("&", "&amp;")}"`);
    // The village's monitoring page lists the notice among its region's return notices.
    const village = await (await api(`/monitoring/?region=${notice.region.code}`)).text();
    expect(village).toContain(`/notices/${DEMO_NOTICES.upcomingReturn}/`);
  });
});

describe("disclosure of the monitoring outputs", () => {
  it("pass the release gate and never show the canary household (name, ID number, register number, pseudonym)", async () => {
    const { results } = await env.DB.prepare("SELECT pseudonym FROM register_households").all<{ pseudonym: string }>();
    const pseudonyms = new Set(results.map((r) => r.pseudonym));
    expect(outputs.length).toBe(18);
    // The pages too, the canary's village and township among them.
    for (const path of ["/monitoring/", `/monitoring/?region=${CANARY.village}`, `/monitoring/?region=${CANARY.village.slice(0, 9)}000`, `/en/monitoring/?region=${PLACES.nanling}`]) {
      const res = await api(path);
      expect(res.status, path).toBe(200);
      outputs.push({ source: path, format: "html", body: await res.text() });
    }
    expect(checkRelease(outputs, { forbidden: [CANARY.name, CANARY.idNumber, CANARY.registerNo], pseudonyms })).toEqual([]);
    const everything = outputs.map((o) => o.body).join("\n");
    for (const secret of [CANARY.name, CANARY.idNumber, CANARY.registerNo, CANARY.idNumber.slice(0, 14)]) expect(everything).not.toContain(secret);
    // The canary's village is published as a total only, banded.
    expect(monitoring.get(`2017|village|${CANARY.village}|none|total`)!.figures.registered_households!.disclosure).toBe("banded");
  });

  it("on the demo, the joint attacker's interval propagation narrows no count the edge and unstable figures add, and no kind itself", async () => {
    // Every published register row of Wuhu (all levels and breakdowns, both years), as the import stored it.
    const byYear = new Map<number, PublishedRow[]>();
    for (const level of LEVELS) {
      for (const breakdown of ["none", "cause", "measure", "household_size"]) {
        for (const row of await allRows(`/api/v1/statistics/register?region=${PLACES.wuhu}&level=${level}&breakdown=${breakdown}&limit=1000`)) {
          let rows = byYear.get(row.year);
          if (!rows) byYear.set(row.year, (rows = []));
          rows.push({ level: row.level as PublishedRow["level"], regionCode: row.region.code, breakdown: row.breakdown as PublishedRow["breakdown"], category: row.category, figures: row.figures as unknown as PublishedRow["figures"] });
        }
      }
    }
    const releases = [...byYear].sort(([a], [b]) => a - b).map(([year, rows]) => ({ year, rows }));
    expect(releases.map((r) => r.year)).toEqual(YEARS);
    const KINDS = ["edge_households", "edge_people", "unstable_households", "unstable_people"];
    const withKinds = intervalExposures(releases);
    const without = new Set(
      intervalExposures(releases.map(({ year, rows }) => ({ year, rows: rows.map((r) => ({ ...r, figures: { ...r.figures, ...Object.fromEntries(KINDS.map((m) => [m, { value: null, disclosure: "withheld" as const }])) } })) }))),
    );
    // What the import's per-metric gate leaves to this attacker without the kinds is issue 16's (the joint gate is off at import).
    expect(withKinds.filter((cell) => !without.has(cell))).toEqual([]);
    expect(withKinds.filter((cell) => /(edge|unstable)_/.test(cell))).toEqual([]);
  }, 120_000);

  it("storage refuses an unpublished edge or unstable figure (migration 0032: 0, -1, -2 or a multiple of 5 from 10)", async () => {
    // An existing release (the foreign key), a category no table has (removed at the end).
    const release = (await env.DB.prepare("SELECT id FROM register_releases LIMIT 1").first<{ id: string }>())!.id;
    const insert = (column: string, value: number) =>
      env.DB.prepare(
        `INSERT INTO register_statistics (release_id, year, level, region_code, breakdown, category, registered_households, registered_people, exited_households, exited_people,
           newly_identified_households, newly_identified_people, returned_households, returned_people, monitored_households, monitored_people, ${column})
         VALUES (?, 2017, 'county', '340223000000', 'cause', 'zz_check0032', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)`,
      )
        .bind(release, value)
        .run();
    for (const column of ["edge_households", "edge_people", "unstable_households", "unstable_people"]) {
      for (const bad of [5, 3, 12]) await expect(insert(column, bad), `${column} = ${bad}`).rejects.toThrow(/CHECK constraint failed/);
    }
    // A row written without them (a release imported before the migration) reads `withheld`.
    await env.DB.prepare(
      `INSERT INTO register_statistics (release_id, year, level, region_code, breakdown, category, registered_households, registered_people, exited_households, exited_people,
         newly_identified_households, newly_identified_people, returned_households, returned_people, monitored_households, monitored_people)
       VALUES (?, 2017, 'county', '340223000000', 'cause', 'zz_check0032', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
    )
      .bind(release)
      .run();
    const row = await env.DB.prepare("SELECT edge_households, edge_people, unstable_households, unstable_people FROM register_statistics WHERE category = 'zz_check0032'").first();
    expect(row).toEqual({ edge_households: -2, edge_people: -2, unstable_households: -2, unstable_people: -2 });
    await env.DB.prepare("DELETE FROM register_statistics WHERE category = 'zz_check0032'").run();
  });

  it("the year-over-year attack (identified − exited + returned against both years' registered) learns nothing the register statistics do not give", async () => {
    const register = new Map<string, Row>();
    for (const level of LEVELS) for (const row of await allRows(`/api/v1/statistics/register?region=${PLACES.wuhu}&level=${level}&limit=1000`)) register.set(rowKey(row), row);
    const onMonitoring = yearOverYearAttack(monitoring);
    expect(onMonitoring.attacked).toBeGreaterThan(100);
    // The same stored figures: whatever the attack narrows, it narrows on /statistics/register
    // already (a gap of the import's gate, reported to issue 16), never because of monitoring.
    expect(onMonitoring.narrowed).toEqual(yearOverYearAttack(register).narrowed);
  });
});
