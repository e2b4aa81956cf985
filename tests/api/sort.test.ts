import { describe, expect, it, beforeAll } from "vitest";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";

beforeAll(seedFundsOnce);

/** Every row of a list in pages of `limit`, following `next`. */
async function all(path: string, limit: number): Promise<any[]> {
  const rows: any[] = [];
  let url: string | null = `${path}${path.includes("?") ? "&" : "?"}limit=${limit}`;
  while (url) {
    const res = await api(url.replace(/^https?:\/\/[^/]+/, ""));
    expect(res.status, url).toBe(200);
    const body: any = await json(res);
    rows.push(...body.data);
    url = body.next;
  }
  return rows;
}

function expectOrdered<T>(rows: T[], value: (row: T) => string | number, id: (row: T) => string, descending: boolean) {
  for (let i = 1; i < rows.length; i++) {
    const a = [value(rows[i - 1]!), id(rows[i - 1]!)] as const;
    const b = [value(rows[i]!), id(rows[i]!)] as const;
    const cmp = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
    expect(descending ? cmp > 0 : cmp < 0, `${JSON.stringify(a)} then ${JSON.stringify(b)}`).toBe(true);
  }
}

describe("sort= on lists, keyset-paged in every order", () => {
  const villageCases: [string, (r: any) => string | number][] = [
    ["name", (r) => r.name_en],
    ["exit_year", (r) => r.exit_year ?? 0],
    ["designated_year", (r) => r.designated_year ?? 0],
    ["code", (r) => r.code],
  ];
  for (const [key, value] of villageCases) {
    for (const descending of [false, true]) {
      const sort = `${descending ? "-" : ""}${key}`;
      it(`villages?county=Nanling&sort=${sort} pages through every village once, in order`, async () => {
        const everything = await all("/api/v1/villages?county=340223000000", 1000);
        const rows = await all(`/api/v1/villages?county=340223000000&sort=${sort}`, 37);
        expect(rows.length).toBe(everything.length);
        expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
        expectOrdered(rows, value, (r) => r.code, descending);
      });
    }
  }

  it("donations?sort=-amount lists the largest gifts first, every one once", async () => {
    const rows = await all("/api/v1/donations?sort=-amount", 13);
    const everything = await all("/api/v1/donations", 1000);
    expect(rows.length).toBe(everything.length);
    expectOrdered(rows, (r) => r.amount_fen, (r) => r.id, true);
  });

  it("donations?sort=-date lists the newest first", async () => {
    const rows = await all("/api/v1/donations?sort=-date", 11);
    expectOrdered(rows, (r) => r.date, (r) => r.id, true);
  });

  for (const [sort, value, descending] of [
    ["name", (r: any) => r.name_en, false],
    ["-year", (r: any) => r.year, true],
    ["-id", (r: any) => r.id, true],
  ] as const) {
    it(`funds/projects?sort=${sort} pages in order`, async () => {
      const rows = await all(`/api/v1/funds/projects?sort=${sort}`, 9);
      const everything = await all("/api/v1/funds/projects", 1000);
      expect(rows.length).toBe(everything.length);
      expectOrdered(rows, value, (r) => r.id, descending);
    });
  }

  for (const [sort, value, descending] of [
    ["closes", (r: any) => r.objection_period.closes_at, false],
    ["-closes", (r: any) => r.objection_period.closes_at, true],
    ["published", (r: any) => r.published_at, false],
    ["-published", (r: any) => r.published_at, true],
  ] as const) {
    it(`notices?sort=${sort} pages through every published notice once, in order`, async () => {
      const rows = await all(`/api/v1/notices?sort=${sort}`, 3);
      const everything = await all("/api/v1/notices", 1000);
      expect(rows.length).toBe(everything.length);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expectOrdered(rows, value, (r) => r.id, descending);
    });
  }

  it("notices without sort keep newest first (as -published)", async () => {
    const plain = await all("/api/v1/notices", 1000);
    const sorted = await all("/api/v1/notices?sort=-published", 1000);
    expect(plain.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });

  for (const [sort, value, descending] of [
    ["-year", (r: any) => r.year, true],
    ["year", (r: any) => r.year, false],
    ["-value", (r: any) => r.value, true],
    ["-id", (r: any) => r.id, true],
  ] as const) {
    it(`statistics/official?sort=${sort} pages in order, every figure once`, async () => {
      const rows = await all(`/api/v1/statistics/official?sort=${sort}`, 7);
      const everything = await all("/api/v1/statistics/official", 1000);
      expect(rows.length).toBe(everything.length);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expectOrdered(rows, value, (r) => r.id, descending);
    });
  }

  it("statistics/official?metric&sort=-value lists the largest announced figures of a metric first", async () => {
    const rows = await all("/api/v1/statistics/official?metric=exited_people&sort=-value", 2);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((r) => r.metric === "exited_people")).toBe(true);
    expectOrdered(rows, (r) => r.value, (r) => r.id, true);
  });

  for (const path of ["/api/v1/villages?sort=population", "/api/v1/donations?sort=donor", "/api/v1/funds/projects?sort=budget", "/api/v1/villages?sort=--name", "/api/v1/notices?sort=title", "/api/v1/statistics/official?sort=metric"]) {
    it(`refuses an unknown sort key: ${path}`, async () => {
      const res = await api(path);
      expect(res.status).toBe(400);
      const body: any = await json(res);
      expect(body.error.details[0].path).toBe("query.sort");
      expect(body.error.details[0].message).toContain("must be one of");
    });
  }
});
