/**
 * Demo notices, objections and reports. Deterministic apart from being anchored to the day
 * the generator runs: some notices are open TODAY (Asia/Shanghai), so the objection form can
 * be tried right after `npm start` (one project notice stays open for 30 days, so a database
 * seeded a few days ago still has one; remove .wrangler/state to re-anchor everything). Reports follow Cili's figures in spirit (236 + 48 cases,
 * 279 closed, 5 in progress): most answered, a few in progress, exactly one overdue.
 * All names are synthetic and stored masked; no contact is real. The notices go through the
 * notice write functions step by step at their simulated times (writeDemoNotices: objections
 * received through receiveObjection, the public form's write); so do the reports, through the
 * report writes (writeDemoReports).
 */
import type { Db } from "../db/client";
import { atomically } from "../db/batch";
import { type NoticeItemRecord, type NoticeRecord } from "../db/queries/notices";
import { objections } from "../db/schema";
import { maskName } from "../domain/name-mask";
import { DECISION_FOR_TYPE, type NoticeStatus, type NoticeType } from "../domain/notice-lifecycle";
import { publicationFields } from "../domain/notice-publication";
import { addDays, localDateOf, startOfLocalDay } from "../domain/notice-window";
import { receiptHash } from "../domain/receipts";
import { createReport, transitionReport, type ReportSubmission } from "../writes/reports";
import type { ReportCategory, ReportStatus } from "../domain/report-workflow";
import { PLACES } from "./official-figures";
import { createRandom, type Random } from "./random";
import { importSigningKey, type LedgerKey } from "../domain/ledger";
import { announceNotice, answerObjection, closeNotice, createNotice, openNotice, receiveObjection, type NoticeLedgerContext } from "../writes/notices";
import { PUBLIC_ACTOR, type WritePlan } from "../writes/plan";
import { DEMO_ACTOR, demoAudit } from "./audit";

/** Fixed ids and receipts of demo records, for the README, the site and contract tests. */
export const DEMO_NOTICES = {
  openIdentification: "ntc_demo01",
  openExit: "ntc_demo02",
  upcomingReturn: "ntc_demo03",
  draft: "ntc_demo13",
} as const;
export const DEMO_REPORT = { id: "rpt_demo01", receipt: "DEM0-REP0-RT00-0000-0000-0001" } as const;
export const DEMO_OBJECTION = { id: "obj_demo01", receipt: "DEM0-0BJE-CT10-N000-0000-0001" } as const;

const DAY_MS = 86_400_000;
const SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "欧阳", "司马"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "桂兰", "建国"];

interface NoticeSpec {
  id: string;
  type: NoticeType;
  region: string;
  title: string;
  /** Days from today (Asia/Shanghai) of publication and of the period's first day. */
  published: number;
  periodDays?: number;
  startOffset?: number;
  status: NoticeStatus;
  items: number;
  objections?: ("received" | "upheld" | "not_upheld")[];
  supersedes?: string;
  supersededBy?: string;
}

const NANLING_V = (township: number, village: number) => `340223${100 + township}${200 + village}`;
const WUWEI_V = (township: number, village: number) => `340225${100 + township}${200 + village}`;

const SPECS: NoticeSpec[] = [
  { id: "ntc_demo01", type: "household_identification", region: NANLING_V(1, 1), title: "2026年度拟新识别贫困户名单公示", published: -2, status: "open", items: 6, objections: ["received"] },
  { id: "ntc_demo02", type: "household_exit", region: NANLING_V(2, 3), title: "2026年度拟退出贫困户名单公示", published: 0, status: "open", items: 5 },
  // A return to poverty happens where households exited: an exited village with a register of
  // its own (20+ households: its registered and exited totals are published). Villages publish
  // no returns (issue 16), so the notice's monitoring link is its township's figures.
  { id: "ntc_demo03", type: "return_to_poverty", region: WUWEI_V(5, 1), title: "返贫监测户纳入帮扶名单公示", published: 0, startOffset: 1, status: "open", items: 2 },
  { id: "ntc_demo04", type: "project", region: PLACES.nanling, title: "2026年县级扶贫项目库入库项目公示", published: -1, periodDays: 30, status: "open", items: 0 },
  { id: "ntc_demo05", type: "fund_allocation", region: PLACES.wuwei, title: "2026年第三批财政专项扶贫资金分配方案公示", published: -3, status: "open", items: 0 },
  { id: "ntc_demo06", type: "household_identification", region: NANLING_V(3, 1), title: "2026年度贫困户识别第二次公示", published: -8, status: "open", items: 4, objections: ["upheld", "not_upheld"] },
  { id: "ntc_demo07", type: "household_exit", region: WUWEI_V(1, 4), title: "2026年度贫困户退出公示", published: -12, status: "closed", items: 3, objections: ["not_upheld", "not_upheld", "upheld"] },
  { id: "ntc_demo08", type: "household_identification", region: NANLING_V(4, 2), title: "2026年度贫困户识别公示", published: -60, status: "announced", items: 8, objections: ["upheld", "not_upheld"] },
  { id: "ntc_demo09", type: "village_exit", region: "340225103000", title: "2025年度贫困村出列公示", published: -90, status: "announced", items: 0 },
  { id: "ntc_demo10", type: "donation_use", region: PLACES.wuhu, title: "慈善总会扶贫定向捐赠使用情况公示", published: -30, status: "announced", items: 0 },
  { id: "ntc_demo11", type: "household_exit", region: NANLING_V(5, 1), title: "贫困户退出名单公示", published: -4, status: "superseded", items: 4, objections: ["upheld"], supersededBy: "ntc_demo12" },
  { id: "ntc_demo12", type: "household_exit", region: NANLING_V(5, 1), title: "贫困户退出名单公示（更正）", published: -1, status: "open", items: 3, supersedes: "ntc_demo11" },
  { id: "ntc_demo13", type: "project", region: "340223101000", title: "村级道路硬化项目公示（草稿）", published: 0, status: "draft", items: 0 },
  { id: "ntc_demo14", type: "household_identification", region: WUWEI_V(2, 2), title: "拟识别贫困户名单（草稿）", published: 0, status: "draft", items: 3 },
];

const ISSUER: Record<string, string> = { "340223": "南陵县", "340225": "无为县", "340200": "芜湖市" };

function bodyOf(spec: NoticeSpec): string {
  const lead = "根据精准扶贫工作要求，经村民代表大会民主评议、乡镇审核，现将有关情况予以公示。";
  const how = "公示期内，如有异议，可通过本平台或向村委会、乡镇人民政府书面反映。反映情况应实事求是。";
  return `${lead}\n\n${spec.title}。\n\n${how}\n\n（演示数据）`;
}

function issuerOf(region: string): string {
  const county = ISSUER[region.slice(0, 6)] ?? "芜湖市";
  return region.endsWith("000000") ? `${county}扶贫开发领导小组办公室` : `${county}扶贫开发领导小组办公室（村民委员会协办）`;
}

function itemsOf(random: Random, noticeId: string, type: NoticeType, count: number): NoticeItemRecord[] {
  const decision = DECISION_FOR_TYPE[type] ?? "identified";
  return Array.from({ length: count }, (_, i) => ({
    noticeId,
    itemNo: i + 1,
    maskedName: maskName(random.pick(SURNAMES) + random.pick(GIVEN) + (random.next() < 0.5 ? random.pick(GIVEN).slice(0, 1) : "")),
    villageGroup: `${random.int(1, 9)}组`,
    householdSize: random.int(1, 6),
    decision,
  }));
}

/** A publication instant on local day `offset` from today: 09:00, or just before now for today. */
function publishedOn(today: string, offset: number, now: Date): Date {
  if (offset < 0) return new Date(startOfLocalDay(addDays(today, offset)).getTime() + 9 * 3_600_000);
  return new Date(Math.max(startOfLocalDay(today).getTime(), now.getTime() - 5 * 60_000));
}

async function demoNotices(random: Random, now: Date) {
  const today = localDateOf(now);
  const rows: { record: NoticeRecord; items: NoticeItemRecord[] }[] = [];
  const objectionRows: (typeof objections.$inferInsert)[] = [];
  for (const spec of SPECS) {
    const items = itemsOf(random, spec.id, spec.type, spec.items);
    const publishedDay = addDays(today, spec.published);
    const published = publishedOn(today, spec.published, now);
    const content = {
      id: spec.id,
      type: spec.type,
      regionCode: spec.region,
      titleZh: spec.title,
      titleEn: null,
      bodyZh: bodyOf(spec),
      bodyEn: null,
      issuer: issuerOf(spec.region),
      supersedesId: spec.supersedes ?? null,
    };
    const created = new Date(published.getTime() - 2 * DAY_MS).toISOString();
    let record: NoticeRecord = { ...content, status: spec.status, supersededById: spec.supersededBy ?? null, isDemo: true, createdAt: created, updatedAt: created };
    if (spec.status !== "draft") {
      const start = addDays(publishedDay, spec.startOffset ?? 0);
      const period = { start, end: addDays(start, (spec.periodDays ?? 7) - 1) };
      const fields = await publicationFields(content, items, published, period);
      record = { ...record, ...fields, updatedAt: fields.publishedAt };
      const closed = new Date(new Date(fields.closesAt).getTime() + 3_600_000).toISOString();
      if (spec.status === "closed" || spec.status === "announced") record = { ...record, closedAt: closed, updatedAt: closed };
      if (spec.status === "announced") {
        const announced = new Date(new Date(fields.closesAt).getTime() + 2 * DAY_MS).toISOString();
        record = { ...record, announcedAt: announced, updatedAt: announced, announcementZh: `${spec.title}期满，经审核，结果予以公告。（演示数据）` };
      }
      (spec.objections ?? []).forEach((status, i) => {
        // Hours after the period opened and the notice was published (whichever is later).
        const received = new Date(Math.max(new Date(fields.opensAt).getTime(), published.getTime()) + (i + 1) * 7 * 3_600_000);
        const id = spec.id === "ntc_demo01" && i === 0 ? DEMO_OBJECTION.id : `obj_${spec.id.slice(4)}x${i + 1}`;
        objectionRows.push({
          id,
          noticeId: spec.id,
          itemNo: items.length > 0 ? random.int(1, items.length) : null,
          text: "该户家庭收入情况与公示不符，请核实。（演示数据）",
          contact: i % 2 === 0 ? "（演示）联系电话 000-0000-0000" : null,
          receiptHash: "", // filled below
          status,
          answer: status === "received" ? null : status === "upheld" ? "经入户核实，异议成立，已调整名单。（演示数据）" : "经入户核实，该户符合条件，异议不成立。（演示数据）",
          receivedAt: received.toISOString(),
          answeredAt: status === "received" ? null : new Date(received.getTime() + DAY_MS).toISOString(),
          isDemo: true,
        });
      });
    }
    record.objectionsReceived = spec.objections?.length ?? 0;
    record.objectionsUpheld = spec.objections?.filter((s) => s === "upheld").length ?? 0;
    rows.push({ record, items });
  }
  // Each objection's receipt (drawn here, in order, so the generated data stays the same).
  const receipts = new Map<string, string>();
  for (const o of objectionRows) {
    const receipt = o.id === DEMO_OBJECTION.id ? DEMO_OBJECTION.receipt : randomReceipt(random);
    receipts.set(o.id, receipt);
    o.receiptHash = (await receiptHash(receipt))!;
  }
  return { rows, objectionRows, receipts };
}

/** A receipt nobody holds, from the demo PRNG (so the data stays deterministic). */
function randomReceipt(random: Random): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  return Array.from({ length: 24 }, () => alphabet[random.int(0, 31)]).join("");
}

const REPORT_REGIONS = [PLACES.cili, PLACES.cili, PLACES.cili, PLACES.shangzhou, NANLING_V(1, 2), WUWEI_V(3, 1), PLACES.nanling, PLACES.wuwei];
const REPORT_TEXTS: Record<ReportCategory, string> = {
  fund_misuse: "村里扶贫专项资金疑似被挪作他用，请调查。（演示数据）",
  wrongful_identification: "有家庭条件较好的农户被评为贫困户。（演示数据）",
  wrongful_exit: "我户尚未达到两不愁三保障标准即被标记脱贫。（演示数据）",
  official_conduct: "帮扶干部长期未入户走访，帮扶措施未落实。（演示数据）",
  project_quality: "产业扶贫项目大棚建成不久即出现漏水。（演示数据）",
  other: "扶贫公示栏内容长期未更新。（演示数据）",
};
const CATEGORIES = Object.keys(REPORT_TEXTS) as ReportCategory[];
const PATH: ReportStatus[] = ["received", "accepted", "in_progress", "resolved", "answered"];
const PUBLIC_TEXT: Partial<Record<ReportStatus, string>> = {
  accepted: "已登记受理，转相关部门办理。",
  rejected: "经审查，反映事项不属于本机关受理范围，已告知反映渠道。",
  resolved: "经调查核实，问题已整改，予以销号。",
  answered: "办理结果已书面答复反映人。",
};

/** One demo report: what the reporter sent, when, and the statuses it went through (from "received"). */
interface DemoReport {
  id: string;
  submission: ReportSubmission;
  received: Date;
  steps: { status: ReportStatus; at: Date }[];
}

/** 40 reports: 29 answered, 4 resolved, 3 in progress, 2 rejected, 1 accepted, 1 received (overdue). */
function demoReports(random: Random, now: Date): DemoReport[] {
  const plan: { status: ReportStatus; ageDays: number }[] = [
    ...Array.from({ length: 29 }, (_, i) => ({ status: "answered" as const, ageDays: 70 + i * 9 })),
    ...Array.from({ length: 4 }, (_, i) => ({ status: "resolved" as const, ageDays: 40 + i * 5 })),
    ...Array.from({ length: 3 }, (_, i) => ({ status: "in_progress" as const, ageDays: 15 + i * 12 })),
    ...Array.from({ length: 2 }, (_, i) => ({ status: "rejected" as const, ageDays: 25 + i * 30 })),
    { status: "accepted", ageDays: 4 },
    // The one overdue report: received 12 days ago and still not acknowledged.
    { status: "received", ageDays: 12 },
  ];
  return plan.map((p, i) => {
    const id = i === 0 ? DEMO_REPORT.id : `rpt_demo${String(i + 1).padStart(2, "0")}`;
    const received = new Date(now.getTime() - p.ageDays * DAY_MS - random.int(0, 8) * 3_600_000);
    const category = random.pick(CATEGORIES);
    const steps: ReportStatus[] = p.status === "rejected" ? ["received", "rejected"] : PATH.slice(0, PATH.indexOf(p.status) + 1);
    // Acknowledged in 1–5 days; resolved within 10–50 days (always before the 60-day deadline).
    const ack = Math.min(random.int(1, 5), Math.max(1, p.ageDays - 1));
    const resolveDays = Math.min(random.int(10, 50), p.ageDays - 1);
    const stepTimes: Record<ReportStatus, Date> = {
      received,
      accepted: new Date(received.getTime() + ack * DAY_MS),
      rejected: new Date(received.getTime() + ack * DAY_MS),
      in_progress: new Date(received.getTime() + (ack + 1) * DAY_MS),
      resolved: new Date(received.getTime() + resolveDays * DAY_MS),
      answered: new Date(received.getTime() + (resolveDays + 2) * DAY_MS),
    };
    return {
      id,
      submission: { category, region: REPORT_REGIONS[i % REPORT_REGIONS.length]!, text: REPORT_TEXTS[category], contact: i % 3 === 0 ? "（演示）联系电话 000-0000-0000" : null },
      received,
      steps: steps.slice(1).map((status) => ({ status, at: stepTimes[status] })),
    };
  });
}

/**
 * Every demo report through the report writes (writes/reports.ts), as the real path makes it:
 * received through createReport as the public form receives one (acting as the public; only
 * the receipt's hash is stored and the receipt is dropped, except the README's fixed one),
 * then moved along by an editor with transitionReport at each step's simulated time, each
 * move its own atomic batch with its audit row (actor demo-generator, dated `loadedAt`).
 */
async function writeDemoReports(db: Db, demo: readonly DemoReport[], receipts: readonly string[], loadedAt: Date): Promise<void> {
  const steps: { at: Date; run: () => Promise<void> }[] = [];
  const run = async (plan: WritePlan) => atomically(db, [...plan.statements, ...demoAudit(db, plan.audit, loadedAt)]);
  demo.forEach((r, i) => {
    steps.push({ at: r.received, run: async () => run(await createReport({ actor: PUBLIC_ACTOR, now: r.received, db }, r.submission, { id: r.id, receipt: receipts[i]!, demo: true })) });
    r.steps.forEach((step, k) => {
      const from = k === 0 ? "received" : r.steps[k - 1]!.status;
      const input = { from, to: step.status, public_text: PUBLIC_TEXT[step.status], internal_note: step.status === "in_progress" ? "已交乡镇纪委核查。（演示内部备注）" : undefined };
      steps.push({ at: step.at, run: async () => run(await transitionReport({ actor: DEMO_ACTOR, now: step.at, db }, r.id, input)) });
    });
  });
  // Stable: a report's steps keep their order when two share an instant.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();
}

/** One step of a demo notice's life, run through a write function at its simulated time. */
interface NoticeStep {
  at: string;
  run: (ctx: NoticeLedgerContext) => Promise<void>;
}

/**
 * Every demo notice through the notice write functions, as an editor would have made it:
 * created as a draft, opened (its fingerprint appended to the ledger; a correction's opening
 * also supersedes the notice it corrects), objections received and answered, closed and its
 * result announced (ledgered) — each step at its simulated time, all steps in time order, each
 * its own atomic batch with its audit row (actor demo-generator, dated `loadedAt`: ./audit.ts).
 */
async function writeDemoNotices(db: Db, rows: readonly { record: NoticeRecord; items: NoticeItemRecord[] }[], objectionRows: readonly (typeof objections.$inferInsert)[], receipts: ReadonlyMap<string, string>, key: LedgerKey, loadedAt: Date): Promise<void> {
  const steps: NoticeStep[] = [];
  const run = async (plan: WritePlan) => atomically(db, [...plan.statements, ...demoAudit(db, plan.audit, loadedAt)]);
  for (const { record: r, items } of rows) {
    const draft = {
      type: r.type,
      region: r.regionCode,
      title_zh: r.titleZh,
      title_en: r.titleEn ?? null,
      body_zh: r.bodyZh,
      body_en: r.bodyEn ?? null,
      issuer: r.issuer,
      supersedes: r.supersedesId ?? null,
      items: items.map((i) => ({ masked_name: i.maskedName, village_group: i.villageGroup, household_size: i.householdSize })),
    };
    steps.push({ at: r.createdAt!, run: async (ctx) => run(await createNotice(ctx, draft, { id: r.id, demo: true })) });
    if (r.status === "draft") continue;
    steps.push({ at: r.publishedAt!, run: async (ctx) => run(await openNotice(ctx, r.id, { period_start: r.periodStart!, period_end: r.periodEnd! })) });
    if (r.closedAt) steps.push({ at: r.closedAt, run: async (ctx) => run(await closeNotice(ctx, r.id)) });
    if (r.announcedAt) steps.push({ at: r.announcedAt, run: async (ctx) => run(await announceNotice(ctx, r.id, { announcement_zh: r.announcementZh! })) });
  }
  for (const o of objectionRows) {
    // Received through the public form's write (the period checked; only the receipt's hash stored), answered by an editor.
    const input = { text: o.text, item_no: o.itemNo ?? undefined, contact: o.contact ?? null };
    steps.push({ at: o.receivedAt, run: async (ctx) => run(await receiveObjection({ ...ctx, actor: PUBLIC_ACTOR }, o.noticeId, input, { id: o.id, receipt: receipts.get(o.id)!, demo: true })) });
    if (o.status !== "received") steps.push({ at: o.answeredAt!, run: async (ctx) => run(await answerObjection(ctx, o.id, { upheld: o.status === "upheld", answer: o.answer! })) });
  }
  // Stable: a notice's steps keep their order when two share an instant.
  steps.sort((a, b) => a.at.localeCompare(b.at));
  for (const step of steps) await step.run({ actor: DEMO_ACTOR, now: new Date(step.at), db, key });
}

/** A signing key for this load only, when the database has none configured (the national bench). */
async function throwawayKey(): Promise<LedgerKey> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const der = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  return importSigningKey(btoa(String.fromCharCode(...der)));
}

/**
 * Adds demo notices (every state, through the notice writes), objections and reports to a
 * database with demo regions. Without a signing key (the national bench database) the notices'
 * fingerprints are signed with a key made for this load.
 */
export async function seedNoticesAndReports(db: Db, options: { seed: number; now?: Date; ledgerSigningKey?: string; loadedAt?: Date }): Promise<{ notices: number; objections: number; reports: number }> {
  // An own PRNG stream: adding these records does not change any other generated data.
  const random = createRandom(options.seed ^ 0x0006_0006);
  const now = options.now ?? new Date();
  const { rows, objectionRows, receipts: objectionReceipts } = await demoNotices(random, now);
  const key = options.ledgerSigningKey ? await importSigningKey(options.ledgerSigningKey) : await throwawayKey();
  const reports = demoReports(random, now);
  const receipts = reports.map((_, i) => (i === 0 ? DEMO_REPORT.receipt : randomReceipt(random)));
  await writeDemoNotices(db, rows, objectionRows, objectionReceipts, key, options.loadedAt ?? now);
  // Reports (举报) are no public dataset: the public sees counts and a receipt's own timeline.
  await writeDemoReports(db, reports, receipts, options.loadedAt ?? now);
  return { notices: rows.length, objections: objectionRows.length, reports: reports.length };
}
