/**
 * The search query: each match tier is one FTS5 MATCH walked in document-id order and
 * stopped at the page size (never a sort of every hit), the tiers chained with UNION ALL in
 * one statement. The cursor is (tier, last id). Visibility is checked again against the
 * source tables: a draft notice or an anonymous donation is never returned, even if the
 * index lagged behind a write.
 */
import type { Db } from "../db/client";
import { MATCH_TIERS, tierMatches, type MatchTier, type SearchKind } from "./tokens";

export interface SearchFilters {
  kind?: SearchKind;
  /** Region code: hits in this region and below. */
  region?: string;
}

export interface SearchCursor {
  tier: number;
  id: number;
}

export interface SearchHit {
  tier: number;
  match: MatchTier;
  id: number;
  kind: SearchKind;
  ref: string;
  regionCode: string | null;
  titleZh: string;
  titleEn: string | null;
  contextZh: string | null;
  contextEn: string | null;
  path: string;
}

const VISIBLE = `CASE d.kind
    WHEN 'notice' THEN EXISTS (SELECT 1 FROM notices n WHERE n.id = d.ref AND n.status <> 'draft')
    WHEN 'donor' THEN EXISTS (SELECT 1 FROM donations x WHERE x.id = d.ref AND x.donor_name IS NOT NULL)
    ELSE 1 END`;

/** The statement behind `searchPage`, unexecuted (the query-plan test and the bench read it); null when nothing can match. */
export function searchQuery(query: string, filters: SearchFilters, after: SearchCursor | undefined, limit: number): { sql: string; params: unknown[] } | null {
  const matches = tierMatches(query, filters);
  const arms: string[] = [];
  const params: unknown[] = [];
  matches.forEach((match, tier) => {
    if (match === null || (after && tier < after.tier)) return;
    arms.push(
      `SELECT * FROM (SELECT ${tier} AS tier, d.id, d.kind, d.ref, d.region_code, d.title_zh, d.title_en, d.context_zh, d.context_en, d.path
    FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
    WHERE search_fts MATCH ? AND search_fts.rowid > ? AND ${VISIBLE}
    ORDER BY search_fts.rowid LIMIT ?)`,
    );
    params.push(match, after && tier === after.tier ? after.id : 0, limit);
  });
  if (arms.length === 0) return null;
  return { sql: `${arms.join("\nUNION ALL\n")}\nORDER BY tier, id LIMIT ?`, params: [...params, limit] };
}

interface HitRow {
  tier: number;
  id: number;
  kind: SearchKind;
  ref: string;
  region_code: string | null;
  title_zh: string;
  title_en: string | null;
  context_zh: string | null;
  context_en: string | null;
  path: string;
}

/** Hits after `after`, best tier first, at most `limit`. */
export async function searchPage(db: Db, query: string, filters: SearchFilters, after: SearchCursor | undefined, limit: number): Promise<SearchHit[]> {
  const statement = searchQuery(query, filters, after, limit);
  if (!statement) return [];
  const { results } = await db.$client
    .prepare(statement.sql)
    .bind(...statement.params)
    .all<HitRow>();
  return results.map((r) => ({
    tier: r.tier,
    match: MATCH_TIERS[r.tier]!,
    id: r.id,
    kind: r.kind,
    ref: r.ref,
    regionCode: r.region_code,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    contextZh: r.context_zh,
    contextEn: r.context_en,
    path: r.path,
  }));
}
