import type { Random } from "./random";

/** Characters common in rural place names, with pinyin, for synthetic names. */
const SYLLABLES: readonly (readonly [string, string])[] = [
  ["桃", "tao"], ["园", "yuan"], ["新", "xin"], ["河", "he"], ["山", "shan"], ["湖", "hu"], ["塘", "tang"],
  ["李", "li"], ["张", "zhang"], ["王", "wang"], ["陈", "chen"], ["杨", "yang"], ["黄", "huang"], ["周", "zhou"],
  ["东", "dong"], ["西", "xi"], ["南", "nan"], ["北", "bei"], ["中", "zhong"], ["上", "shang"], ["下", "xia"],
  ["石", "shi"], ["桥", "qiao"], ["岗", "gang"], ["圩", "wei"], ["庄", "zhuang"], ["坝", "ba"], ["湾", "wan"],
  ["松", "song"], ["竹", "zhu"], ["梅", "mei"], ["花", "hua"], ["青", "qing"], ["龙", "long"], ["凤", "feng"],
  ["安", "an"], ["丰", "feng"], ["兴", "xing"], ["和", "he"], ["平", "ping"], ["永", "yong"], ["福", "fu"],
  ["泉", "quan"], ["溪", "xi"], ["林", "lin"], ["田", "tian"], ["家", "jia"], ["口", "kou"], ["沟", "gou"],
];

export interface PlaceName {
  zh: string;
  en: string;
}

function twoSyllables(random: Random): PlaceName {
  const a = random.pick(SYLLABLES);
  const b = random.pick(SYLLABLES);
  const pinyin = a[1] + b[1];
  return { zh: a[0] + b[0], en: pinyin.charAt(0).toUpperCase() + pinyin.slice(1) };
}

/** A synthetic village name not yet in `taken` (names repeat across a county otherwise). */
export function villageName(random: Random, taken: Set<string>): PlaceName {
  for (let attempt = 0; ; attempt++) {
    const base = twoSyllables(random);
    const suffix = attempt > 20 ? String(attempt) : "";
    const zh = `${base.zh}${suffix}村`;
    if (!taken.has(zh)) {
      taken.add(zh);
      return { zh, en: `${base.en}${suffix} Village` };
    }
  }
}

export function townshipName(random: Random, taken: Set<string>): PlaceName {
  for (let attempt = 0; ; attempt++) {
    const base = twoSyllables(random);
    const isTown = random.next() < 0.7;
    const suffix = attempt > 20 ? String(attempt) : "";
    const zh = `${base.zh}${suffix}${isTown ? "镇" : "乡"}`;
    if (!taken.has(zh)) {
      taken.add(zh);
      return { zh, en: `${base.en}${suffix} ${isTown ? "Town" : "Township"}` };
    }
  }
}
