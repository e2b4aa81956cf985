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

  /** The page's own check of one field (the API's rules), or null when it passes. */
  function check(field: string): string | null {
    if (field === "text") {
      const n = text.value.trim().length;
      if (n === 0) return m.textEmpty!;
      if (n < TEXT_MIN) return m.textShort!;
      if (n > TEXT_MAX) return m.textLong!;
    }
    if (field === "contact" && contact.value.trim().length > CONTACT_MAX) return m.contactLong!;
    if (field === "item_no" && item && item.value !== "" && ![...item.options].some((o) => o.value === item.value)) return m.item!;
    return null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    for (const field of ["item_no", "text", "contact"]) {
      const message = check(field);
      if (message) errors.push({ field, message });
    }
    if (errors.length > 0) return showErrors(form, errors, m.summary!);

    const body: Record<string, unknown> = { text: text.value };
    if (contact.value.trim()) body.contact = contact.value;
    if (item?.value) body.item_no = Number(item.value);
    if (website?.value) body.website = website.value;
    busy(form, true, m.sending!);
    const result = await postJson(endpoint, body);
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
        (code) => (code === "notice_not_open" || code === "outside_objection_period" ? m.closed! : code === "not_found" ? m.notFound! : null),
      ),
      m.summary!,
    );
  });
}
