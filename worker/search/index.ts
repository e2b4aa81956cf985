/** Search over regions, villages, notices, projects, named donors and official-figure metrics. */
export { refreshSearchIndex, SEARCH_DATASET } from "./refresh";
export { searchPage, searchQuery, type SearchCursor, type SearchFilters, type SearchHit } from "./query";
export { MATCH_TIERS, SEARCH_KINDS, type MatchTier, type SearchKind } from "./tokens";
export { normalizeText, piecesOf } from "./text";
