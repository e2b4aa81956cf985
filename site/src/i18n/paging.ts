/**
 * Strings of keyset-paged site lists (the notices list, search): plain links to the next page
 * and back to the first, and what an invalid page address is told. zh-CN first; the English
 * shape is checked against it. Kept apart from zh-cn.ts / en.ts so merges stay easy.
 */
import type { Locale } from "./index";

const zhCN = {
  nav: "分页",
  next: "下一页",
  first: "回到第一页",
  /** The rows of one page, when there are more pages (the total is not counted: that would read every row). */
  onPage: "本页 {n} 条",
  badCursor: "这个分页链接无效或已过期，请从第一页开始查看。",
};

const en: typeof zhCN = {
  nav: "Pages",
  next: "Next page",
  first: "Back to the first page",
  onPage: "{n} on this page",
  badCursor: "This page link is not valid or has expired. Start again from the first page.",
};

export type PagingStrings = typeof zhCN;

export function pagingStrings(lang: Locale): PagingStrings {
  return lang === "en" ? en : zhCN;
}
