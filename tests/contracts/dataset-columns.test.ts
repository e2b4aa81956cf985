import { beforeAll, describe, expect, it } from "vitest";
import { DATASETS } from "../../worker/domain/datasets";
import { flatFields, type FlatField } from "../../worker/lib/dataset-fields";
import { DATASET_SCHEMAS } from "../../worker/schemas/datasets";
import { api, json } from "../helpers/api";
import { seedNeedsOnce } from "../helpers/needs";

// Dataset columns come from one definition (the JSON item's zod schema): for every
// catalogue dataset, the JSON fields, the CSV columns, the NDJSON fields and the field
// dictionary must be the same list (nested objects flattened as `<parent>_<child>`,
// documented in lib/dataset-fields.ts and the README).

beforeAll(seedNeedsOnce);

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
  });
});
