import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { SITEVERIFY_URL } from "../../worker/lib/turnstile";
import { api, json, ORIGIN, seedOnce } from "../helpers/api";
import { countRows, createNotice, postHeaders } from "../helpers/notices";

const TONGREN = "520600000000";
const report = { category: "fund_misuse", region: TONGREN, text: "村里的扶贫资金被挪用修建了办公楼。" };

// Cloudflare's documented Turnstile test secrets (toolchain.md).
const PASSING_SECRET = "1x0000000000000000000000000000000AA";
const FAILING_SECRET = "2x0000000000000000000000000000000AA";

beforeAll(seedOnce);
afterEach(() => vi.restoreAllMocks());

describe("rate limiting of public POSTs", () => {
  it("answers 429 in the error shape with Retry-After once a client exceeds the limit", async () => {
    const client = "203.0.113.77";
    const statuses: number[] = [];
    let limited: Response | undefined;
    // The limiter counts in fixed 60-second windows: if one ends mid-loop the count restarts, so
    // loop until refused and check that at least the configured 20 got through first.
    for (let i = 0; i < 45 && !limited; i++) {
      // Invalid bodies: the limiter runs before parsing, so floods of junk are damped too.
      const res = await api("/api/v1/reports", { method: "POST", headers: postHeaders(undefined, client), body: "{}" });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
    expect(limited!.headers.get("Retry-After")).toBe("60");
    const { error } = await json(limited!);
    expect(error).toMatchObject({ code: "rate_limited", details: [] });
    expect(error.request_id).toBeTruthy();
    // Another client is not affected.
    const other = await api("/api/v1/reports", { method: "POST", headers: postHeaders(undefined, "203.0.113.78"), body: "{}" });
    expect(other.status).toBe(400);
  });

  it("limits objections the same way, and stores no client address anywhere", async () => {
    const id = await createNotice({ regionCode: TONGREN });
    const client = "203.0.113.90";
    const statuses: number[] = [];
    for (let i = 0; i < 45 && statuses.at(-1) !== 429; i++) {
      statuses.push((await api(`/api/v1/notices/${id}/objections`, { method: "POST", headers: postHeaders("2026-11-21T00:00:00Z", client), body: JSON.stringify({ text: `第${i}条异议：名单有误。` }) })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(20);
    const dump = await env.DB.prepare("SELECT group_concat(text || coalesce(contact, '') || receipt_hash) AS all_text FROM objections").first<{ all_text: string }>();
    expect(dump!.all_text).not.toContain("203.0.113");
  });
});

describe("the test clock", () => {
  it("ignores x-test-now outside the test environment, so nobody can move a deployment's clock", async () => {
    const id = await createNotice({ regionCode: TONGREN }); // period 2026-11-20 … 2026-11-26
    const send = (environment: string) =>
      worker.fetch(
        new Request(`${ORIGIN}/api/v1/notices/${id}`, { headers: { "x-test-now": "2026-11-22T00:00:00Z" } }),
        { ...env, ENVIRONMENT: environment },
        createExecutionContext(),
      );
    const frozen = (await json(await send("test"))).data;
    expect(frozen.objection_period.state).toBe("open");
    const real = (await json(await send("production"))).data;
    const expected = Date.now() < Date.parse("2026-11-19T16:00:00Z") ? "upcoming" : Date.now() < Date.parse("2026-11-26T16:00:00Z") ? "open" : "ended";
    expect(real.objection_period.state).toBe(expected);
    // The header only matters when it can change the answer: check it does with a far-future instant.
    const far = await worker.fetch(new Request(`${ORIGIN}/api/v1/notices/${id}`, { headers: { "x-test-now": "2099-01-01T00:00:00Z" } }), { ...env, ENVIRONMENT: "production" }, createExecutionContext());
    expect((await json(far)).data.objection_period.state).toBe(expected);
  });
});

describe("Turnstile (switched on by configuration)", () => {
  /** Calls the Worker's entry point with Turnstile configuration switched on. */
  async function withTurnstile(secret: string, body: unknown, client: string) {
    const siteverify = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url !== SITEVERIFY_URL) throw new Error(`unexpected outside call to ${url}`);
      // Cloudflare's documented behaviour of its test secrets: 1x… always passes, 2x… always fails.
      const form = init?.body as FormData;
      const pass = form.get("secret") === PASSING_SECRET && typeof form.get("response") === "string";
      return Response.json(pass ? { success: true, "error-codes": [] } : { success: false, "error-codes": ["invalid-input-response"] });
    });
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/v1/reports`, { method: "POST", headers: postHeaders(undefined, client), body: JSON.stringify(body) }),
      { ...env, TURNSTILE_ENABLED: "true", TURNSTILE_SECRET: secret },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return { res, siteverify };
  }

  it("is off by default: no token needed and no outside call", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const res = await api("/api/v1/reports", { method: "POST", headers: postHeaders(), body: JSON.stringify(report) });
    expect(res.status).toBe(201);
    expect(spy).not.toHaveBeenCalled();
  });

  it("accepts a report whose token siteverify passes (test secret 1x…AA)", async () => {
    const before = await countRows("reports");
    const { res, siteverify } = await withTurnstile(PASSING_SECRET, { ...report, turnstile_token: "XXXX.DUMMY.TOKEN.XXXX" }, "198.18.0.1");
    expect(res.status).toBe(201);
    expect(siteverify).toHaveBeenCalledTimes(1);
    const form = siteverify.mock.calls[0]![1]!.body as FormData;
    expect(form.get("response")).toBe("XXXX.DUMMY.TOKEN.XXXX");
    // The client's address is not passed on to Cloudflare either.
    expect(form.get("remoteip")).toBeNull();
    expect(await countRows("reports")).toBe(before + 1);
  });

  it("refuses with 403 when siteverify fails (test secret 2x…AA), storing nothing", async () => {
    const before = await countRows("reports");
    const { res } = await withTurnstile(FAILING_SECRET, { ...report, turnstile_token: "XXXX.DUMMY.TOKEN.XXXX" }, "198.18.0.2");
    expect(res.status).toBe(403);
    expect((await json(res)).error).toMatchObject({ code: "captcha_failed", details: [{ path: "body.turnstile_token" }] });
    expect(await countRows("reports")).toBe(before);
  });

  it("refuses a missing token with 400 without calling siteverify", async () => {
    const { res, siteverify } = await withTurnstile(PASSING_SECRET, report, "198.18.0.3");
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("body.turnstile_token");
    expect(siteverify).not.toHaveBeenCalled();
  });
});
