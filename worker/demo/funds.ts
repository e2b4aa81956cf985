/**
 * Demo funds and donations in the spirit of the source reports: Wuhu's 370 million yuan
 * of municipal funds over 2017–2018 and 40.23 million yuan of targeted donations through
 * the charity federation, and Tongren's Suzhou east–west pairing projects. Everything is
 * written through the same functions as the admin API (worker/writes/), so every
 * money event is in the ledger with a signed head, exactly as a real write would be.
 *
 * Writes are replayed in date order and grouped into batches. Each write reads the records
 * it checks from MemoryRecords, fed with the after-images of the writes before it, so it
 * validates against the data as it stands even while earlier writes wait in the batch.
 */
import { and, between, eq, ne, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import type { LedgerTip } from "../db/queries/ledger";
import { regions, villageStatus } from "../db/schema";
import { newId, type IdPrefix } from "../domain/funds/ids";
import type { AssistanceMeasure, DonationChannel, FundSource } from "../domain/funds/vocabulary";
import { importSigningKey, type LedgerKey } from "../domain/ledger";
import { descendantRange } from "../domain/region-codes";
import { allocateDonation } from "../writes/donation-allocations";
import { recordDonation, type DonationInput } from "../writes/donations";
import { allocateFunds } from "../writes/fund-allocations";
import { disburseFunds } from "../writes/disbursements";
import { MemoryRecords, type FundsContext, type FundsPlan, type RegionRecord } from "../writes/funds-context";
import { DEMO_ACTOR, demoAudit } from "./audit";
import { changeProjectStatus, createProject } from "../writes/projects";
import { reverseEntry } from "../writes/reversals";
import { PLACES } from "./official-figures";
import type { Random } from "./random";

const YUAN = 100;
/** Wuhu municipal funds 2017–2018 (source 000): 370 million yuan. */
export const WUHU_MUNICIPAL_FEN = 370_000_000 * YUAN;
/** Wuhu targeted donations (source 000): 40.23 million yuan. */
export const WUHU_DONATIONS_FEN = 40_230_000 * YUAN;

const WUHU_PROJECTS = 96;
const TONGREN_PROJECTS = 36;
const WUHU_DONATIONS = 420;

const CATEGORY_NAMES: Record<AssistanceMeasure, [string, string]> = {
  industry: ["特色种养产业项目", "specialty farming project"],
  employment: ["扶贫车间就业项目", "poverty-alleviation workshop"],
  relocation: ["易地搬迁安置点配套", "relocation site facilities"],
  education: ["教育资助项目", "school support project"],
  health: ["村卫生室建设", "village clinic"],
  ecological: ["生态护林员项目", "forest ranger posts"],
  safety_net: ["兜底保障项目", "safety-net support"],
  housing: ["危房改造项目", "housing repair project"],
  solar: ["村级光伏电站", "village solar plant"],
  microcredit: ["小额信贷贴息", "microcredit interest subsidy"],
};
const WUHU_CATEGORIES: AssistanceMeasure[] = ["industry", "industry", "industry", "employment", "housing", "solar", "health", "education", "microcredit", "ecological"];
const TONGREN_CATEGORIES: AssistanceMeasure[] = ["industry", "industry", "employment", "relocation", "education", "health"];

interface Place {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Splits `total` into `parts` positive integers with random weights, summing exactly. */
function split(random: Random, total: number, parts: number, unit = 1): number[] {
  const weights = Array.from({ length: parts }, () => 0.3 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.max(unit, Math.floor((total * w) / sum / unit) * unit));
  out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");
function dateIn(random: Random, year: number, fromMonth: number, toMonth: number): string {
  const month = random.int(fromMonth, toMonth);
  return `${year}-${pad(month)}-${pad(random.int(1, 28))}`;
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const minDate = (a: string, b: string) => (a < b ? a : b);

type Event = { date: string; order: number; touches: string[]; run: (ctx: FundsContext) => Promise<FundsPlan> };

export interface FundsSeedResult {
  projects: number;
  donations: number;
  ledgerEntries: number;
}

/**
 * Seeds the funds demo. `signingKey` is the ledger's LEDGER_SIGNING_KEY, so the demo's
 * heads verify against the key the portal publishes.
 */
/** Runs a group of statements atomically; the default is one D1 batch. */
export type StatementRunner = (statements: BatchItem<"sqlite">[]) => Promise<void>;

export async function seedFunds(db: Db, random: Random, signingKey: string, runStatements?: StatementRunner, loadedAt = new Date()): Promise<FundsSeedResult> {
  const key = await importSigningKey(signingKey);
  const ids = (prefix: IdPrefix) => newId(prefix, () => Uint8Array.from({ length: 10 }, () => random.int(0, 255)));
  const poorVillages = await loadPoorVillages(db);
  const tongren: Place = { code: PLACES.tongren, nameZh: "铜仁市", nameEn: "Tongren" };

  const events: Event[] = [];
  let order = 0;
  const at = (date: string, touches: string[], run: Event["run"]) => events.push({ date, order: order++, touches, run });
  const projectIds: { id: string; region: string; year: number; category: AssistanceMeasure }[] = [];

  // Project ids come from the write itself; events for a project look them up when they run.
  const planProject = (place: Place, year: number, category: AssistanceMeasure, budget: { source: FundSource; amount_fen: number }[], fundingShare: number, cancelled = false) => {
    const fate = cancelled ? 0 : 0.04 + random.next() * 0.96;
    const slot: { id?: string; key: string; cancelled: boolean } = { key: `p${order}`, cancelled };
    const [nameZh, nameEn] = CATEGORY_NAMES[category];
    const created = dateIn(random, year, 1, 2);
    const plannedStart = addDays(created, random.int(30, 90));
    const plannedCompletion = addDays(plannedStart, random.int(120, 300));
    const households = random.next() < 0.15 ? random.int(2, 7) : random.int(8, 320);
    const key = slot.key;
    at(created, [key], async (ctx) => {
      const write = await createProject(ctx, {
        name_zh: `${place.nameZh}${nameZh}（演示）`,
        name_en: `${place.nameEn} ${nameEn} (demo)`,
        region_code: place.code,
        category,
        year,
        planned_start: plannedStart,
        planned_completion: plannedCompletion,
        beneficiary_households: households,
        budget,
        demo: true,
      });
      slot.id = write.audit.targetId!;
      projectIds.push({ id: write.audit.targetId!, region: place.code, year, category });
      return write;
    });
    const projectId = () => slot.id!;
    // Life cycle first, because money follows it: funds are allocated to a project once it
    // is filed in the project library (a few are funded while still unfiled, which is what
    // the filing rate catches), and nothing is paid out before the project has started.
    const filedOn = addDays(created, random.int(3, 20));
    const stage = slot.cancelled ? "cancelled" : fate < 0.09 ? "planned" : fate < 0.17 ? "filed" : "started";
    const started = addDays(plannedStart, random.int(-10, 40));
    if (slot.cancelled) {
      at(addDays(created, 25), [key], (ctx) => changeProjectStatus(ctx, projectId(), { status: "cancelled", date: addDays(created, 25) }));
      return slot;
    }
    if (stage !== "planned") at(filedOn, [key], (ctx) => changeProjectStatus(ctx, projectId(), { status: "filed", date: filedOn }));
    if (stage === "started") {
      at(started, [key], (ctx) => changeProjectStatus(ctx, projectId(), { status: "started", date: started }));
      const completeChance = year <= 2017 ? 0.9 : 0.65;
      if (random.next() < completeChance) {
        const completed = minDate(addDays(started, random.int(90, 320)), `${year + 1}-12-25`);
        at(completed, [key], (ctx) => changeProjectStatus(ctx, projectId(), { status: "completed", date: completed }));
      }
    }
    // Funds arrive in one to three tranches per source; once the project has started they
    // go out in disbursements.
    for (const line of budget) {
      const allocated = Math.floor((line.amount_fen * fundingShare) / YUAN) * YUAN;
      if (allocated <= 0) continue;
      const tranches = split(random, allocated, random.int(1, 3), YUAN);
      let date = addDays(stage === "planned" ? created : filedOn, random.int(5, 40));
      for (const amount of tranches) {
        const allocationDate = date;
        at(allocationDate, [key], (ctx) =>
          allocateFunds(ctx, { project_id: projectId(), source: line.source, date: allocationDate, amount_fen: amount, document_no: `${place.nameZh.slice(0, 2)}财农〔${year}〕${random.int(10, 199)}号` }),
        );
        date = addDays(date, random.int(30, 120));
        if (stage !== "started") continue;
        const share = random.next() < 0.2 ? 0.5 + random.next() * 0.4 : 1;
        const paid = Math.floor((amount * share) / YUAN) * YUAN;
        const parts = split(random, paid, random.int(1, 3), YUAN);
        let payDate = addDays(allocationDate > started ? allocationDate : started, random.int(10, 60));
        for (const part of parts) {
          const payOn = minDate(payDate, `${year + 1}-12-20`);
          const receipted = random.next() < 0.7 ? part : Math.floor((part * (0.4 + random.next() * 0.5)) / YUAN) * YUAN;
          at(payOn, [key], (ctx) =>
            disburseFunds(ctx, { project_id: projectId(), source: line.source, date: payOn, amount_fen: part, receipted_fen: receipted, document_no: `拨付〔${year}〕${random.int(100, 999)}号` }),
          );
          payDate = addDays(payDate, random.int(20, 90));
        }
      }
    }
    return slot;
  };

  // Wuhu: 370 million yuan of municipal funds over 2017–2018, all allocated, with county
  // co-funding on a third of the projects.
  // A few projects are cancelled before any money moves: they keep a county budget only.
  const cancelled = Array.from({ length: WUHU_PROJECTS }, () => random.next() < 0.04);
  const municipal = split(random, WUHU_MUNICIPAL_FEN, cancelled.filter((c) => !c).length, 10_000 * YUAN);
  let funded = 0;
  const wuhuProjects: { slot: { id?: string; key: string; cancelled: boolean }; place: Place; created: number }[] = [];
  for (let i = 0; i < WUHU_PROJECTS; i++) {
    const place = poorVillages[i % poorVillages.length]!;
    const year = i < WUHU_PROJECTS / 2 ? 2017 : 2018;
    const budget: { source: FundSource; amount_fen: number }[] = cancelled[i] ? [] : [{ source: "municipal", amount_fen: municipal[funded++]! }];
    if (cancelled[i] || random.next() < 0.33) budget.push({ source: "county", amount_fen: random.int(20, 300) * 10_000 * YUAN });
    if (random.next() < 0.15) budget.push({ source: "social", amount_fen: random.int(5, 50) * 10_000 * YUAN });
    const slot = planProject(place, year, random.pick(WUHU_CATEGORIES), budget, 1, cancelled[i]);
    if (!slot.cancelled) wuhuProjects.push({ slot, place, created: year });
  }
  // Tongren: Suzhou east–west pairing projects (source 004), 2019, some still being paid.
  for (let i = 0; i < TONGREN_PROJECTS; i++) {
    const budget: { source: FundSource; amount_fen: number }[] = [{ source: "east_west", amount_fen: random.int(80, 2_500) * 10_000 * YUAN }];
    if (random.next() < 0.4) budget.push({ source: "provincial", amount_fen: random.int(50, 800) * 10_000 * YUAN });
    planProject(tongren, 2019, random.pick(TONGREN_CATEGORIES), budget, 0.7 + random.next() * 0.3, random.next() < 0.04);
  }

  // Wuhu charity federation: 40.23 million yuan of targeted donations in 2017–2018, most of
  // it allocated to projects and poor villages; a few allocations corrected by reversal.
  const amounts = donationAmounts(random, WUHU_DONATIONS_FEN, WUHU_DONATIONS);
  const counties = [PLACES.wuwei, PLACES.nanling];
  for (let i = 0; i < WUHU_DONATIONS; i++) {
    const amount = amounts[i]!;
    const year = i % 2 === 0 ? 2017 : 2018;
    const date = dateIn(random, year, 3, 12);
    const named = amount >= 100_000 * YUAN ? random.next() < 0.8 : random.next() < 0.2;
    const channel: DonationChannel = amount >= 50_000 * YUAN ? "bank_transfer" : random.pick(["online", "online", "bank_transfer", "cash", "in_kind"] as const);
    const project = wuhuProjects[random.int(0, wuhuProjects.length - 1)]!;
    const kind = random.next();
    const village = poorVillages[random.int(0, poorVillages.length - 1)]!;
    const donationKey = `d${i}`;
    const slot: { id?: string } = {};
    at(date, [donationKey, project.slot.key], async (ctx) => {
      const target: DonationInput["target"] =
        kind < 0.5 || !project.slot.id ? { type: "general" } : kind < 0.8 ? { type: "region", region_code: random.pick(counties) } : { type: "project", project_id: project.slot.id };
      const write = await recordDonation(ctx, { date, amount_fen: amount, channel, donor_name: named ? donorName(random, i) : null, target, demo: true });
      slot.id = write.audit.targetId!;
      (slot as { target?: DonationInput["target"] }).target = target;
      return write;
    });
    // Allocate 70–100 % in one or two parts, within the donor's target.
    const share = random.next() < 0.15 ? 0.7 + random.next() * 0.25 : 1;
    const parts = split(random, Math.floor((amount * share) / YUAN) * YUAN, amount > 20_000 * YUAN ? 2 : 1, YUAN);
    let allocDate = addDays(date, random.int(5, 45));
    for (const part of parts) {
      const on = allocDate;
      const correct = random.next() < 0.01;
      at(on, [donationKey, project.slot.key], async (ctx) => {
        const target = (slot as { target?: DonationInput["target"] }).target!;
        const where =
          target.type === "project"
            ? { project_id: target.project_id }
            : target.type === "region"
              ? { village_code: random.pick(poorVillages.filter((v) => v.code.startsWith(target.region_code.slice(0, 6)))).code }
              : random.next() < 0.5 && project.slot.id
                ? { project_id: project.slot.id }
                : { village_code: village.code };
        const write = await allocateDonation(ctx, slot.id!, { ...where, date: on, amount_fen: part });
        if (correct) (slot as { toReverse?: string }).toReverse = write.audit.targetId!;
        return write;
      });
      if (correct) {
        const fixOn = addDays(on, 3);
        at(fixOn, [donationKey], async (ctx) => reverseEntry(ctx, { id: (slot as { toReverse?: string }).toReverse!, date: fixOn, reason: "entry_error" }));
      }
      allocDate = addDays(allocDate, random.int(10, 60));
    }
  }

  // Replay in date order; the clock of each write is noon of its date in Shanghai.
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  let tip: LedgerTip | undefined;
  let pending: BatchItem<"sqlite">[] = [];
  let entries = 0;
  const records = new MemoryRecords(await loadRegions(db));
  const flush = async () => {
    if (pending.length > 0) await (runStatements ? runStatements(pending) : db.batch([pending[0]!, ...pending.slice(1)]));
    pending = [];
  };
  for (const event of events) {
    const now = new Date(`${event.date}T12:00:00+08:00`);
    const ctx: FundsContext = { actor: DEMO_ACTOR, db, key, now, tip, newId: ids, records };
    const write = await event.run(ctx);
    records.apply(write.records);
    if (write.tip) tip = write.tip;
    entries += write.entries.length;
    pending.push(...write.statements, ...demoAudit(db, write.audit, loadedAt));
    if (pending.length >= 150) await flush();
  }
  await flush();
  return { projects: projectIds.length, donations: WUHU_DONATIONS, ledgerEntries: entries };
}

/** The regions the demo's writes refer to (Wuhu and below, and Tongren). */
async function loadRegions(db: Db): Promise<Map<string, RegionRecord>> {
  const { min, max } = descendantRange(PLACES.wuhu);
  const rows = await db.select().from(regions).where(or(between(regions.code, min, max), eq(regions.code, PLACES.tongren)));
  return new Map(rows.map((row) => [row.code, row]));
}

async function loadPoorVillages(db: Db): Promise<Place[]> {
  const { min, max } = descendantRange(PLACES.wuhu);
  const rows = await db
    .select({ code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn })
    .from(villageStatus)
    .innerJoin(regions, eq(regions.code, villageStatus.villageCode))
    .where(and(between(villageStatus.villageCode, min, max), ne(villageStatus.status, "not_designated")))
    .orderBy(villageStatus.villageCode);
  return rows;
}

/** Many small gifts and a few large ones, summing exactly to `total` (whole yuan). */
function donationAmounts(random: Random, total: number, count: number): number[] {
  const large = Math.floor(count / 12);
  const small = Array.from({ length: count - large }, () => random.int(1, 200) * 100 * YUAN);
  const rest = total - small.reduce((a, b) => a + b, 0);
  return random.shuffle([...small, ...split(random, rest, large, 1_000 * YUAN)]);
}

const DONOR_NAMES = ["芜湖某建材有限公司", "爱心人士", "芜湖市某商会", "某银行芜湖分行", "某科技股份有限公司", "某汽车零部件企业", "校友会"];
function donorName(random: Random, i: number): string {
  return `${random.pick(DONOR_NAMES)}（演示 ${i}）`;
}
