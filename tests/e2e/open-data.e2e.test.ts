import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, openPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the open-data page's worked examples", () => {
  it("the curl example runs as shown against the API: CSV, Excel CSV with BOM, JSON page, then 304 for an unchanged ETag", async () => {
    const page = await openPage(browser);
    await page.goto("/en/data/");
    const script = await page.locator("h3#example-curl + pre").textContent();
    expect(script).toContain("BASE=http://localhost:8787/api/v1");
    await page.context().close();

    const dir = mkdtempSync(join(tmpdir(), "gongkai-curl-"));
    try {
      const runnable = script!.replace("BASE=http://localhost:8787/api/v1", `BASE=${baseUrl()}/api/v1`);
      const stdout = execFileSync("bash", ["-euo", "pipefail", "-c", runnable], { cwd: dir, encoding: "utf8", timeout: 30_000 });
      // The JSON page is printed as is (no trailing newline), then the status of the ETag request.
      expect(stdout.trimEnd()).toMatch(/\}304$/);
      const page1 = JSON.parse(stdout.slice(0, stdout.trimEnd().length - 3)) as { data: { region: { code: string } }[]; meta: { limit: number } };
      expect(page1.meta.limit).toBe(100);
      expect(page1.data.length).toBeGreaterThan(0);

      const csv = readFileSync(join(dir, "nanling-villages.csv"));
      expect(csv.subarray(0, 4).toString()).toBe("code");
      const excel = readFileSync(join(dir, "nanling-villages-excel.csv"));
      expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(csv);
      expect(text.split("\r\n").slice(1, -1).every((line) => line.includes("南陵县"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names only CSV columns the API really has, in the Python and R examples", async () => {
    const header = (await (await fetch(`${baseUrl()}/api/v1/villages?format=csv&limit=1`)).text()).split("\r\n")[0]!.split(",");
    const page = await openPage(browser);
    await page.goto("/data/");
    for (const id of ["example-python", "example-r"]) {
      const code = (await page.locator(`h3#${id} + pre`).textContent()) ?? "";
      for (const column of ["county_name_zh", "exit_year", "status"]) {
        expect(code, `${id} uses ${column}`).toContain(column);
        expect(header).toContain(column);
      }
      // Column types come from the Table Schema (codes stay text), not from a hand-kept list.
      expect(code).toContain("/schema.json");
      expect(code).toContain("missingValues");
      expect(code).toContain("/statistics/official?region=340200000000&limit=1000");
    }
    await page.context().close();
  });
});
