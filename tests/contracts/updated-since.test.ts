import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";

// Every catalogue dataset either takes `updated_since=` (its rows carry updated_at and come in
// change order, with meta.poll_since) or says in the catalogue why not and how to stay in sync
// instead. Read from /api/v1/datasets, so a dataset added later is covered without editing this.

type Dataset = { id: string; endpoint: string; fields: { name: string }[]; sync: { updated_since: boolean; instead: string | null } };

beforeAll(seedOnce);

describe("updated_since= across the catalogue", () => {
  it("each dataset takes it (updated_at on every row, change order) or documents how to sync instead (and refuses it by name)", async () => {
    const datasets = (await json(await api("/api/v1/datasets"))).data as Dataset[];
    expect(datasets.length).toBeGreaterThan(10);
    const supported = datasets.filter((d) => d.sync.updated_since).map((d) => d.id);
    expect(supported).toEqual(expect.arrayContaining(["regions", "villages", "official_figures", "register_statistics", "fund_projects", "donations", "notices", "needs", "accountability", "contacts"]));
    for (const d of datasets) {
      const path = new URL(d.endpoint).pathname;
      const res = await api(`${path}?updated_since=1970-01-01T00:00:00Z&limit=2`);
      if (d.sync.updated_since) {
        expect(res.status, d.id).toBe(200);
        const body = await json(res);
        expect(typeof body.meta.poll_since, d.id).toBe("string");
        // Register statistics change a release at a time (release_id on every row); the others carry updated_at.
        if (d.id !== "register_statistics") expect(d.fields.map((f) => f.name), d.id).toContain("updated_at");
        expect(d.sync.instead, d.id).toBeNull();
      } else {
        expect(res.status, d.id).toBe(400);
        expect((await json(res)).error.details.map((x: { path: string }) => x.path), d.id).toContain("query.updated_since");
        expect(d.sync.instead?.length ?? 0, d.id).toBeGreaterThan(20);
      }
    }
  });
});
