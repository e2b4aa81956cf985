/**
 * The report form's island (browser code): the API's rules checked first, JSON posted to
 * /api/v1/reports, refusals mapped to the fields, the receipt shown once.
 */
import { apiErrors, attachCounter, busy, postJson, showErrors, showReceipt, type FieldError } from "./form-kit";
import { beijingTime } from "./rules";

const TEXT_MIN = 10;
const TEXT_MAX = 5000;
const CONTACT_MAX = 200;

type Messages = Record<string, string>;

export const REPORT_FIELDS = ["category", "region", "text", "contact"] as const;

/** The page's own check of one field (the API's rules): the island's and the no-JS post's. */
export function checkReportField(field: string, values: Record<string, string>, m: Messages): string | null {
  if (field === "category" && !values.category) return m.category!;
  if (field === "region" && !/^\d{12}$/.test(values.region ?? "")) return m.region!;
  if (field === "text") {
    const n = (values.text ?? "").trim().length;
    if (n === 0) return m.textEmpty!;
    if (n < TEXT_MIN) return m.textShort!;
    if (n > TEXT_MAX) return m.textLong!;
  }
  if (field === "contact" && (values.contact ?? "").trim().length > CONTACT_MAX) return m.contactLong!;
  return null;
}

/** The JSON body the API takes, from the form's values. */
export function reportBody(values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { category: values.category ?? "", region: values.region ?? "", text: values.text ?? "" };
  if ((values.contact ?? "").trim()) body.contact = values.contact;
  if (values.website) body.website = values.website;
  return body;
}

export function runReportForm(form: HTMLFormElement): void {
  const m = JSON.parse(form.dataset.messages ?? "{}") as Messages;
  const text = form.querySelector<HTMLTextAreaElement>("[name=text]")!;
  const contact = form.querySelector<HTMLInputElement>("[name=contact]")!;
  const region = form.querySelector<HTMLSelectElement>("[name=region]")!;
  const website = form.querySelector<HTMLInputElement>("[name=website]");
  const counter = form.querySelector<HTMLElement>("[data-counter]");
  const panel = document.querySelector<HTMLElement>("#report-receipt");
  if (counter) attachCounter(text, counter, m.counter ?? "{n}/{max}", TEXT_MAX);
  const category = () => form.querySelector<HTMLInputElement>("[name=category]:checked")?.value ?? "";

  const values = (): Record<string, string> => ({ category: category(), region: region.value, text: text.value, contact: contact.value, website: website?.value ?? "" });
  const check = (field: string) => checkReportField(field, values(), m);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    for (const field of REPORT_FIELDS) {
      const message = check(field);
      if (message) errors.push({ field, message });
    }
    if (errors.length > 0) return showErrors(form, errors, m.summary!);

    busy(form, true, m.sending!);
    const result = await postJson(form.dataset.endpoint ?? "", reportBody(values()));
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
