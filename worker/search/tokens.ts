/**
 * The token lists of one search document (write time) and the FTS5 match expressions of a
 * query (request time). Both sides go through text.ts, so they agree on characters.
 */
import { levelOfCode, prefixOf, REGION_LEVELS } from "../domain/region-codes";
import { bigramsOf, normalizeText, piecesOf } from "./text";

export const SEARCH_KINDS = ["region", "village", "metric", "project", "notice", "donor"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Marks the end of a name in `nu` and `nb`: an exact match is a phrase that starts the column and ends with it. */
const END = "0";
/** Prefix of the other text's tokens (see tokensOf). */
const BODY = "b";
/** Pinyin suffixes start at most this many characters in (long notice titles). */
const MAX_PINYIN_STARTS = 24;
const MAX_PINYIN_TOKEN = 60;
/** Names up to this long get a whole-name token (the exact tier); longer ones match by phrase. */
const MAX_EXACT_TOKEN = 20;

/** What the index needs of a record: its names, other text, kind and region. */
export interface SearchSource {
  kind: SearchKind;
  regionCode: string | null;
  nameZh: string;
  nameEn?: string | null;
  /** Other searchable text (a notice's body and issuer, a figure's region and source). */
  text?: readonly (string | null | undefined)[];
}

/** Syllables (toneless, ü as v) of a run of Chinese characters, one per character. */
export type PinyinOf = (chars: readonly string[]) => { full: string[]; initials: string[] };

export interface SearchTokens {
  nu: string;
  nb: string;
  pf: string;
  pi: string;
  l: string;
  bu: string;
  bb: string;
  f: string;
  h: string;
}

/** Region filter token for a code: its significant prefix ("r340223" for Nanling county). */
export function regionToken(code: string): string {
  return `r${prefixOf(code)}`;
}

function regionTokens(code: string | null): string[] {
  if (!code) return [];
  const depth = REGION_LEVELS.indexOf(levelOfCode(code));
  return REGION_LEVELS.slice(0, depth + 1).map((level) => `r${prefixOf(code, level)}`);
}

export function tokensOf(source: SearchSource, pinyinOf: PinyinOf): SearchTokens {
  const name = piecesOf(normalizeText(source.nameZh));
  const nameChars = name.flatMap((p) => (p.kind === "han" ? p.chars : []));
  const nameBigrams = name.flatMap((p) => (p.kind === "han" ? bigramsOf(p.chars) : []));
  const words = [
    ...name.flatMap((p) => (p.kind === "word" ? [p.text] : [])),
    ...piecesOf(normalizeText(source.nameEn ?? "")).flatMap((p) => (p.kind === "word" ? [p.text] : [])),
  ];

  const { full, initials } = nameChars.length > 0 ? pinyinOf(nameChars) : { full: [], initials: [] };
  const pf: string[] = [];
  const pi: string[] = [];
  for (let i = 0; i < Math.min(full.length, MAX_PINYIN_STARTS); i++) {
    pf.push(full.slice(i).join("").slice(0, MAX_PINYIN_TOKEN));
    pi.push(initials.slice(i).join("").slice(0, MAX_PINYIN_TOKEN));
  }

  // Other text's tokens carry the prefix "b": a token's doclist is shared by every column,
  // and 村 in half a million village names must not be walked to find it in a notice body.
  const bu: string[] = [];
  const bb: string[] = [];
  for (const text of source.text ?? []) {
    if (!text) continue;
    for (const piece of piecesOf(normalizeText(text))) {
      if (piece.kind === "word") bu.push(`${BODY}${piece.text}`);
      else {
        bu.push(...piece.chars.map((c) => `${BODY}${c}`));
        bb.push(...bigramsOf(piece.chars).map((b) => `${BODY}${b}`));
      }
    }
  }
  return {
    nu: [...nameChars, END].join(" "),
    nb: [...nameBigrams, END].join(" "),
    pf: pf.join(" "),
    pi: pi.join(" "),
    l: words.join(" "),
    bu: bu.join(" "),
    bb: bb.join(" "),
    f: [`t${source.kind}`, ...regionTokens(source.regionCode)].join(" "),
    h: [
      ...(nameChars.length > 0 && nameChars.length <= MAX_EXACT_TOKEN ? [`e${nameChars.join("")}`] : []),
      ...nameChars.slice(0, 1).map((c) => `h${c}`),
      ...(nameChars.length >= 2 ? [`h${nameChars[0]}${nameChars[1]}`] : []),
      ...(pf[0] ? [`p${pf[0]}`, `q${pi[0]}`] : []),
    ].join(" "),
  };
}

// ── Queries ──────────────────────────────────────────────────────────────────────────

/**
 * Match tiers, best first: the whole name, the start of the name, anywhere in the name
 * (or its pinyin), anywhere in the other text. Results list tier by tier; each tier's
 * expression excludes the earlier tiers so a record appears once.
 */
export const MATCH_TIERS = ["exact", "prefix", "name", "text"] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const any = (exprs: string[]) => (exprs.length === 1 ? exprs[0]! : `(${exprs.join(" OR ")})`);
const all = (exprs: string[]) => (exprs.length === 1 ? exprs[0]! : `(${exprs.join(" AND ")})`);

/** The expression of each tier for a query (null where a tier cannot match), before filters. */
export function tierExpressions(query: string): (string | null)[] {
  const pieces = piecesOf(normalizeText(query));
  const runs = pieces.flatMap((p) => (p.kind === "han" ? [p.chars] : []));
  const words = pieces.flatMap((p) => (p.kind === "word" ? [p.text] : []));
  if (pieces.length === 0) return MATCH_TIERS.map(() => null);

  // A run of characters is one unigram (1 character) or a phrase of its bigrams.
  const inName = (chars: string[]) => (chars.length === 1 ? `nu : ${quote(chars[0]!)}` : `nb : ${quote(bigramsOf(chars).join(" "))}`);
  const inText = (chars: string[]) => (chars.length === 1 ? `bu : ${quote(BODY + chars[0]!)}` : `bb : ${quote(bigramsOf(chars).map((b) => BODY + b).join(" "))}`);
  // Latin input is pinyin (spaces optional: "nan ling" = "nanling"), initials or words of a name.
  const joined = words.join("");
  const pinyinName = /^[a-z]+$/.test(joined) ? [`pf : ${quote(joined)}*`, `pi : ${quote(joined)}*`] : [];
  const wordsInName = words.length > 0 ? `l : ${quote(words.join(" "))}*` : null;
  const wordsInText = words.map((w) => `bu : ${quote(BODY + w)}*`);

  if (runs.length > 0 && words.length === 0) {
    const run = runs.length === 1 ? runs[0]! : null;
    let exact: string | null = null;
    let prefix: string | null = null;
    if (run) {
      exact = run.length <= MAX_EXACT_TOKEN ? `h : ${quote(`e${run.join("")}`)}` : `nb : ^ ${quote([...bigramsOf(run), END].join(" "))}`;
      const head = `h : ${quote(`h${run.slice(0, 2).join("")}`)}`;
      // The head token narrows to names starting with the first one or two characters; a longer query checks the rest as a phrase.
      prefix = run.length <= 2 ? head : `(${head} AND nb : ^ ${quote(bigramsOf(run).join(" "))})`;
    }
    // One run: the text tier is the other text alone (a name match is the earlier tier; an OR
    // with it would make the tier walk every name that has the character, only to exclude it).
    const text = run ? inText(run) : all(runs.map((r) => any([inName(r), inText(r)])));
    return [exact, prefix, all(runs.map(inName)), text];
  }
  if (runs.length === 0) {
    const exact = pinyinName.length > 0 ? `(h : ${quote(`p${joined}`)} OR h : ${quote(`q${joined}`)})` : null;
    const prefix = any([...(pinyinName.length > 0 ? [`h : ${quote(`p${joined}`)}*`, `h : ${quote(`q${joined}`)}*`] : []), `l : ^ ${quote(words.join(" "))}*`]);
    return [exact, prefix, any([...pinyinName, wordsInName!]), all(wordsInText)];
  }
  // Mixed Chinese and Latin ("南陵 2016"): every part somewhere, one tier.
  const parts = [...runs.map((r) => any([inName(r), inText(r)])), ...words.map((w) => any([`{l pf pi} : ${quote(w)}*`, `bu : ${quote(BODY + w)}*`]))];
  return [null, null, null, all(parts)];
}

/** The tier expressions with the earlier tiers excluded and the type and region filters added. */
export function tierMatches(query: string, filters: { kind?: SearchKind; region?: string }): (string | null)[] {
  const tiers = tierExpressions(query);
  const facets = [filters.kind ? `f : ${quote(`t${filters.kind}`)}` : null, filters.region ? `f : ${quote(regionToken(filters.region))}` : null].filter((x): x is string => x !== null);
  return tiers.map((expr, i) => {
    if (expr === null) return null;
    const earlier = tiers.slice(0, i).filter((e): e is string => e !== null);
    let match = facets.length > 0 ? all([expr, ...facets]) : expr;
    if (earlier.length > 0) match = `(${match}) NOT (${earlier.join(" OR ")})`;
    return match;
  });
}

/**
 * The FTS5 expression for "a region's or village's name contains the query" (GET
 * /api/v1/regions?q=): Chinese as a phrase of its bigrams in the name (a substring match),
 * Latin text as the start of the name's pinyin or initials from any character on, or of a
 * word of its English name. Only region and village documents; `parent` narrows to the
 * documents below that region (its code-prefix facet). Null when nothing can match.
 */
export function regionNameMatch(query: string, filters: { village?: boolean; below?: string } = {}): string | null {
  const pieces = piecesOf(normalizeText(query));
  if (pieces.length === 0) return null;
  const words = pieces.flatMap((p) => (p.kind === "word" ? [p.text] : []));
  const joined = words.join("");
  // Latin only: pinyin with or without spaces ("nan ling" = "nanling"), or words of the English name.
  const latinOnly = words.length === pieces.length ? [any([...(/^[a-z]+$/.test(joined) ? [`{pf pi} : ${quote(joined)}*`] : []), `l : ${quote(words.join(" "))}*`])] : null;
  const parts = latinOnly ?? pieces.map((p) => {
    if (p.kind === "han") return p.chars.length === 1 ? `nu : ${quote(p.chars[0]!)}` : `nb : ${quote(bigramsOf(p.chars).join(" "))}`;
    return /^[a-z]+$/.test(p.text) ? `{l pf pi} : ${quote(p.text)}*` : `l : ${quote(p.text)}*`;
  });
  const kinds = filters.village === undefined ? `(f : "tregion" OR f : "tvillage")` : `f : ${quote(filters.village ? "tvillage" : "tregion")}`;
  const facets = [kinds, ...(filters.below ? [`f : ${quote(regionToken(filters.below))}`] : [])];
  return all([...parts, ...facets]);
}
