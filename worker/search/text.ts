/**
 * Text normalisation shared by the index (write time) and the query (request time), so
 * both sides agree character for character: NFKC (full-width letters and digits to ASCII),
 * lower case, traditional characters to simplified through OpenCC's one-to-one character
 * table (TSCharacters, about 4,000 pairs). The phrase tables are left out on purpose: a
 * phrase-aware conversion could turn the same character into different ones in the
 * index and in a short query, and then they would not meet.
 */
import TS_CHARACTERS from "opencc-js/dict/TSCharacters";

let simplifiedOf: Map<string, string> | undefined;

/** The character table, parsed on first use (module scope stays cheap at start-up). */
function table(): Map<string, string> {
  if (simplifiedOf) return simplifiedOf;
  const map = new Map<string, string>();
  for (const pair of TS_CHARACTERS.split("|")) {
    const [from, to] = pair.split(" ");
    // Only one-to-one entries: the table's few one-to-many entries keep their first reading.
    if (from && to && [...from].length === 1) map.set(from, [...to][0]!);
  }
  simplifiedOf = map;
  return map;
}

/** NFKC, lower case, simplified characters. */
export function normalizeText(text: string): string {
  const map = table();
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) out += map.get(ch) ?? ch;
  return out;
}

const HAN = /\p{Script=Han}/u;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** One piece of normalised text: a run of Chinese characters or a Latin/digit word. */
export type Piece = { kind: "han"; chars: string[] } | { kind: "word"; text: string };

/** Splits normalised text into runs of Chinese characters and Latin/digit words; drops the rest. */
export function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let han: string[] = [];
  let word = "";
  const flush = () => {
    if (han.length > 0) pieces.push({ kind: "han", chars: han });
    if (word) pieces.push({ kind: "word", text: word });
    han = [];
    word = "";
  };
  for (const ch of text) {
    if (isHan(ch)) {
      if (word) flush();
      han.push(ch);
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      if (han.length > 0) flush();
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  return pieces;
}

/** Bigrams of a run of characters, in order (a 1-character run has none). */
export function bigramsOf(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
