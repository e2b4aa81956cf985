/**
 * Masked names for household items of a notice (privacy.md): the surname, then one `*` for
 * every other character — 张三丰 → 张**, 欧阳娜娜 → 欧阳**. Full names never reach the database:
 * the administration API masks on input.
 */

/** Two-character (compound) surnames in use today; the masked form keeps both characters. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
  "司徒", "司空", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "澹台", "公冶", "太史", "申屠",
  "濮阳", "万俟", "闻人", "赫连", "钟离", "宗政", "仲孙", "拓跋", "呼延", "百里", "东郭", "第五",
]);

/** Separators in transliterated minority names (买买提·艾力): they are not characters of the name. */
const NAME_SEPARATORS = /[\s·•・.]/gu;

/**
 * Masks a person's name. Characters are counted as Unicode code points so rare characters
 * outside the BMP (𠮷) count once. A compound surname is kept only when a given name follows it.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.replace(NAME_SEPARATORS, ""));
  if (chars.length === 0) throw new RangeError("a name needs at least one character");
  const firstTwo = chars.slice(0, 2).join("");
  const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.has(firstTwo) ? 2 : 1;
  return chars.slice(0, surnameLength).join("") + "*".repeat(chars.length - surnameLength);
}

/** True when a string already has the masked shape (some characters then only `*`). */
export function isMaskedName(value: string): boolean {
  return /^[^*\s]{1,2}\*+$/u.test(value);
}
