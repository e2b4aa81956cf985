/**
 * Page checks shared by the funds and donations journeys: axe-core findings and the phone
 * checks (sideways scroll, 44 px tap targets) as one line per problem, so a failing test
 * reads as a list. Same rules as accessibility.e2e.test.ts and mobile.e2e.test.ts.
 */
import type { Page } from "playwright-core";
import { axeScript } from "./browser";
import type { AxeViolation, PageGlobals } from "./dom";

export async function axeFindings(p: Page, label: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds.
  await p.evaluate(axeScript());
  const violations = await p.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageGlobals;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Links inside a sentence (a <p>) are exempt, as WCAG 2.5.8 exempts inline targets. */
export function phoneProblems(p: Page, label: string): Promise<string[]> {
  return p.evaluate(
    ({ min, label }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const problems: string[] = [];
      const { scrollWidth, clientWidth } = document.documentElement;
      if (scrollWidth > clientWidth) problems.push(`${label}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
        if (el.closest("p") || el.classList.contains("skip-link")) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.height < min - 0.5 || box.width < min - 0.5) problems.push(`${label}: ${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
      return problems;
    },
    { min: 44, label },
  );
}
