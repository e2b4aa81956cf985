import { beforeAll, describe, expect, it } from "vitest";
import { DATASETS } from "../../worker/domain/datasets";
import { flatFields, type FlatField } from "../../worker/lib/dataset-fields";
import { DATASET_SCHEMAS } from "../../worker/schemas/datasets";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";
import { takeSnapshot } from "../helpers/snapshots";
import { seedNeedsOnce } from "../helpers/needs";

// Dataset columns come from one definition (the JSON item's zod schema): for every
// catalogue dataset, the JSON fields, the CSV columns, the NDJSON fields and the field
// dictionary must be the same list (nested objects flattened as `<parent>_<child>`,
// documented in lib/dataset-fields.ts and the README).

// The needs demo and one snapshot, so the needs and snapshots lists have rows too.
beforeAll(async () => {
  await seedFundsOnce();
  await seedNeedsOnce();
  await takeSnapshot();
});

/** The flattened names a JSON item covers, and any leaf path no column covers. */
function coverage(item: unknown, fields: readonly FlatField[]) {
  const covered = new Set<string>();
  const stray: string[] = [];
  const walk = (value: unknown, path: string[]) => {
    const exact = fields.find((f) => f.path.join(".") === path.join("."));
    if (exact) {
      covered.add(exact.name);
      return;
    }
    const below = fields.filter((f) => f.path.length > path.length && f.path.slice(0, path.length).join(".") === path.join("."));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, [...path, key]);
    } else if (value === null && below.length > 0) {
      for (const f of below) covered.add(f.name); // a null nested object: its columns are empty
    } else stray.push(path.join("."));
  };
  walk(item, []);
  return { covered, stray };
}

describe("dataset columns from one definition", () => {
  it("every catalogue dataset has a schema, and the catalogue's dictionary is derived from it", async () => {
    const body = await json(await api("/api/v1/datasets"));
    expect(Object.keys(DATASET_SCHEMAS).sort()).toEqual(DATASETS.map((d) => d.id).sort());
    for (const dataset of body.data) {
      expect(dataset.fields.map((f: { name: string }) => f.name), dataset.id).toEqual(flatFields(DATASET_SCHEMAS[dataset.id]!).map((f) => f.name));
      for (const field of dataset.fields) expect(field.description, `${dataset.id}.${field.name}`).not.toBe("");
    }
  });

  for (const dataset of DATASETS) {
    it(`${dataset.id}: JSON fields == CSV columns == NDJSON fields == field dictionary`, async () => {
      const fields = flatFields(DATASET_SCHEMAS[dataset.id]!);
      const names = fields.map((f) => f.name);
      const catalogue = (await json(await api("/api/v1/datasets"))).data.find((d: { id: string }) => d.id === dataset.id);
      expect(catalogue.fields.map((f: { name: string }) => f.name)).toEqual(names);

      const page = await json(await api(`/api/v1${dataset.path}?limit=5`));
      expect(page.data.length, `${dataset.id} has demo rows`).toBeGreaterThan(0);
      for (const item of page.data) {
        const { covered, stray } = coverage(item, fields);
        expect(stray, `${dataset.id}: JSON fields without a column`).toEqual([]);
        expect([...covered].sort(), `${dataset.id}: columns missing from the JSON`).toEqual([...names].sort());
      }

      const csv = await (await api(`/api/v1${dataset.path}?format=csv&limit=5`)).text();
      expect(csv.split("\r\n")[0]!.split(","), `${dataset.id} CSV header`).toEqual(names);

      const ndjson = (await (await api(`/api/v1${dataset.path}?format=ndjson&limit=5`)).text()).trim().split("\n").map((line) => JSON.parse(line));
      expect(ndjson).toEqual(page.data);
      for (const item of ndjson) expect(coverage(item, fields).stray).toEqual([]);

      // Row counts: every JSON page followed to the end == the streamed CSV == the streamed NDJSON.
      let jsonRows = 0;
      let next: string | null = `/api/v1${dataset.path}?limit=1000`;
      while (next) {
        const body: { data: unknown[]; next: string | null } = await json(await api(next.replace(/^https?:\/\/[^/]+/, "")));
        jsonRows += body.data.length;
        next = body.next;
      }
      const csvAll = await (await api(`/api/v1${dataset.path}?format=csv`)).text();
      const ndjsonAll = (await (await api(`/api/v1${dataset.path}?format=ndjson`)).text()).split("\n").filter(Boolean);
      expect(ndjsonAll.length, `${dataset.id} NDJSON rows`).toBe(jsonRows);
      // CSV records (not lines: a quoted cell may hold a line break) — count record ends outside quotes.
      let records = 0;
      let quoted = false;
      for (let i = 0; i < csvAll.length; i++) {
        const ch = csvAll[i];
        if (ch === '"') quoted = !quoted;
        else if (!quoted && ch === "\n") records++;
      }
      expect(records - 1, `${dataset.id} CSV rows`).toBe(jsonRows);
    });

    it(`${dataset.id}: every row says what it is (provenance) and whether it is demo`, async () => {
      const rows = (await json(await api(`/api/v1${dataset.path}?limit=1000`))).data;
      for (const row of rows) {
        expect(["official", "register-derived", "administrative", "reference"], dataset.id).toContain(row.provenance.kind);
        expect(typeof row.provenance.demo, dataset.id).toBe("boolean");
        expect(row.provenance.basis.length, dataset.id).toBeGreaterThan(10);
        if (row.provenance.demo) expect(row.provenance.basis, dataset.id).toMatch(/^Synthetic demo data/);
        if (row.provenance.kind === "official") expect(row.provenance.basis).toContain(row.source.id);
        if (row.provenance.kind === "register-derived") expect(row.provenance.basis).toMatch(/disclosure control/);
        if ("demo" in row) expect(row.provenance.demo, dataset.id).toBe(row.demo);
      }
      const csv = await (await api(`/api/v1${dataset.path}?format=csv&limit=1`)).text();
      expect(csv.split("\r\n")[0]!.split(","), dataset.id).toEqual(expect.arrayContaining(["provenance_kind", "provenance_demo", "provenance_basis"]));
    });
  }

  it("CSV cells are the JSON values (nested objects flattened, arrays as JSON text, figures as published text)", async () => {
    const official = await (await api("/api/v1/statistics/official?format=csv&limit=1")).text();
    const header = official.split("\r\n")[0]!.split(",");
    for (const name of ["metric_zh", "note_zh", "source_title_en", "metric_en", "note_en"]) expect(header).toContain(name);
    const projects = await json(await api("/api/v1/funds/projects?limit=1"));
    const projectCsv = await (await api("/api/v1/funds/projects?format=csv&limit=1")).text();
    expect(projectCsv).toContain(JSON.stringify(projects.data[0].sources).replaceAll('"', '""'));
    const register = await (await api("/api/v1/statistics/register?format=csv&limit=50")).text();
    expect(register.split("\r\n")[0]).toContain(",registered_households,");
    // The fields the journalist found missing (issue 13): all there, from the one definition.
    const headerOf = async (path: string) => (await (await api(`/api/v1${path}${path.includes("?") ? "&" : "?"}format=csv&limit=1`)).text()).split("\r\n")[0]!.split(",");
    expect(await headerOf("/statistics/official")).toEqual(expect.arrayContaining(["source_id", "source_title_zh", "source_title_en", "source_issuer", "source_published_on", "source_url", "source_reference"]));
    expect(await headerOf("/donations")).toEqual(expect.arrayContaining(["recorded_at", "reversed_at", "reversed", "ledger_index"]));
    expect(await headerOf("/notices")).toEqual(expect.arrayContaining(["objections_received", "objections_upheld", "objection_period_state", "status"]));
    expect(await headerOf("/statistics/register")).toEqual(expect.arrayContaining(["release_id", "category_en", "kind"]));
    // The demo register (a synthetic sample) is labelled as such on every row.
    const registerRows = (await json(await api("/api/v1/statistics/register?limit=50"))).data;
    expect(registerRows.length).toBeGreaterThan(0);
    expect(registerRows.every((r: any) => r.provenance.demo === true)).toBe(true);
    // Official figures are not demo, whatever the places below them are.
    const officialRows = (await json(await api("/api/v1/statistics/official?limit=50"))).data;
    expect(officialRows.every((r: any) => r.provenance.kind === "official" && r.provenance.demo === false)).toBe(true);
  });
});
