/**
 * Demo needs for Cili county (source 002): its 521 information administrators posted needs
 * on the national social poverty-alleviation network and 15,727 were matched with donors.
 * The report gives no count posted and no share delivered, so the demo does not pretend to
 * either: it posts a sample of needs in every state, most of those matched also delivered.
 * The townships and villages below Cili are invented (is_demo), like those below Wuhu.
 *
 * Every need, pledge and delivery goes through the write functions the admin API and the
 * pledge form use (worker/writes/needs.ts), so pledges and deliveries are ledger entries
 * with signed heads. Writes are replayed in date order with the ledger tip and the needs
 * kept in memory, and their statements run in a few batches: about a second of work.
 *
 * Dates are anchored to the day the demo is seeded (as the notices demo is), so the board
 * has open needs whose deadlines have not passed, and every ledger head comes after the
 * funds demo's.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { readTip, type LedgerTip } from "../db/queries/ledger";
import { newId, type IdPrefix } from "../domain/funds/ids";
import { importSigningKey } from "../domain/ledger";
import { localDateOf } from "../domain/notice-window";
import { NEED_CATEGORIES, type NeedCategory, type NeedCloseReason } from "../needs/rules";
import { recordDonation } from "../writes/donations";
import type { RegionRecord } from "../writes/funds-context";
import { closeNeed, pledgeToNeed, postNeed, recordDelivery, type NeedRecord, type NeedsContext, type NeedsPlan, type NeedsRecords, type PledgeRecord } from "../writes/needs";
import { PUBLIC_ACTOR } from "../writes/plan";
import { DEMO_ACTOR, demoAudit } from "./audit";
import { loadRegions } from "./load";
import { townshipName, villageName } from "./names";
import { PLACES } from "./official-figures";
import type { Random } from "./random";
import type { StatementRunner } from "./funds";

const DAY_MS = 86_400_000;
const TOWNSHIPS = 5;
const VILLAGES_PER_TOWNSHIP = 6;
export const DEMO_NEEDS = 160;

/** What each category asks for: a description, items, and a range of amounts in yuan (or none). */
const ASKS: Record<NeedCategory, { zh: string; items: string | null; yuan: [number, number] | null }> = {
  schooling: { zh: "在读学生需要学习用品和冬季校服", items: "书包、文具、冬季校服", yuan: [300, 1_500] },
  housing_repair: { zh: "房屋屋面漏雨，需要维修材料", items: "瓦片、防水卷材", yuan: [2_000, 12_000] },
  medical_aid: { zh: "慢性病患者需要常用药费用", items: null, yuan: [1_000, 8_000] },
  disability_aid: { zh: "需要轮椅或助行器等辅助器具", items: "轮椅 1 台", yuan: null },
  production_inputs: { zh: "发展种养产业需要种苗和饲料", items: "杜仲苗、鸡苗、饲料", yuan: [800, 5_000] },
  employment: { zh: "劳动力需要技能培训和务工路费", items: null, yuan: [500, 2_000] },
  daily_necessities: { zh: "冬季需要棉被和生活用品", items: "棉被 2 床、米油", yuan: null },
  village_infrastructure: { zh: "村组道路需要安装路灯", items: "太阳能路灯 10 盏", yuan: [10_000, 60_000] },
};

/** Memory records: the needs as they stand after every write so far (see funds-context). */
class MemoryNeeds implements NeedsRecords {
  readonly needs = new Map<string, NeedRecord>();
  readonly pledges = new Map<string, PledgeRecord>();
  /** Recorded donations and the region each is public under. */
  readonly donations = new Map<string, string | null>();
  constructor(private readonly places: Map<string, RegionRecord>) {}
  region = async (code: string) => this.places.get(code);
  need = async (id: string) => this.needs.get(id);
  pledgeOf = async (needId: string) => this.pledges.get(needId);
  donationRegion = async (id: string) => this.donations.get(id);
  apply(plan: NeedsPlan): void {
    this.needs.set(plan.need.id, plan.need);
    if (plan.pledge) this.pledges.set(plan.need.id, plan.pledge);
  }
}

type Fate = "open" | "pledged" | "delivered" | "expired" | "withdrawn";
/** Of every 20 needs: 13 delivered, 2 pledged and waiting, 2 open, 2 expired, 1 withdrawn. */
const FATES: Fate[] = [...Array<Fate>(13).fill("delivered"), "pledged", "pledged", "open", "open", "expired", "expired", "withdrawn"];

export interface NeedsSeedResult {
  needs: number;
  ledgerEntries: number;
}

export async function seedNeeds(db: Db, random: Random, signingKey: string, options: { now?: Date; runStatements?: StatementRunner } = {}): Promise<NeedsSeedResult> {
  const key = await importSigningKey(signingKey);
  const ids = (prefix: IdPrefix) => newId(prefix, () => Uint8Array.from({ length: 10 }, () => random.int(0, 255)));
  const today = options.now ?? new Date();
  const places = await ciliPlaces(db, random, today.toISOString());
  const villages = [...places.values()].filter((p) => p.level === "village");
  const records = new MemoryNeeds(places);
  const noonDaysAgo = (days: number) => new Date(Date.parse(`${localDateOf(new Date(today.getTime() - days * DAY_MS))}T12:00:00+08:00`));

  type Step = { at: Date; order: number; run: (ctx: NeedsContext) => Promise<NeedsPlan> };
  const steps: Step[] = [];
  const at = (daysAgo: number, run: Step["run"]) => steps.push({ at: noonDaysAgo(daysAgo), order: steps.length, run });

  for (let i = 0; i < DEMO_NEEDS; i++) {
    const fate = FATES[i % FATES.length]!;
    const category = NEED_CATEGORIES[random.int(0, NEED_CATEGORIES.length - 1)]!;
    const ask = ASKS[category];
    const village = villages[random.int(0, villages.length - 1)]!;
    const amount = ask.yuan ? random.int(ask.yuan[0], ask.yuan[1]) * 100 : undefined;
    // Open and pledged needs are recent; closed ones spread over the past year.
    const posted = fate === "open" || fate === "pledged" ? random.int(3, 40) : random.int(60, 400);
    const deadlineDays = fate === "expired" ? random.int(20, 40) : random.int(45, 120);
    const slot: { id?: string } = {};
    const postedOn = noonDaysAgo(posted);
    at(posted, async (ctx) => {
      const plan = await postNeed(ctx, {
        village_code: village.code,
        category,
        beneficiary: category === "village_infrastructure" ? "village" : "household",
        description: `${ask.zh}（演示）`,
        ...(ask.items ? { items: ask.items } : {}),
        ...(amount !== undefined ? { amount_fen: amount } : {}),
        deadline: localDateOf(new Date(postedOn.getTime() + deadlineDays * DAY_MS)),
        demo: true,
      });
      slot.id = plan.need.id;
      return plan;
    });
    if (fate === "open") continue;
    if (fate === "expired") {
      at(posted - deadlineDays - 1, (ctx) => closeNeed(ctx, slot.id!, { status: "expired", reason: "deadline_passed" }));
      continue;
    }
    if (fate === "withdrawn") {
      const reason: NeedCloseReason = random.pick(["met_otherwise", "no_longer_needed"] as const);
      at(posted - random.int(5, 30), (ctx) => closeNeed(ctx, slot.id!, { status: "withdrawn", reason }));
      continue;
    }
    const pledgedAgo = posted - random.int(1, Math.min(20, posted - 1));
    const named = random.next() < 0.3;
    at(pledgedAgo, (ctx) => pledgeToNeed({ ...ctx, actor: PUBLIC_ACTOR }, slot.id!, { donor_name: named ? `爱心人士（演示 ${i}）` : null, receipt_hash: null, demo: true }));
    if (fate !== "delivered") continue;
    const deliveredAgo = Math.max(0, pledgedAgo - random.int(3, 30));
    // Money paid through a recorded donation (to the county: a donation's target is public,
    // and a health need must not be traced to its village); goods by an in-kind record.
    const byDonation = amount !== undefined && random.next() < 0.5;
    at(deliveredAgo, async (ctx) => {
      let donationId: string | undefined;
      const statements: BatchItem<"sqlite">[] = [];
      const appended: NeedsPlan["entries"] = [];
      let tip = ctx.tip;
      if (byDonation) {
        const gift = await recordDonation({ ...ctx, records: undefined }, { date: localDateOf(ctx.now), amount_fen: amount!, channel: "online", donor_name: named ? `爱心人士（演示 ${i}）` : null, target: { type: "region", region_code: PLACES.cili }, demo: true });
        donationId = gift.audit.targetId!;
        records.donations.set(donationId, PLACES.cili);
        // The donation is a write of its own: its audit row goes with it.
        statements.push(...gift.statements, ...demoAudit(ctx.db, gift.audit, today));
        appended.push(...gift.entries);
        tip = gift.tip;
      }
      const plan = await recordDelivery({ ...ctx, tip }, slot.id!, {
        date: localDateOf(ctx.now),
        delivered: ask.items ?? `${(amount! / 100).toLocaleString("zh-CN")} 元`,
        ...(amount !== undefined ? { amount_fen: amount } : {}),
        ...(donationId ? { donation_id: donationId } : { in_kind_record: `慈扶实物〔${localDateOf(ctx.now).slice(0, 4)}〕${100 + i}号` }),
      });
      return { ...plan, statements: [...statements, ...plan.statements], entries: [...appended, ...plan.entries] };
    });
  }

  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  let tip: LedgerTip = await readTip(db);
  let pending: BatchItem<"sqlite">[] = [];
  let entries = 0;
  const flush = async () => {
    if (pending.length > 0) await (options.runStatements ? options.runStatements(pending) : db.batch([pending[0]!, ...pending.slice(1)]));
    pending = [];
  };
  for (const step of steps) {
    const ctx: NeedsContext = { actor: DEMO_ACTOR, db, key, now: step.at, tip, newId: ids, needsRecords: records };
    const plan = await step.run(ctx);
    records.apply(plan);
    if (plan.tip) tip = plan.tip;
    entries += plan.entries.length;
    pending.push(...plan.statements, ...demoAudit(db, plan.audit, today));
    if (pending.length >= 150) await flush();
  }
  await flush();
  return { needs: DEMO_NEEDS, ledgerEntries: entries };
}

/** Cili's invented townships and villages (written once; reused when they exist). */
async function ciliPlaces(db: Db, random: Random, loadedAt: string): Promise<Map<string, RegionRecord>> {
  const rows: RegionRecord[] = [];
  const townshipNames = new Set<string>();
  const villageNames = new Set<string>();
  for (let t = 1; t <= TOWNSHIPS; t++) {
    const townshipCode = `430821${String(100 + t)}000`;
    const name = townshipName(random, townshipNames);
    rows.push({ code: townshipCode, parentCode: PLACES.cili, level: "township", nameZh: name.zh, nameEn: name.en, isDemo: true, updatedAt: loadedAt });
    for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
      const village = villageName(random, villageNames);
      rows.push({ code: `${townshipCode.slice(0, 9)}${String(200 + v)}`, parentCode: townshipCode, level: "village", nameZh: village.zh, nameEn: village.en, isDemo: true, updatedAt: loadedAt });
    }
  }
  await loadRegions(db, rows, loadedAt);
  return new Map(rows.map((r) => [r.code, r]));
}
