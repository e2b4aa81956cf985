/**
 * The pledge page's island (browser code): verifies the need's pledge and delivery entries
 * against the signed tree head with the worker's own proof code (donation-verify.ts) and
 * says, per entry, whether it verified. The page carries the record it rendered.
 */
import { verifyNeed } from "./donation-verify";
import type { NeedDetail } from "./needs";

export async function runNeedCheck(section: HTMLElement): Promise<void> {
  const s = JSON.parse(section.dataset.strings ?? "{}") as Record<string, string>;
  const need = JSON.parse(section.dataset.need ?? "null") as NeedDetail | null;
  const summary = section.querySelector<HTMLElement>("[data-verify-summary]")!;
  const list = section.querySelector<HTMLElement>("[data-verify-entries]")!;
  if (!need) return;
  summary.textContent = s.verifying!;
  const check = await verifyNeed(need).catch(() => null);
  if (!check) {
    summary.textContent = s.failed!;
    section.dataset.result = "failed";
    return;
  }
  list.replaceChildren(
    ...check.entries.map((e) => {
      const li = document.createElement("li");
      li.dataset.entryType = e.type;
      li.dataset.ok = String(e.ok);
      li.textContent = `${e.type === "need_pledge" ? s.entryPledge : s.entryDelivery} #${e.index}: ${e.ok ? s.verified : `${s.failed} (${e.failed})`}`;
      return li;
    }),
  );
  const head = document.createElement("li");
  head.textContent = check.headFailed ? `${s.headFailed} (${check.headFailed})` : s.headOk!;
  list.append(head);
  summary.textContent = check.ok ? s.verified! : s.failed!;
  section.dataset.result = check.ok ? "verified" : "failed";
}
