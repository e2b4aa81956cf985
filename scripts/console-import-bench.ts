/**
 * Measures a whole county's register (200,000 households, ~20 MB) through the console's
 * import path, locally: the portal as `npm start` serves it (wrangler dev, local D1, R2 and
 * Queue), a county editor's session, the multipart upload streamed to R2, the background
 * check and staging (queue steps), the dry run's answer and the confirmation batch. Prints
 * the time of each phase and the peak resident memory of the portal's workerd processes
 * (sampled every 200 ms: the whole runtime, an upper bound on the Worker's own heap).
 *
 *   npx tsx scripts/console-import-bench.ts [households]   (default 200000; a few minutes)
 *
 * Not part of `npm test`. Its database is its own (.wrangler/bench-console-import), fresh
 * each run.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { staffPasskeys } from "../worker/auth/schema";
import { newSession } from "../worker/auth/sessions";
import { inviteStaff } from "../worker/auth/staff";
import { auditEntry } from "../worker/admin/audit";
import { base64url, randomBytes, sha256Hex } from "../worker/domain/secure-random";
import { systemActor } from "../worker/writes/plan";
import { withLocalDb } from "./local-db";
import { startPortal } from "./portal";

const PERSIST = ".wrangler/bench-console-import";
const COUNTY = "340223000000";
const YEAR = 2019;
const HOUSEHOLDS = Number(process.argv[2] ?? 200_000);
const CAUSES = ["illness", "disability", "schooling", "disaster", "lack_of_labour", "lack_of_capital", "lack_of_skills", "lack_of_land", "lack_of_water", "poor_transport", "lack_of_motivation", "other"];
const MEASURES = ["industry", "employment", "health", "education", "housing", "safety_net", "relocation", "solar", "microcredit", "ecological"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";

function registerFile(villages: string[]): string {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const rows = ["register_no,name,id_number,village_code,household_size,cause,measures,identified_year,exit_year,returned_year,monitoring"];
  for (let i = 1; i <= HOUSEHOLDS; i++) {
    const village = villages[i % villages.length]!;
    const identified = 2014 + next(5);
    const exited = next(3) > 0 ? Math.min(YEAR, identified + 1 + next(4)) : null;
    const measures = [MEASURES[next(10)], MEASURES[next(10)]].filter((m, k, all) => all.indexOf(m) === k).join(";");
    const name = `${SURNAMES[next(SURNAMES.length)]}某某`;
    rows.push(`${village}-${String(i).padStart(6, "0")},${name},,${village},${1 + next(6)},${CAUSES[next(12)]},${measures},${identified},${exited ?? ""},,${next(30) === 0 ? "monitored" : "none"}`);
  }
  return rows.join("\r\n") + "\r\n";
}

/** Resident memory (kB) of each of the portal's workerd processes (descendants of this one). */
function listPids(): number[] {
  const rss: number[] = [];
  for (const entry of readdirSafe("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      if (comm !== "workerd") continue;
      let pid = Number(entry);
      let ours = false;
      for (let hops = 0; hops < 12 && pid > 1; hops++) {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (pid === process.pid) {
          ours = true;
          break;
        }
      }
      if (!ours) continue;
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      rss.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // gone meanwhile
    }
  }
  return rss;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

async function main() {
  rmSync(PERSIST, { recursive: true, force: true });
  console.log("Starting the portal (builds the site, loads the demo: minutes)…");
  const portal = await startPortal({ persistTo: PERSIST });
  process.env.GONGKAI_PERSIST_TO = PERSIST;
  try {
    const villages = ((await (await fetch(`${portal.baseUrl}/api/v1/villages?county=${COUNTY}&limit=1000`)).json()) as { data: { code: string }[] }).data.map((v) => v.code);
    const now = new Date();
    const who = await withLocalDb(async (db, d1) => {
      const plan = await inviteStaff({ actor: systemActor("bench"), now, db }, { name: "Bench editor", role: "editor", region: COUNTY });
      const passkeyId = base64url(randomBytes(32));
      const session = await newSession(db, { staffId: plan.body.staff.id, passkeyId, now });
      await db.batch([...(plan.statements as [never]), auditEntry(db, "bench", plan.audit!, now), db.insert(staffPasskeys).values({ id: passkeyId, staffId: plan.body.staff.id, publicKey: "AA", createdAt: now.toISOString() }), session.statement]);
      const row = await d1.prepare("SELECT csrf_token FROM staff_sessions WHERE id_hash = ?").bind(await sha256Hex(session.secret)).first<{ csrf_token: string }>();
      return { cookie: `__Host-gk_session=${session.secret}`, csrf: row!.csrf_token };
    });
    const csv = registerFile(villages);
    const bytes = Buffer.byteLength(csv);
    console.log(`File: ${HOUSEHOLDS} households in ${villages.length} villages, ${(bytes / 1024 / 1024).toFixed(1)} MB`);

    let peakKb = 0;
    const baseline = listPids().reduce((a, b) => a + b, 0);
    const sampler = setInterval(() => {
      peakKb = Math.max(peakKb, listPids().reduce((a, b) => a + b, 0));
    }, 200);
    const headers = { Cookie: who.cookie, "Sec-Fetch-Site": "same-origin", Origin: "null" };
    const form = new FormData();
    form.set("csrf_token", who.csrf);
    form.set("idempotency_key", `bench-${crypto.randomUUID()}`);
    form.set("year", String(YEAR));
    form.set("region", COUNTY);
    form.set("file", new Blob([csv], { type: "text/csv" }), "county.csv");
    const t0 = performance.now();
    const uploaded = await fetch(`${portal.baseUrl}/admin/imports`, { method: "POST", body: form, headers, redirect: "manual" });
    const t1 = performance.now();
    const location = uploaded.headers.get("Location");
    if (uploaded.status !== 303 || !location) throw new Error(`upload answered ${uploaded.status}: ${(await uploaded.text()).slice(0, 500)}`);
    console.log(`Upload (streamed to R2): ${((t1 - t0) / 1000).toFixed(1)} s`);

    let status = "checking";
    let lastProgress = "";
    while (status === "checking") {
      await new Promise((r) => setTimeout(r, 1000));
      const html = await (await fetch(`${portal.baseUrl}${location}`, { headers })).text();
      status = /data-status="(\w+)"/.exec(html)?.[1] ?? "?";
      const progress = /(\d+)% ·/.exec(html)?.[1];
      if (progress && progress !== lastProgress) process.stdout.write(`${progress}% `);
      lastProgress = progress ?? lastProgress;
    }
    const t2 = performance.now();
    console.log(`\nCheck and staging in the background: ${((t2 - t1) / 1000).toFixed(1)} s → ${status}`);
    if (status !== "checked") {
      const html = await (await fetch(`${portal.baseUrl}${location}`, { headers })).text();
      throw new Error(`the import ended ${status}: ${html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(-1500)}`);
    }

    const confirm = await fetch(`${portal.baseUrl}${location}/confirm`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf_token: who.csrf, idempotency_key: `bench-${crypto.randomUUID()}` }),
      redirect: "manual",
    });
    const t3 = performance.now();
    clearInterval(sampler);
    if (confirm.status !== 303) throw new Error(`confirm answered ${confirm.status}`);
    console.log(`Confirmation (one activation batch): ${((t3 - t2) / 1000).toFixed(1)} s`);
    const stats = (await (await fetch(`${portal.baseUrl}/api/v1/statistics/register?region=${COUNTY}&year=${YEAR}&level=village&limit=1000`)).json()) as { data: unknown[] };
    console.log(`Published: ${stats.data.length} village rows of ${YEAR} now public`);
    console.log(`Total: ${((t3 - t0) / 1000).toFixed(1)} s; workerd resident memory: ${(baseline / 1024).toFixed(0)} MB before, peak ${(peakKb / 1024).toFixed(0)} MB`);
  } finally {
    await portal.stop();
  }
}

await main();
