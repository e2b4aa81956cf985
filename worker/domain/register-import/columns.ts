/**
 * Columns of a household register file, under their English or Chinese headers, and the
 * Chinese names of causes, measures and monitoring states that the register uses.
 */
import { CAUSES, MEASURES, MONITORING, type Cause, type Measure, type Monitoring } from "../disclosure/categories";

export const COLUMNS = [
  { key: "register_no", zh: "户编号", required: true },
  { key: "name", zh: "户主姓名", required: false },
  { key: "id_number", zh: "身份证号", required: false },
  { key: "village_code", zh: "村代码", required: true },
  { key: "household_size", zh: "家庭人口", required: true },
  { key: "cause", zh: "致贫原因", required: true },
  { key: "measures", zh: "帮扶措施", required: false },
  { key: "identified_year", zh: "识别年度", required: true },
  { key: "exit_year", zh: "脱贫年度", required: false },
  { key: "returned_year", zh: "返贫年度", required: false },
  { key: "monitoring", zh: "监测状态", required: false },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]["key"];

/** Columns holding identifiers (R1): read only to check their form, then dropped. */
export const IDENTIFIER_COLUMNS: readonly ColumnKey[] = ["name", "id_number"];

function normaliseHeader(text: string): string {
  return text.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");
}

const HEADER_ALIASES = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => [[c.key, c.key] as const, [normaliseHeader(c.zh), c.key] as const]));

export function columnOfHeader(header: string): ColumnKey | undefined {
  return HEADER_ALIASES.get(normaliseHeader(header));
}

function lookup<T extends string>(entries: readonly { code: T; zh: string }[], extra: Record<string, T> = {}): Map<string, T> {
  const map = new Map<string, T>();
  for (const e of entries) {
    map.set(e.code, e.code);
    map.set(e.zh, e.code);
  }
  for (const [k, v] of Object.entries(extra)) map.set(k, v);
  return map;
}

/** Causes by code or Chinese name (其它 is a common spelling of 其他). */
export const CAUSE_NAMES = lookup<Cause>(CAUSES, { 其它: "other", 交通落后: "poor_transport", 缺劳动力: "lack_of_labour" });
export const MEASURE_NAMES = lookup<Measure>(MEASURES, { 兜底: "safety_net", 搬迁: "relocation", 光伏扶贫: "solar", 小额信贷: "microcredit" });
export const MONITORING_NAMES = lookup<Monitoring>(MONITORING, { "": "none", 边缘易致贫户: "edge", 脱贫监测户: "monitored", 脱贫不稳定户: "monitored" });

/** Separators of the measures list: ASCII or full-width semicolon, or the enumeration comma. */
export const MEASURE_SEPARATORS = /[;；、]/;
