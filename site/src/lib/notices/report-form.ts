/**
 * The report form's island (browser code): the API's rules checked first, JSON posted to
 * /api/v1/reports, refusals mapped to the fields, the receipt shown once.
 */
import { apiErrors, attachCounter, busy, postJson, showErrors, showReceipt, type FieldError } from "./form-kit";
import { beijingTime } from "./rules";

const TEXT_MIN = 10;
const TEXT_MAX = 5000;
const CONTACT_MAX = 200;

export function runReportForm(form: HTMLFormElement): void {
  const m = JSON.parse(form.dataset.messages ?? "{}") as Record<string, string>;
  const text = form.querySelector<HTMLTextAreaElement>("[name=text]")!;
  const contact = form.querySelector<HTMLInputElement>("[name=contact]")!;
  const region = form.querySelector<HTMLSelectElement>("[name=region]")!;
  const website = form.querySelector<HTMLInputElement>("[name=website]");
  const counter = form.querySelector<HTMLElement>("[data-counter]");
  const panel = document.querySelector<HTMLElement>("#report-receipt");
  if (counter) attachCounter(text, counter, m.counter ?? "{n}/{max}", TEXT_MAX);
  const category = () => form.querySelector<HTMLInputElement>("[name=category]:checked")?.value ?? "";

  function check(field: string): string | null {
    if (field === "category" && !category()) return m.category!;
    if (field === "region" && !/^\d{12}$/.test(region.value)) return m.region!;
    if (field === "text") {
      const n = text.value.trim().length;
      if (n === 0) return m.textEmpty!;
      if (n < TEXT_MIN) return m.textShort!;
      if (n > TEXT_MAX) return m.textLong!;
    }
    if (field === "contact" && contact.value.trim().length > CONTACT_MAX) return m.contactLong!;
    return null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    for (const field of ["category", "region", "text", "contact"]) {
      const message = check(field);
      if (message) errors.push({ field, message });
    }
    if (errors.length > 0) return showErrors(form, errors, m.summary!);

    const body: Record<string, unknown> = { category: category(), region: region.value, text: text.value };
    if (contact.value.trim()) body.contact = contact.value;
    if (website?.value) body.website = website.value;
    busy(form, true, m.sending!);
    const result = await postJson(form.dataset.endpoint ?? "", body);
    busy(form, false, "");
    if (result.kind === "ok") {
      if (!panel) return;
      const { receipt, received_at } = result.body.data;
      return showReceipt(form, panel, receipt, `${beijingTime(received_at)} (UTC+8)`, new URL(m.followUrl!, window.location.href).href, {
        copied: m.copied!,
        copyFailed: m.copyFailed!,
        fileName: m.fileName!,
        fileText: m.fileText!,
      });
    }
    showErrors(
      form,
      apiErrors(
        result,
        { summary: m.summary!, rateLimited: m.rateLimited!, tooLarge: m.tooLarge!, network: m.network!, server: m.server!, checkField: m.checkField! },
        check,
        () => null,
      ),
      m.summary!,
    );
  });
}
