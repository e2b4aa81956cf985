/**
 * The donation island (browser code). On the tracker form: validates the id like the API
 * (don_ + 4–36 lowercase letters or digits), shows errors the GOV.UK way, fetches the live
 * record and renders where the money went. On every donation view: verifies each ledger
 * entry against the signed tree head (donation-verify.ts) and says the result plainly.
 * DOM nodes only, never innerHTML.
 */
import type { DonationDetail } from "./funds";
import { verifyDonation, type DonationCheck } from "./donation-verify";
import { whenNear } from "./when-near";

const ID_PATTERN = /^don_[0-9a-z]{4,36}$/;

export interface TrackerStrings {
  lang: "zh-cn" | "en";
  empty: string;
  invalid: string;
  notFound: string;
  failed: string;
  loading: string;
  errorSummary: string;
  record: string;
  id: string;
  date: string;
  amount: string;
  channel: string;
  donor: string;
  anonymous: string;
  target: string;
  allocated: string;
  unallocated: string;
  reversed: string;
  allocationsHeading: string;
  noAllocations: string;
  to: string;
  projectsHeading: string;
  project: string;
  status: string;
  budget: string;
  disbursed: string;
  verifyHeading: string;
  verifyIntro: string;
  verified: string;
  /** "{n}" entries, tree "{size}". */
  verifiedAll: string;
  failedSummary: string;
  /** "{check}", "{entry}". */
  failure: string;
  headFailure: string;
  entry: string;
  type: string;
  subject: string;
  result: string;
  head: string;
  treeSize: string;
  rootHash: string;
  signedAt: string;
  checks: Record<string, string>;
  channels: Record<string, string>;
  targets: Record<string, string>;
  entryTypes: Record<string, string>;
  projectStatus: Record<string, string>;
  projectBase: string;
  regionBase: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

function yuan(s: TrackerStrings, fen: number): string {
  const n = new Intl.NumberFormat(s.lang === "en" ? "en" : "zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
  return s.lang === "en" ? `¥${n}` : `${n} 元`;
}

const named = (s: TrackerStrings, x: { name_zh: string | null; name_en: string | null }) => (s.lang === "en" ? x.name_en ?? x.name_zh : x.name_zh ?? x.name_en) ?? "";

function table(caption: string, heads: string[], rows: (Node | string)[][], numeric: number[] = []): HTMLElement {
  const id = `t-${Math.random().toString(36).slice(2, 9)}`;
  const t = el("table", {}, el("caption", { id, class: "muted" }, caption));
  t.append(el("thead", {}, el("tr", {}, ...heads.map((h, i) => el("th", { scope: "col", ...(numeric.includes(i) ? { class: "num" } : {}) }, h)))));
  t.append(el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c, i) => el("td", numeric.includes(i) ? { class: "num" } : {}, c))))));
  return el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": id }, t);
}

/** The record: facts, allocations, projects' progress (what the static page shows too). */
export function renderRecord(s: TrackerStrings, d: DonationDetail): HTMLElement {
  const section = el("section", { class: "donation-record", "aria-labelledby": "record-heading" });
  section.append(el("h2", { id: "record-heading", tabindex: "-1" }, `${s.record} `, el("code", {}, d.id)));
  if (d.reversed) section.append(el("p", {}, el("strong", { class: "badge" }, s.reversed)));
  const facts = el("dl", { class: "facts" });
  const fact = (k: string, v: string | Node) => facts.append(el("dt", {}, k), el("dd", {}, v));
  fact(s.date, d.date);
  fact(s.amount, yuan(s, d.amount_fen));
  fact(s.channel, s.channels[d.channel] ?? d.channel);
  fact(s.donor, d.donor.named && d.donor.name ? d.donor.name : s.anonymous);
  fact(s.target, s.targets[d.target.type] ?? d.target.type);
  fact(s.allocated, yuan(s, d.allocated_fen));
  fact(s.unallocated, yuan(s, d.unallocated_fen));
  section.append(facts);

  section.append(el("h3", {}, s.allocationsHeading));
  if (d.allocations.length === 0) section.append(el("p", {}, s.noAllocations));
  else {
    const rows = d.allocations.map((a) => {
      const to = a.project
        ? el("a", { href: `${s.projectBase}${a.project.id}/` }, named(s, a.project))
        : a.village
          ? el("a", { href: `${s.regionBase}${a.village.code}/` }, named(s, a.village))
          : "—";
      return [a.date, to, yuan(s, a.amount_fen), `#${a.ledger_index}`];
    });
    rows.push([s.unallocated, "", yuan(s, d.unallocated_fen), ""]);
    section.append(table(s.allocationsHeading, [s.date, s.to, s.amount, s.entry], rows, [2, 3]));
  }
  if (d.projects.length > 0) {
    section.append(el("h3", {}, s.projectsHeading));
    section.append(
      table(
        s.projectsHeading,
        [s.project, s.status, s.budget, s.disbursed],
        d.projects.map((p) => [el("a", { href: `${s.projectBase}${p.id}/` }, named(s, p)), s.projectStatus[p.status] ?? p.status, yuan(s, p.budget_fen), `${yuan(s, p.disbursed_fen)} (${p.disbursements.length})`]),
        [2, 3],
      ),
    );
  }
  return section;
}

/** The verification section: summary first (said plainly), then every entry and the head. */
export function renderCheck(s: TrackerStrings, d: DonationDetail, check: DonationCheck): HTMLElement {
  const section = el("section", { class: "donation-verify", "aria-labelledby": "verify-heading" });
  section.append(el("h2", { id: "verify-heading" }, s.verifyHeading));
  const entryName = (r: DonationCheck["entries"][number]) => `${s.entry} #${r.index} (${s.entryTypes[r.type] ?? r.type}, ${r.subjectId})`;
  const problems: string[] = [];
  if (check.headFailed) problems.push(fill(s.headFailure, { check: s.checks[check.headFailed] ?? check.headFailed }));
  for (const r of check.entries) if (!r.ok) problems.push(fill(s.failure, { check: s.checks[r.failed ?? "fetch"] ?? "", entry: entryName(r) }));
  const summary = el("div", { class: `verify-summary ${check.ok ? "verify-ok" : "verify-failed"}`, role: "status", "data-verify-result": check.ok ? "verified" : "failed" });
  if (check.ok) summary.append(el("p", {}, el("strong", {}, fill(s.verifiedAll, { n: check.entries.length, size: check.head.tree_size }))));
  else summary.append(el("p", {}, el("strong", {}, s.failedSummary)), el("ul", {}, ...problems.map((p) => el("li", {}, p))));
  section.append(summary, el("p", {}, s.verifyIntro));
  section.append(
    table(
      `${s.entry} · ${s.result}`,
      [s.entry, s.type, s.subject, s.result],
      check.entries.map((r) => [
        `#${r.index}`,
        s.entryTypes[r.type] ?? r.type,
        el("code", {}, r.subjectId),
        el("span", { class: `verify-status ${r.ok ? "verify-ok" : "verify-failed"}`, "data-entry": String(r.index) }, r.ok ? `✓ ${s.verified}` : `✗ ${fill(s.failure, { check: s.checks[r.failed ?? "fetch"] ?? "", entry: `#${r.index}` })}`),
      ]),
    ),
  );
  const head = el("dl", { class: "facts" });
  head.append(
    el("dt", {}, s.treeSize), el("dd", {}, String(check.head.tree_size)),
    el("dt", {}, s.signedAt), el("dd", {}, check.head.time),
    el("dt", {}, s.rootHash), el("dd", { class: "hash" }, check.head.root_hash),
  );
  section.append(el("h3", {}, s.head), head);
  return section;
}

async function loadDonation(id: string): Promise<DonationDetail | "not_found"> {
  const res = await fetch(`/api/v1/donations/${id}`, { headers: { accept: "application/json" } });
  if (res.status === 404) return "not_found";
  if (!res.ok) throw new Error(String(res.status));
  return ((await res.json()) as { data: DonationDetail }).data;
}

/** Live view into `out`: the record (unless the page already shows it) and its check. */
async function show(s: TrackerStrings, id: string, out: HTMLElement, withRecord: boolean, onError: (message: string) => void): Promise<void> {
  out.replaceChildren(el("p", { role: "status" }, s.loading));
  let d: DonationDetail | "not_found";
  try {
    d = await loadDonation(id);
  } catch {
    out.replaceChildren();
    return onError(s.failed);
  }
  if (d === "not_found") {
    out.replaceChildren();
    return onError(s.notFound);
  }
  const record = withRecord ? renderRecord(s, d) : null;
  out.replaceChildren(...(record ? [record] : []), el("p", { role: "status" }, s.loading));
  const check = await verifyDonation(d).catch(() => null);
  const verify = check ? renderCheck(s, d, check) : el("p", { class: "verify-summary verify-failed", role: "status" }, fill(s.headFailure, { check: s.checks.fetch ?? "" }));
  out.replaceChildren(...(record ? [record] : []), verify);
  record?.querySelector<HTMLElement>("#record-heading")?.focus();
}

/** The tracker form: validation, error summary, live record. */
export function runTracker(form: HTMLFormElement): void {
  const s = JSON.parse(form.dataset.strings ?? "{}") as TrackerStrings;
  const input = form.querySelector<HTMLInputElement>("input[name=id]")!;
  const group = form.querySelector<HTMLElement>(".form-group")!;
  const message = form.querySelector<HTMLElement>(".error-message")!;
  const slot = form.querySelector<HTMLElement>(".error-summary-slot")!;
  const out = document.getElementById(form.dataset.output ?? "")!;
  const hintId = input.getAttribute("aria-describedby") ?? "";

  const clear = () => {
    slot.replaceChildren();
    message.hidden = true;
    message.textContent = "";
    group.classList.remove("form-group-error");
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", hintId);
  };
  const showError = (text: string) => {
    const summary = el("div", { class: "error-summary", role: "alert", tabindex: "-1" }, el("h2", {}, s.errorSummary), el("ul", { class: "link-list" }, el("li", {}, el("a", { href: `#${input.id}` }, text))));
    slot.replaceChildren(summary);
    message.textContent = text;
    message.hidden = false;
    group.classList.add("form-group-error");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${hintId} ${message.id}`);
    summary.focus();
  };

  const submit = (id: string) => {
    clear();
    if (id === "") return showError(s.empty);
    if (!ID_PATTERN.test(id)) return showError(s.invalid);
    const url = new URL(location.href);
    url.searchParams.set("id", id);
    history.replaceState(null, "", url);
    void show(s, id, out, true, showError);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(input.value.trim());
  });
  const initial = new URL(location.href).searchParams.get("id");
  if (initial) {
    input.value = initial;
    submit(initial.trim());
  }
}

/**
 * A donation's own page: the record is static; the check runs live, once its section comes
 * near the screen. The check reads the record, the keys, the head and a proof per entry and
 * redraws the section: on a slow phone that was most of the page's blocking time (Lighthouse:
 * TBT ~2 s) for a result below the fold, so a reader who never scrolls there pays nothing.
 */
export function runDonationCheck(section: HTMLElement): void {
  const s = JSON.parse(section.dataset.strings ?? "{}") as TrackerStrings;
  const run = () => void show(s, section.dataset.id ?? "", section, false, (text) => section.replaceChildren(el("p", { class: "verify-summary verify-failed", role: "status" }, text)));
  // The no-JavaScript note gives way at once; the check itself waits for the reader.
  section.replaceChildren(el("p", { role: "status" }, s.loading));
  whenNear(section, run);
}
