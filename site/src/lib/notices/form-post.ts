/**
 * The objection and report forms without JavaScript: the browser posts the form to its own
 * page, and the page (inside the Worker) sends the same JSON body the island would to the
 * API's own route in-process (Astro.locals.api.post), so the rate limit, body limit, honeypot
 * and validation are the API's. Refusals come back as an error summary and a message by each
 * field; an accepted form sets `issuedReceipt`, and the Worker redirects (303) to the page,
 * which shows the receipt once (worker/pages).
 */
import type { AstroGlobal } from "astro";
import type { FormReceipt } from "../api";
import { apiErrors, type CommonMessages, type FieldError } from "./form-kit";

export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export interface FormPostOptions {
  kind: FormReceipt["kind"];
  /** Which form on the page this post is for (a hidden `form` field). */
  form: string;
  endpoint: string;
  fields: readonly string[];
  check: (field: string, values: Record<string, string>) => string | null;
  body: (values: Record<string, string>) => Record<string, unknown>;
  messages: CommonMessages;
  special?: (code: string) => string | null;
}

/** Handles this request's post of the form, if it is one; null for a GET or another form. */
export async function handleFormPost(astro: AstroGlobal, o: FormPostOptions): Promise<FormState | null> {
  if (astro.request.method !== "POST") return null;
  let data: FormData;
  try {
    data = await astro.request.formData();
  } catch {
    astro.locals.formStatus = 400;
    return { values: {}, errors: [{ field: "", message: o.messages.server }] };
  }
  if (data.get("form") !== o.form) return null;
  const values: Record<string, string> = {};
  for (const field of [...o.fields, "website"]) {
    const value = data.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  const local: FieldError[] = [];
  for (const field of o.fields) {
    const message = o.check(field, values);
    if (message) local.push({ field, message });
  }
  if (local.length > 0) {
    astro.locals.formStatus = 400;
    return { values, errors: local };
  }
  const { status, json } = await astro.locals.api.post(o.endpoint, o.body(values));
  const answer = json as { data?: { receipt?: string; received_at?: string }; error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | null;
  if (status === 201 && answer?.data?.receipt && answer.data.received_at) {
    astro.locals.issuedReceipt = { kind: o.kind, receipt: answer.data.receipt, received_at: answer.data.received_at };
    return { values: {}, errors: [] };
  }
  const error = answer?.error;
  astro.locals.formStatus = status >= 500 ? 503 : status;
  const errors = apiErrors(
    { kind: "error", status, code: error?.code ?? "", message: error?.message ?? "", details: error?.details ?? [] },
    o.messages,
    (field) => o.check(field, values),
    o.special ?? (() => null),
  );
  return { values, errors };
}

/** The message for one field, if the post refused it. */
export function fieldError(state: FormState | null, field: string): string | undefined {
  return state?.errors.find((e) => e.field === field)?.message;
}
