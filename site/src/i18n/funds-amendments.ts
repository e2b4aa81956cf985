/**
 * Strings for a project's amendments (changes of its names or budget), on the public project
 * page and in the console. Kept in their own module so the funds strings stay untouched.
 */
import type { Locale } from "./index";

const zhCN = {
  heading: "项目调整记录",
  none: "该项目的名称和预算未作调整。",
  lead: "项目名称或预算的每次调整都作为新记录保存并写入公开账本；上方显示的是调整后的现行数字。",
  date: "调整日期",
  change: "调整内容",
  reason: "调整原因",
  ledgerEntry: "账本条目",
  nameZh: "中文名称",
  nameEn: "英文名称",
  budgetOf: (source: string) => `${source}预算`,
  console: {
    title: "调整项目名称或预算",
    link: "调整名称或预算",
    lead: "调整不会修改原有记录：系统另存一条调整记录（调整前后的名称和金额、原因），写入公开账本，并在项目公开页面显示。只需填写要改的内容。",
    names: "项目名称",
    budget: "各资金来源的预算",
    budgetHint: (allocated: string) => `单位：元。已下达 ${allocated}，调整后的预算不能低于此数。`,
    date: "调整日期",
    dateHint: "批准调整的日期，格式 2026-06-01",
    reasonZh: "调整原因（公开）",
    reasonZhHint: "会在项目公开页面上显示，请勿填写个人信息。",
    reasonEn: "调整原因（英文，可选）",
    next: "继续",
    confirmTitle: "确认调整",
    confirmLead: "请核对以下改动。确认后将另存一条调整记录并写入公开账本，原记录保留。",
    before: "调整前",
    after: "调整后",
    budgetTotal: "总预算",
    confirm: "确认调整",
    change: "返回修改",
    cancel: "返回项目，不调整",
    cancelled: "该项目已取消，不能再调整。",
    history: "调整记录",
    newSources: "增加资金来源（可选）",
    newSourcesHint: "项目原来没有的资金来源：填写金额（元）即新增一行预算，留空则不增加。新增的来源记为 0 元，再调整为所填金额。",
    newSourceMark: "（新增来源）",
    noLine: "无",
  },
};

export type AmendmentStrings = typeof zhCN;

const en: AmendmentStrings = {
  heading: "Amendments",
  none: "The project's names and budget have not been amended.",
  lead: "Each change of the project's names or budget is kept as a new record and logged in the public ledger; the figures above are the current ones.",
  date: "Date",
  change: "Change",
  reason: "Reason",
  ledgerEntry: "Ledger entry",
  nameZh: "Chinese name",
  nameEn: "English name",
  budgetOf: (source: string) => `${source} budget`,
  console: {
    title: "Amend the project's names or budget",
    link: "Amend names or budget",
    lead: "An amendment changes no record: it is kept as a new one (the names and amounts before and after, and the reason), logged in the public ledger and shown on the project's public page. Change only what needs changing.",
    names: "Project names",
    budget: "Budget by fund source",
    budgetHint: (allocated: string) => `In yuan. ${allocated} is already allocated; the budget cannot go below it.`,
    date: "Date of the amendment",
    dateHint: "The date it was approved, for example 2026-06-01",
    reasonZh: "Reason (public, in Chinese)",
    reasonZhHint: "Shown on the project's public page; do not include personal details.",
    reasonEn: "Reason in English (optional)",
    next: "Continue",
    confirmTitle: "Confirm the amendment",
    confirmLead: "Check the changes below. Confirming keeps them as a new amendment record in the public ledger; the earlier records stay.",
    before: "Before",
    after: "After",
    budgetTotal: "Total budget",
    confirm: "Confirm the amendment",
    change: "Go back and change it",
    cancel: "Back to the project, without amending",
    cancelled: "This project is cancelled; it cannot be amended.",
    history: "Amendments",
    newSources: "Add a fund source (optional)",
    newSourcesHint: "Sources the project has no budget from: an amount in yuan adds a budget line; leave it empty to add none. A new source is recorded at 0 yuan, then changed to the amount.",
    newSourceMark: "(new source)",
    noLine: "none",
  },
};

export function amendmentStrings(lang: Locale): AmendmentStrings {
  return lang === "en" ? en : zhCN;
}
