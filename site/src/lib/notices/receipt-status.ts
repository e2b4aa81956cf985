/**
 * The receipt-status island (browser code). A receipt is written the way the API reads it
 * (any case, dashes or spaces, O for 0, I/L for 1: worker/domain/receipts.ts); it is looked up
 * as a report, then as an objection (both receipts look alike), and never put in the address
 * or stored. Everything shown comes from the public answer: statuses, deadlines, public texts.
 */
import { clearErrors, el, showErrors } from "./form-kit";
import { beijingTime, fill } from "./rules";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The receipt's 24 characters, as the API normalizes them, or null when it cannot be one. */
export function normalizeReceipt(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (cleaned.length !== 24 || [...cleaned].some((ch) => !ALPHABET.includes(ch))) return null;
  return cleaned;
}

interface Deadline {
  due_at: string;
  done_at: string | null;
  overdue: boolean;
  late: boolean;
}
interface ReportStatus {
  category: string;
  region: { code: string; name_zh: string | null; name_en: string | null };
  status: string;
  received_at: string;
  acknowledgement: Deadline;
  resolution: Deadline | null;
  overdue: boolean;
  timeline: { at: string; status: string | null; text: string | null }[];
  /** Set when the discipline-inspection office opened a case on the report: only its outcome. */
  accountability_case?: { opened: true; outcome: string } | null;
}
interface ObjectionStatus {
  notice_id: string;
  item_no: number | null;
  status: string;
  received_at: string;
  answered_at: string | null;
  answer: string | null;
}

type M = Record<string, string> & {
  statuses: Record<string, string>;
  objectionStatuses: Record<string, string>;
  categories: Record<string, string>;
};

const when = (iso: string) => `${beijingTime(iso)} (UTC+8)`;

function facts(rows: [string, Node | string][]): HTMLDListElement {
  const dl = el("dl", { class: "facts" });
  for (const [term, value] of rows) {
    dl.append(el("dt", {}, term));
    const dd = el("dd");
    dd.append(value);
    dl.append(dd);
  }
  return dl;
}

function badge(text: string, extra = ""): HTMLSpanElement {
  return el("span", { class: `badge ${extra}`.trim() }, text);
}

function deadlineNode(d: Deadline, m: M): Node {
  const span = el("span");
  span.append(d.done_at ? fill(d.late ? m.doneLate : m.done, { at: when(d.done_at) }) : fill(m.pending, { at: when(d.due_at) }));
  if (d.overdue) {
    span.append(" ");
    span.append(badge(m.overdue, "badge-overdue"));
  }
  return span;
}

function renderReport(r: ReportStatus, m: M): Node[] {
  const status = el("span");
  status.append(badge(m.statuses[r.status] ?? r.status));
  if (r.overdue) {
    status.append(" ");
    status.append(badge(m.overdue, "badge-overdue"));
  }
  const rows: [string, Node | string][] = [
    [m.status, status],
    [m.category, m.categories[r.category] ?? r.category],
    [m.region, (m.lang === "en" ? r.region.name_en : r.region.name_zh) ?? r.region.name_zh ?? r.region.code],
    [m.received, when(r.received_at)],
    [m.ackDue, deadlineNode(r.acknowledgement, m)],
  ];
  if (r.resolution) rows.push([m.resolveDue, deadlineNode(r.resolution, m)]);
  const nodes: Node[] = [el("h2", { id: "status-heading", tabindex: "-1" }, m.reportHeading), facts(rows)];
  if (r.overdue) {
    const p = el("p");
    p.append(el("a", { href: "#overdue-rules" }, m.overdueExplain));
    nodes.push(p);
  }
  nodes.push(el("h3", {}, m.timeline));
  const list = el("ol", { class: "timeline" });
  for (const entry of r.timeline) {
    const li = el("li");
    li.append(el("span", { class: "timeline-at" }, when(entry.at)));
    li.append(el("span", { class: "timeline-status" }, entry.status ? (m.statuses[entry.status] ?? entry.status) : m.message));
    // The authority's public text, as text: it never runs as markup.
    if (entry.text) li.append(el("p", m.lang === "en" ? { lang: "zh-CN" } : {}, entry.text));
    list.append(li);
  }
  nodes.push(list);
  if (r.accountability_case) {
    const outcome = CASE_OUTCOME_TEXT[m.lang === "en" ? "en" : "zh"][r.accountability_case.outcome] ?? r.accountability_case.outcome;
    // "No case" means the office examined the report and opened none: saying a case was
    // opened would be untrue.
    const lead =
      r.accountability_case.outcome === "no_case"
        ? m.lang === "en" ? "The discipline inspection office examined this report. Outcome: " : "纪检监察机关已就此举报进行核查。处理结果："
        : m.lang === "en" ? "A discipline case was opened on this report. Outcome: " : "纪检监察机关已就此举报立案办理。处理结果：";
    nodes.push(el("p", { class: "accountability-case", "data-case-outcome": r.accountability_case.outcome }, `${lead}${outcome}`));
  }
  return nodes;
}

/** The case outcome as the reporter reads it (worker/accountability/rules.ts). */
const CASE_OUTCOME_TEXT: Record<"zh" | "en", Record<string, string>> = {
  zh: { party_government_discipline: "给予党纪政纪处分", referral_to_prosecutors: "移送司法机关", no_case: "不予立案" },
  en: { party_government_discipline: "party or government discipline", referral_to_prosecutors: "referred to prosecutors", no_case: "no case" },
};

function renderObjection(o: ObjectionStatus, m: M): Node[] {
  const link = el("a", { href: `${m.noticeBase}${o.notice_id}/` }, o.notice_id);
  const rows: [string, Node | string][] = [
    [m.status, badge(m.objectionStatuses[o.status] ?? o.status)],
    [m.notice, link],
    [m.received, when(o.received_at)],
    [m.answer, o.answer ? el("span", m.lang === "en" ? { lang: "zh-CN" } : {}, o.answer) : m.noAnswer],
  ];
  if (o.answered_at) rows.splice(3, 0, ["", when(o.answered_at)]);
  return [el("h2", { id: "status-heading", tabindex: "-1" }, m.objectionHeading), facts(rows.filter(([term]) => term !== ""))];
}

async function lookUp(url: string): Promise<{ status: number; data?: unknown }> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) return { status: response.status };
  return { status: 200, data: ((await response.json()) as { data: unknown }).data };
}

export function runReceiptStatus(form: HTMLFormElement): void {
  const m = JSON.parse(form.dataset.messages ?? "{}") as M;
  const input = form.querySelector<HTMLInputElement>("[name=receipt]")!;
  const result = document.querySelector<HTMLElement>("[data-status-result]")!;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const raw = input.value.trim();
    if (!raw) return showErrors(form, [{ field: "receipt", message: m.empty }], m.summary);
    const receipt = normalizeReceipt(raw);
    if (!receipt) return showErrors(form, [{ field: "receipt", message: m.format }], m.summary);
    clearErrors(form);
    try {
      const report = await lookUp(`/api/v1/reports/${receipt}`);
      if (report.status === 200) {
        result.replaceChildren(...renderReport(report.data as ReportStatus, m));
      } else if (report.status === 404) {
        const objection = await lookUp(`/api/v1/objections/${receipt}`);
        if (objection.status === 200) result.replaceChildren(...renderObjection(objection.data as ObjectionStatus, m));
        else if (objection.status === 404) return showErrors(form, [{ field: "receipt", message: m.notFound }], m.summary);
        else return showErrors(form, [{ field: "", message: m.failed }], m.summary);
      } else {
        return showErrors(form, [{ field: "", message: m.failed }], m.summary);
      }
    } catch {
      return showErrors(form, [{ field: "", message: m.failed }], m.summary);
    }
    result.querySelector<HTMLElement>("#status-heading")?.focus();
  });
}
