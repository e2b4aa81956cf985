/**
 * `npm run disclosure-check` reads the outputs of issue 15's public processes (needs,
 * accountability, contacts; issue 12's leftover): their lists (JSON, CSV, NDJSON, page by
 * page), their stats, each need and case by the
 * ids the lists published, and the needs' and cases' pages in both languages — the lists, later
 * pages and each record's page — however far they are from the home page. A need whose text
 * carries a name is caught by the check, naming the need's API output and its page; the demo
 * register's canary household (ID number, register number, pseudonym) is in none of these
 * outputs. (The monitoring outputs: tests/api/monitoring.test.ts, "disclosure of the monitoring
 * outputs".)
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";
import { runDisclosureCheck } from "../../scripts/disclosure/run";
import type { PublishedOutput } from "../../worker/domain/disclosure/release-gate";
import { CANARY } from "../../worker/demo/register";
import { api } from "../helpers/api";
import { seedNeedsOnce } from "../helpers/needs";

// Not /monitoring: its figures are the register statistics, and the joint attacker over them
// takes minutes here; tests/api/monitoring.test.ts runs the gate, the canary and the attacker on them.
const PROCESSES = /^\/api\/v1\/(needs|accountability|contacts)(\/|\?|$)/;
/** A name planted in one need's published text, as a clerk might have typed it. */
const PLANTED = "甄金雀";
let outputs: PublishedOutput[];
let err: string[];
let exitCode: number;
let plantedNeed: string;

beforeAll(async () => {
  await seedNeedsOnce();
  plantedNeed = (await env.DB.prepare("SELECT id FROM needs WHERE status = 'open' ORDER BY id LIMIT 1").first<string>("id"))!;
  await env.DB.prepare("DROP TRIGGER IF EXISTS needs_no_update").run().catch(() => undefined);
  await env.DB.prepare("UPDATE needs SET description = description || ?1 WHERE id = ?2").bind(`（联系${PLANTED}）`, plantedNeed).run();
  err = [];
  const pseudonyms = await env.DB.prepare("SELECT pseudonym FROM register_households").all<{ pseudonym: string }>();
  const run = await runDisclosureCheck({
    get: (path) => api(path),
    highs: await highsSolver(),
    gate: { forbidden: [PLANTED, CANARY.name, CANARY.idNumber, CANARY.registerNo], pseudonyms: new Set(pseudonyms.results.map((r) => r.pseudonym)) },
    // The processes' endpoints and pages only; the whole crawl is the gate test's.
    scope: { pathValues: 3, maxPages: 0, processPages: 3, only: (path) => PROCESSES.test(path) },
    out: () => undefined,
    err: (line) => err.push(line),
  });
  outputs = run.outputs;
  exitCode = run.exitCode;
}, 300_000);

describe("disclosure-check reads needs, accountability and contacts", () => {
  it("reads their lists in every format, their stats, and each need and case the lists published", () => {
    const sources = outputs.map((o) => o.source);
    for (const list of ["/api/v1/needs", "/api/v1/accountability/cases"]) {
      for (const format of ["json", "csv", "ndjson"]) {
        expect(outputs.some((o) => o.source.startsWith(`${list}?`) && o.format === format), `${list} ${format}`).toBe(true);
      }
    }
    expect(sources.some((s) => s.startsWith("/api/v1/needs/stats"))).toBe(true);
    expect(sources.some((s) => s.startsWith("/api/v1/accountability/stats"))).toBe(true);
    expect(sources.filter((s) => /^\/api\/v1\/needs\/ned_[0-9a-z]+$/.test(s)).length).toBeGreaterThan(0);
    expect(sources.filter((s) => /^\/api\/v1\/accountability\/cases\/acc_[0-9a-z]+$/.test(s)).length).toBeGreaterThan(0);
    for (const format of ["json", "csv", "ndjson"]) {
      expect(outputs.some((o) => o.source.startsWith("/api/v1/contacts?") && o.format === format), `contacts ${format}`).toBe(true);
    }
    // Never a pledge receipt: it is private to the pledger and no list publishes one.
    expect(sources.some((s) => s.startsWith("/api/v1/pledges/"))).toBe(false);
  });

  it("reads their pages in both languages: the lists, a later page, and each record's page", () => {
    const pages = outputs.filter((o) => o.format === "html").map((o) => o.source);
    for (const prefix of ["", "/en"]) {
      expect(pages, prefix).toContain(`${prefix}/needs/`);
      expect(pages, prefix).toContain(`${prefix}/accountability/`);
      expect(pages.some((p) => p.startsWith(`${prefix}/needs/?`) && p.includes("cursor=")), `${prefix} later needs page`).toBe(true);
      expect(pages.some((p) => new RegExp(`^${prefix}/needs/ned_[0-9a-z]+/$`).test(p)), `${prefix} need page`).toBe(true);
      expect(pages.some((p) => new RegExp(`^${prefix}/accountability/acc_[0-9a-z]+/$`).test(p)), `${prefix} case page`).toBe(true);
    }
    expect(pages).toContain(`/needs/${plantedNeed}/`);
  });

  it("fails on a name in a need's text, naming the API output and the page", () => {
    expect(exitCode).toBe(1);
    const text = err.join("\n");
    expect(text).toContain(`/api/v1/needs/${plantedNeed}`);
    expect(text).toContain(`/needs/${plantedNeed}/`);
  });

  it("finds nothing else: no canary household, no pseudonym, no rule broken", () => {
    const violations = err.filter((line) => line.startsWith("  "));
    expect(violations.length).toBeGreaterThan(0);
    // Every violation is the planted name (in the outputs that list the planted need), which
    // the checker describes by its length and first character, never in full.
    const planted = `a forbidden string appears (${PLANTED.length} characters, starting ${JSON.stringify(PLANTED.slice(0, 1))})`;
    for (const line of violations) {
      expect(line).toContain(planted);
      // …and only in the needs' outputs (the planted need, or a list or page that lists it).
      expect(line).toMatch(/^ {2}R1 {2}(\/en)?\/(api\/v1\/)?needs[/?]/);
    }
  });
});
