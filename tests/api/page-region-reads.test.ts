/**
 * One page render reads each region row once (worker/db/render-scope.ts): a village page's
 * API reads all check the village (and the hub its township), and used to read the same row
 * seven times. The sharing lasts one render only: the next render reads again.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPage } from "../../worker/pages";
import { readOncePerRender, renderScopedDb } from "../../worker/db/render-scope";
import { seedFundsOnce } from "../helpers/funds";

const REGION_BY_CODE = /from "regions" where "regions"\."code" = \? limit \?/;

/** The same D1, recording the region code of every single-region read. */
function recordingD1(db: D1Database, codes: string[]): D1Database {
  return new Proxy(db, {
    get(target, key) {
      if (key === "prepare")
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!REGION_BY_CODE.test(sql)) return statement;
          return new Proxy(statement, {
            get(s, k) {
              if (k === "bind")
                return (...params: unknown[]) => {
                  codes.push(String(params[0]));
                  return s.bind(...params);
                };
              const value = Reflect.get(s, k, s);
              return typeof value === "function" ? value.bind(s) : value;
            },
          });
        };
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("a page render reads each region once", () => {
  beforeAll(() => seedFundsOnce());

  it("a village page reads the village's row and its township's once each, and the next render reads them again", async () => {
    const codes: string[] = [];
    const DB = recordingD1(env.DB, codes);
    for (const path of ["/regions/340223101201/", "/en/regions/340223101201/"]) {
      codes.length = 0;
      const res = await renderPage(new Request(`http://portal.test${path}`), { ...env, DB }, undefined, "region-reads");
      expect(res.status).toBe(200);
      await res.text();
      expect(codes.filter((c) => c === "340223101201"), path).toHaveLength(1);
      expect(codes.filter((c) => c === "340223101000"), path).toHaveLength(1);
      expect(new Set(codes).size, `${path}: ${codes.join(", ")}`).toBe(codes.length);
    }
  });

  it("shares a read within a scope only, and forgets a failed one", async () => {
    let reads = 0;
    const read = async () => ++reads;
    const scoped = renderScopedDb(env.DB);
    expect(await Promise.all([readOncePerRender(scoped, "k", read), readOncePerRender(scoped, "k", read)])).toEqual([1, 1]);
    expect(await readOncePerRender(renderScopedDb(env.DB), "k", read)).toBe(2); // another render
    expect(await readOncePerRender(env.DB, "k", read)).toBe(3); // no render: no sharing
    expect(await readOncePerRender(env.DB, "k", read)).toBe(4);
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error("D1 down");
      return "row";
    };
    await expect(readOncePerRender(scoped, "f", flaky)).rejects.toThrow("D1 down");
    fail = false;
    expect(await readOncePerRender(scoped, "f", flaky)).toBe("row");
  });
});
