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
    const iana = (t: string) => ({ "@id": `https://www.iana.org/assignments/media-types/${t}` });
    const [api_, csv, ndjson] = body["dcat:dataset"][0]["dcat:distribution"];
    expect(api_["dcat:mediaType"]).toEqual(iana("application/json"));
    expect(api_["dcat:downloadURL"], "a paged JSON page is not a download").toBeUndefined();
    expect(csv["dcat:mediaType"]).toEqual(iana("text/csv"));
    expect(ndjson["dct:format"]).toBe("application/x-ndjson");
    expect(body["dct:publisher"]["foaf:name"].length).toBe(2);
    expect(body["dcat:contactPoint"]["vcard:hasURL"]["@id"]).toBe("http://portal.test/data/");
    const villages = body["dcat:dataset"].find((d: any) => d["dct:identifier"] === "villages");
    expect(villages["dct:temporal"]["dcat:startDate"]["@value"]).toBe("2014-01-01");
    expect(villages["dct:publisher"]["@id"]).toBe(body["dct:publisher"]["@id"]);
  });

  it("downloadURL is the full streamed export: as many rows as paging through the JSON", async () => {
    const body = await json(await api("/api/v1/catalog.jsonld"));
    const villages = body["dcat:dataset"].find((d: any) => d["dct:identifier"] === "villages");
    const download = new URL(villages["dcat:distribution"][1]["dcat:downloadURL"]["@id"]);
    const rows = (await (await api(download.pathname + download.search)).text()).trim().split("\r\n").length - 1;
    const all = (await json(await api("/api/v1/villages?limit=1000"))).data.length;
    expect(rows).toBeGreaterThan(100);
    expect(rows).toBe(all);
  });
});

describe("GET /api/v1/datasets/{id}/schema.json (Frictionless Table Schema)", () => {
  it("types every CSV column, keeps codes as 12-digit text and declares 1-7 and withheld as missing", async () => {
    const catalogue = (await json(await api("/api/v1/datasets"))).data;
    for (const dataset of catalogue) {
      const url = new URL(dataset.table_schema);
      const res = await api(url.pathname);
      expect(res.status, dataset.id).toBe(200);
      const schema = await json(res);
      expect(schema.fields.map((f: any) => f.name), dataset.id).toEqual(dataset.fields.map((f: any) => f.name));
      expect(schema.missingValues).toEqual(["", "1-7", "withheld"]);
      // The CSV points at it.
      const csv = await api(`/api/v1${dataset.endpoint.replace(/^.*\/api\/v1/, "")}?format=csv&limit=1`);
      expect(csv.headers.get("Link"), dataset.id).toContain(`<${dataset.table_schema}>; rel="describedby"`);
    }
    const villages = await json(await api("/api/v1/datasets/villages/schema.json"));
    const type = (name: string) => villages.fields.find((f: any) => f.name === name);
    expect(type("code")).toMatchObject({ type: "string", constraints: { pattern: "^[0-9]{12}$" } });
    expect(type("exit_year").type).toBe("integer");
    const register = await json(await api("/api/v1/datasets/register_statistics/schema.json"));
    expect(register.fields.find((f: any) => f.name === "registered_households").type).toBe("integer");
    expect((await api("/api/v1/datasets/nope/schema.json")).status).toBe(400);
  });
});
