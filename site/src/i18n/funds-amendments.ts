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
};

export function amendmentStrings(lang: Locale): AmendmentStrings {
  return lang === "en" ? en : zhCN;
}
