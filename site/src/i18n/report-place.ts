/**
 * Strings of the report form's place picker (choose a place, then narrow it down to a
 * township or village), kept apart from notices.ts so it grows without touching it.
 * zh-CN first; English typed against it so a missing string fails the type check.
 */
import type { Locale } from "./index";

const zhCN = {
  /** Heading of the links that list a place's townships and villages. */
  narrowHeading: "要选的乡镇或村不在列表里？先选所在的地区：",
  /** The way back to the top of the picker. */
  allPlaces: "全部地区",
  /** Before the chain of places the list shows now. */
  showing: "列表现在显示：",
  /** Hint when the list shows a place and what is below it. */
  within: (place: string) => `${place}及其下属乡镇、村`,
} as const;

type ReportPlaceStrings = { [K in keyof typeof zhCN]: (typeof zhCN)[K] extends (...args: infer A) => string ? (...args: A) => string : string };

const en: ReportPlaceStrings = {
  narrowHeading: "The township or village is not in the list? First choose the area it is in:",
  allPlaces: "All areas",
  showing: "The list shows: ",
  within: (place: string) => `${place} and the townships and villages in it`,
};

const STRINGS: Record<Locale, ReportPlaceStrings> = { "zh-cn": zhCN, en };

export function reportPlaceStrings(lang: Locale): ReportPlaceStrings {
  return STRINGS[lang];
}
