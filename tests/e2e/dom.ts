/**
 * The few DOM shapes that in-page callbacks (page.evaluate) use. The project type-checks
 * without lib "dom", whose Request/Response types clash with the Workers types, so callbacks
 * reach `document` through `inPage()` typed with these.
 */
export interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}

export interface PageDocument {
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
}

export type PageGlobals = { document: PageDocument; axe: { run(context: PageDocument, options: object): Promise<{ violations: AxeViolation[] }> } };

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}
