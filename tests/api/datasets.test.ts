import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

describe("GET /api/v1/datasets", () => {
  it("describes every dataset with licence, version, fields and working download links", async () => {
    const body = await json(await api("/api/v1/datasets"));
    expect(body.meta.count).toBe(body.data.length);
    for (const dataset of body.data) {
      expect(dataset.licence.id).toBe("CC-BY-4.0");
      expect(dataset.version).toBeGreaterThanOrEqual(1);
      expect(dataset.fields.length).toBeGreaterThan(0);
      const csv = await api(new URL(dataset.downloads.csv).pathname + new URL(dataset.downloads.csv).search + "&limit=5");
      expect(csv.status, dataset.id).toBe(200);
      const header = (await csv.text()).split("\r\n")[0]!.split(",");
      expect(header, `${dataset.id} CSV columns match its field dictionary`).toEqual(dataset.fields.map((f: any) => f.name));
    }
  });

  it("rejects unknown parameters", async () => {
    expect((await api("/api/v1/datasets?x=1")).status).toBe(400);
  });
});

describe("GET /api/v1/catalog.jsonld", () => {
  it("is a DCAT catalogue listing every dataset with its distributions", async () => {
    const res = await api("/api/v1/catalog.jsonld");
    expect(res.headers.get("Content-Type")).toContain("application/ld+json");
    const body = await json(res);
    const datasets = await json(await api("/api/v1/datasets"));
    expect(body["@type"]).toBe("dcat:Catalog");
    expect(body["dcat:dataset"].map((d: any) => d["dct:identifier"])).toEqual(datasets.data.map((d: any) => d.id));
    expect(body["dcat:dataset"][0]["dcat:distribution"].map((d: any) => d["dcat:mediaType"])).toEqual(["application/json", "text/csv", "application/x-ndjson"]);
  });
});
