/**
 * The village-search island (browser code). Validates like the API (1–50 characters),
 * shows errors the GOV.UK way (summary at the top, message beside the field), then lists
 * live matches from /api/v1/regions?q=…. Built with DOM nodes only (never innerHTML).
 */
const MAX_RESULTS = 50;
const MAX_LENGTH = 50;

interface RegionHit {
  code: string;
  name_zh: string;
  name_en: string;
  level: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function runVillageSearch(form: HTMLFormElement): void {
  const d = form.dataset;
  const input = form.querySelector<HTMLInputElement>("input[name=q]");
  const results = form.querySelector<HTMLElement>(".search-results");
  const summarySlot = form.querySelector<HTMLElement>(".error-summary-slot");
  const errorMessage = form.querySelector<HTMLElement>(".error-message");
  const group = form.querySelector<HTMLElement>(".form-group");
  if (!input || !results || !summarySlot || !errorMessage || !group) return;
  const levels = JSON.parse(d.levels ?? "{}") as Record<string, string>;
  const english = d.lang === "en";
  const hintId = input.getAttribute("aria-describedby")?.split(" ")[0] ?? "";

  function clearError() {
    summarySlot!.replaceChildren();
    errorMessage!.hidden = true;
    errorMessage!.textContent = "";
    group!.classList.remove("form-group-error");
    input!.removeAttribute("aria-invalid");
    input!.setAttribute("aria-describedby", hintId);
  }

  function showError(message: string) {
    const summary = el("div", { class: "error-summary", role: "alert", tabindex: "-1" });
    summary.append(el("h2", {}, d.msgSummary ?? ""));
    const list = el("ul", { class: "link-list" });
    const item = el("li");
    item.append(el("a", { href: `#${input!.id}` }, message));
    list.append(item);
    summary.append(list);
    summarySlot!.replaceChildren(summary);
    errorMessage!.textContent = message;
    errorMessage!.hidden = false;
    group!.classList.add("form-group-error");
    input!.setAttribute("aria-invalid", "true");
    input!.setAttribute("aria-describedby", `${hintId} ${errorMessage!.id}`);
    results!.replaceChildren();
    summary.focus();
  }

  function fallbackLink(): HTMLParagraphElement {
    const p = el("p");
    p.append(el("a", { href: d.allVillages ?? "" }, d.msgFailed ?? ""));
    return p;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q === "") return showError(d.msgEmpty ?? "");
    if ([...q].length > MAX_LENGTH) return showError(d.msgTooLong ?? "");
    clearError();
    const params = new URLSearchParams({ q, limit: String(MAX_RESULTS) });
    let hits: RegionHit[];
    let more = false;
    try {
      const response = await fetch(`/api/v1/regions?${params}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { data: RegionHit[]; next: string | null };
      hits = body.data;
      more = body.next !== null;
    } catch {
      results.replaceChildren(fallbackLink());
      return;
    }
    const heading = el("h2", {}, (d.msgResults ?? "{n}").replace("{n}", String(hits.length)));
    const nodes: Node[] = [heading];
    if (hits.length === 0) nodes.push(el("p", {}, d.msgNone ?? ""));
    if (more) nodes.push(el("p", {}, d.msgMore ?? ""));
    const list = el("ul", { class: "link-list" });
    for (const hit of hits) {
      const item = el("li");
      const link = el("a", { href: `${d.regionBase}${hit.code}/` });
      link.append(el("span", {}, english ? hit.name_en : hit.name_zh));
      link.append(el("span", { class: "muted" }, ` · ${levels[hit.level] ?? hit.level} · ${english ? hit.name_zh : hit.name_en}`));
      item.append(link);
      list.append(item);
    }
    if (hits.length > 0) nodes.push(list);
    results.replaceChildren(...nodes);
  });
  // Says the island has taken over the form (tests wait for it before they submit).
  form.dataset.ready = "true";
}
