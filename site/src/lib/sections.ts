/**
 * The site's sections in navigation order. A section appears in the navigation and among the
 * home page's ways in only once its page exists (pages/[...lang]/<id>/index.astro), so the
 * notices, reports, funds and donations sections switch on by themselves as they land, and
 * the site never links to a page that is not there.
 */
export const SECTIONS = ["regions", "notices", "reports", "funds", "donations", "data"] as const;
export type SectionId = (typeof SECTIONS)[number];

const PAGE_FILES = Object.keys(import.meta.glob("../pages/**/index.astro"));

export function sectionExists(id: SectionId): boolean {
  return PAGE_FILES.some((file) => file.endsWith(`]/${id}/index.astro`));
}

export function liveSections(): SectionId[] {
  return SECTIONS.filter(sectionExists);
}

export function sectionPath(id: SectionId): string {
  return `/${id}/`;
}
