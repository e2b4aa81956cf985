/**
 * The objection form's island (browser code): checks what the API checks, posts JSON to
 * /api/v1/notices/{id}/objections, maps refusals to the fields, and shows the receipt once.
 */
import { apiErrors, attachCounter, busy, postJson, showErrors, showReceipt, type FieldError } from "./form-kit";
import { beijingTime } from "./rules";

const TEXT_MIN = 5;
const TEXT_MAX = 2000;
const CONTACT_MAX = 200;

type Messages = Record<string, string>;

export const OBJECTION_FIELDS = ["item_no", "text", "contact"] as const;

/**
 * The page's own check of one field (the API's rules), or null when it passes: the island
 * runs it before posting, the Worker on a no-JS post (lib/notices/form-post.ts).
 */
export function checkObjectionField(field: string, values: Record<string, string>, itemValues: string[], m: Messages): string | null {
  if (field === "text") {
    const n = (values.text ?? "").trim().length;
    if (n === 0) return m.textEmpty!;
    if (n < TEXT_MIN) return m.textShort!;
    if (n > TEXT_MAX) return m.textLong!;
  }
  if (field === "contact" && (values.contact ?? "").trim().length > CONTACT_MAX) return m.contactLong!;
  if (field === "item_no" && values.item_no && !itemValues.includes(values.item_no)) return m.item!;
  return null;
}

/** The JSON body the API takes, from the form's values (as the island and the no-JS post send it). */
export function objectionBody(values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { text: values.text ?? "" };
  if ((values.contact ?? "").trim()) body.contact = values.contact;
  if (values.item_no) body.item_no = /^\d+$/.test(values.item_no) ? Number(values.item_no) : values.item_no;
  if (values.website) body.website = values.website;
  return body;
}

/** API refusals the form words itself (closed period, unknown notice). */
export function objectionSpecial(m: Messages) {
  return (code: string) => (code === "notice_not_open" || code === "outside_objection_period" ? m.closed! : code === "not_found" ? m.notFound! : null);
}

export function runObjectionForm(form: HTMLFormElement): void {
  const m = JSON.parse(form.dataset.messages ?? "{}") as Messages;
  const endpoint = form.dataset.endpoint ?? "";
  const text = form.querySelector<HTMLTextAreaElement>("[name=text]")!;
  const contact = form.querySelector<HTMLInputElement>("[name=contact]")!;
  const item = form.querySelector<HTMLSelectElement>("[name=item_no]");
  const website = form.querySelector<HTMLInputElement>("[name=website]");
  const counter = form.querySelector<HTMLElement>("[data-counter]");
  const panel = document.querySelector<HTMLElement>("#objection-receipt");
  if (counter) attachCounter(text, counter, m.counter ?? "{n}/{max}", TEXT_MAX);

  const values = (): Record<string, string> => ({ text: text.value, contact: contact.value, item_no: item?.value ?? "", website: website?.value ?? "" });
  const check = (field: string) => checkObjectionField(field, values(), item ? [...item.options].map((o) => o.value) : [], m);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    for (const field of OBJECTION_FIELDS) {
      const message = check(field);
      if (message) errors.push({ field, message });
    }
    if (errors.length > 0) return showErrors(form, errors, m.summary!);

    busy(form, true, m.sending!);
    const result = await postJson(endpoint, objectionBody(values()));
    busy(form, false, "");
    if (result.kind === "ok" && panel) {
      const { receipt, received_at } = result.body.data;
      return showReceipt(form, panel, receipt, `${beijingTime(received_at)} (UTC+8)`, new URL(m.followUrl!, window.location.href).href, {
        copied: m.copied!,
        copyFailed: m.copyFailed!,
        fileName: m.fileName!,
        fileText: m.fileText!,
      });
    }
    if (result.kind === "ok") return;
    showErrors(
      form,
      apiErrors(
        result,
        { summary: m.summary!, rateLimited: m.rateLimited!, tooLarge: m.tooLarge!, network: m.network!, server: m.server!, checkField: m.checkField! },
        check,
        objectionSpecial(m),
      ),
      m.summary!,
    );
  });
}
