/**
 * The notice page's ledger island (browser code): reads the notice as the API serves it,
 * runs notice-verify.ts and says the result plainly, first the summary, then each entry.
 * DOM nodes only, never innerHTML.
 */
import type { NoticeLedgerStrings } from "../i18n/notice-ledger";
import { verifyNotice, type NoticeCheck, type VerifiableNotice } from "./notice-verify";
import { whenNear } from "./when-near";

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function render(s: NoticeLedgerStrings, check: NoticeCheck): Node[] {
  const problems: string[] = [];
  if (check.fingerprintMatches === false) problems.push(fill(s.fingerprintMismatch, { recomputed: check.recomputed ?? "" }));
  if (!check.head) problems.push(s.notLogged);
  else if (check.headFailed) problems.push(fill(s.headFailure, { check: s.checks[check.headFailed] ?? check.headFailed }));
  for (const e of check.entries) {
    if (!e.ok) problems.push(fill(s.entryFailure, { entry: `${s.types[e.type] ?? e.type}${e.index === null ? "" : ` #${e.index}`}`, check: s.checks[e.failed ?? "fetch"] ?? "" }));
  }
  const summary = el("div", { class: `verify-summary ${check.ok ? "verify-ok" : "verify-failed"}`, role: "status", "data-verify-result": check.ok ? "verified" : "failed" });
  if (check.ok) {
    const text = check.recomputed === null ? s.verifiedWithdrawn : s.verified;
    summary.append(el("p", {}, el("strong", {}, fill(text, { n: check.entries.length, size: check.head?.tree_size ?? 0 }))));
  } else summary.append(el("p", {}, el("strong", {}, s.failed)), el("ul", {}, ...problems.map((p) => el("li", {}, p))));
  const list = el("ul", { class: "link-list" }, ...check.entries.map((e) => el("li", { "data-entry": String(e.index ?? "") }, `${s.entry} ${e.index === null ? "—" : `#${e.index}`} (${s.types[e.type] ?? e.type}): ${e.ok ? `✓ ${s.ok}` : `✗ ${s.checks[e.failed ?? "fetch"] ?? ""}`}`)));
  const out: Node[] = [summary, list];
  if (check.recomputed) out.push(el("p", { class: "fingerprint" }, el("span", { class: "muted" }, `${s.recomputed} `), el("code", {}, check.recomputed)));
  return out;
}

export function runNoticeLedgerCheck(section: HTMLElement): void {
  const s = JSON.parse(section.dataset.strings ?? "{}") as NoticeLedgerStrings;
  const out = section.querySelector<HTMLElement>("[data-check-output]")!;
  out.replaceChildren(el("p", { role: "status" }, s.loading));
  // The check (the notice with its proofs, the signed head, hashing) waits for the reader to
  // come near it, as a donation's does: it sits below the items and the objection form.
  whenNear(section, () => void check(s, section, out));
}

async function check(s: NoticeLedgerStrings, section: HTMLElement, out: HTMLElement): Promise<void> {
  try {
    const res = await fetch(section.dataset.src ?? "", { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(String(res.status));
    const notice = ((await res.json()) as { data: VerifiableNotice }).data;
    out.replaceChildren(...render(s, await verifyNotice(notice)));
  } catch {
    out.replaceChildren(el("p", { class: "verify-summary verify-failed", role: "status", "data-verify-result": "failed" }, fill(s.headFailure, { check: s.checks.fetch ?? "" })));
  }
}
