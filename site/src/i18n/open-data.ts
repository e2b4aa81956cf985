/**
 * Strings for honest labels (issue 13): what a figure is, whether it is demo data, and which
 * period it covers, so figures of different periods are never shown as if they agree.
 */
import type { Locale } from "./index";

const zh = {
  /** A period of years: one year, or first–last. */
  years: (from: number, to: number) => (from === to ? `${from}年` : `${from}—${to}年累计`),
  allYears: (asOf: string | null) => (asOf ? `全部年度，截至${asOf}` : "全部年度"),
  demo: "演示数据（虚构，并非真实记录）",
  provenance: {
    official: "官方公布数字（按原文，注明出处）",
    "register-derived": "由建档立卡数据计算，经披露控制（1-7 显示为区间，8 以上取整到 5，可能被推算的数字不公布）",
    administrative: "管理部门记录",
    reference: "行政区划代码",
  } as Record<string, string>,
  tableSchema: "CSV 表结构（Table Schema，类型和缺失值）",
  rowsLabelled: "每一行都注明来源（provenance_kind）、是否为演示数据（provenance_demo）及依据（provenance_basis）。",
  notComparable: "以下数字口径和时期不同，不能直接相加或比较：官方数字为公告所载年度；资金和捐赠为所示年度的累计。",
  snapshotFile: (id: number, bytes: number) => `快照 ${id} 中的固定文件（${bytes.toLocaleString("zh-CN")} 字节）`,
};
const en: typeof zh = {
  years: (from, to) => (from === to ? `${from}` : `${from}–${to}, cumulative`),
  allYears: (asOf) => (asOf ? `all years, as of ${asOf}` : "all years"),
  demo: "Demo data (invented, not real records)",
  provenance: {
    official: "Official figure, as announced, with its source",
    "register-derived": "Computed from the household register under disclosure control (1–7 shown as a band, 8+ rounded to 5, figures that could be inferred withheld)",
    administrative: "Administrative record",
    reference: "Statistical division codes",
  },
  tableSchema: "CSV Table Schema (types and missing values)",
  rowsLabelled: "Every row says what it is (provenance_kind), whether it is demo data (provenance_demo) and on what basis (provenance_basis).",
  notComparable: "These figures cover different things and periods and do not add up or compare directly: official figures are for the years their announcement states; funds and donations are cumulative over the years shown.",
  snapshotFile: (id, bytes) => `Fixed file in snapshot ${id} (${bytes.toLocaleString("en")} bytes)`,
};

export function openDataStrings(lang: Locale): typeof zh {
  return lang === "en" ? en : zh;
}
