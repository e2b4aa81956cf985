/**
 * Shared browser code of the objection and report forms, GOV.UK pattern: an error summary at
 * the top linking to each field, the message beside the field, nothing the person typed lost
 * on an error. Posting sends JSON to the API (the only body it accepts) and maps the API's
 * error `details` (`body.text` …) back to the fields. The receipt is shown once, with copy and
 * download, and never stored by the page. DOM text only (never innerHTML).
 */

export interface FieldError {
  /** The form field's name, or "" for an error about the form as a whole. */
  field: string;
  message: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function control(form: HTMLFormElement, field: string): HTMLElement | null {
  return form.querySelector<HTMLElement>(`[name="${field}"]`);
}

export function clearErrors(form: HTMLFormElement): void {
  form.querySelector(".error-summary-slot")?.replaceChildren();
  for (const group of form.querySelectorAll<HTMLElement>(".form-group-error")) group.classList.remove("form-group-error");
  for (const message of form.querySelectorAll<HTMLElement>(".error-message")) {
    message.hidden = true;
    message.textContent = "";
  }
  for (const input of form.querySelectorAll<HTMLElement>("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.endsWith("-error"));
    input.setAttribute("aria-describedby", ids.join(" "));
  }
}

/** Summary at the top (focused, so screen readers read it), message beside each field. */
export function showErrors(form: HTMLFormElement, errors: FieldError[], heading: string): void {
  clearErrors(form);
  const summary = el("div", { class: "error-summary", role: "alert", tabindex: "-1" });
  summary.append(el("h2", {}, heading));
  const list = el("ul", { class: "error-summary-list" });
  for (const error of errors) {
    const item = el("li");
    const input = error.field ? control(form, error.field) : null;
    if (input?.id) {
      item.append(el("a", { href: `#${input.id}` }, error.message));
      const group = input.closest<HTMLElement>(".form-group");
      const message = group?.querySelector<HTMLElement>(".error-message");
      group?.classList.add("form-group-error");
      if (message) {
        message.textContent = error.message;
        message.hidden = false;
        const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
        if (!ids.includes(message.id)) ids.push(message.id);
        input.setAttribute("aria-describedby", ids.join(" "));
      }
      input.setAttribute("aria-invalid", "true");
    } else {
      item.textContent = error.message;
    }
    list.append(item);
  }
  summary.append(list);
  // Links in the summary move focus to the field itself (not just scroll to it).
  summary.addEventListener("click", (event) => {
    const link = (event.target as HTMLElement).closest("a");
    const target = link ? document.getElementById((link.getAttribute("href") ?? "").slice(1)) : null;
    if (target) {
      event.preventDefault();
      target.focus();
    }
  });
  form.querySelector(".error-summary-slot")?.replaceChildren(summary);
  summary.focus();
}

/** A live character count under a textarea, counted as the API counts (trimmed, UTF-16 units). */
export function attachCounter(textarea: HTMLTextAreaElement, output: HTMLElement, template: string, max: number): void {
  const update = () => {
    const n = textarea.value.trim().length;
    output.textContent = template.replace("{n}", String(n)).replace("{max}", String(max));
    output.classList.toggle("counter-over", n > max);
  };
  textarea.addEventListener("input", update);
  update();
}

export type PostResult =
  | { kind: "ok"; body: { data: { receipt: string; received_at: string; follow_up: string } } }
  | { kind: "error"; status: number; code: string; message: string; details: { path: string; message: string }[] }
  | { kind: "network" };

export async function postJson(url: string, body: unknown): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { kind: "network" };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // not JSON: handled by status below
  }
  if (response.status === 201 && json && typeof json === "object" && "data" in json) return { kind: "ok", body: json as never };
  const error = (json as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | null)?.error;
  return { kind: "error", status: response.status, code: error?.code ?? "", message: error?.message ?? "", details: error?.details ?? [] };
}

export interface CommonMessages {
  summary: string;
  rateLimited: string;
  tooLarge: string;
  network: string;
  server: string;
  checkField: string;
}

/**
 * The API's refusal as errors on the form: `body.<field>` details beside their fields (with
 * the page's own wording when the page's check agrees, else the API's words), everything
 * else in the summary.
 */
export function apiErrors(result: Exclude<PostResult, { kind: "ok" }>, m: CommonMessages, local: (field: string) => string | null, special: (code: string) => string | null): FieldError[] {
  if (result.kind === "network") return [{ field: "", message: m.network }];
  const known = special(result.code);
  if (known) return [{ field: "", message: known }];
  if (result.status === 429) return [{ field: "", message: m.rateLimited }];
  if (result.status === 413) return [{ field: "", message: m.tooLarge }];
  if (result.status === 400) {
    const errors: FieldError[] = [];
    for (const detail of result.details) {
      const field = detail.path.startsWith("body.") ? detail.path.slice(5) : "";
      errors.push({ field, message: (field && local(field)) || m.checkField.replace("{msg}", detail.message) });
    }
    if (errors.length > 0) return errors;
  }
  return [{ field: "", message: result.status >= 500 || result.status === 0 ? m.server : result.message || m.server }];
}

export interface ReceiptMessages {
  copied: string;
  copyFailed: string;
  fileName: string;
  /** Template with {receipt}, {at}, {url}. */
  fileText: string;
}

/**
 * Shows the receipt panel (once: it lives only in this page's memory) and removes the form,
 * so the same text cannot be sent twice by accident.
 */
export function showReceipt(form: HTMLFormElement, panel: HTMLElement, receipt: string, receivedAt: string, followUrl: string, m: ReceiptMessages): void {
  const code = panel.querySelector<HTMLElement>("[data-receipt-value]");
  const time = panel.querySelector<HTMLElement>("[data-receipt-time]");
  const status = panel.querySelector<HTMLElement>("[data-copy-status]");
  if (code) code.textContent = receipt;
  if (time) time.textContent = receivedAt;
  panel.querySelector<HTMLButtonElement>("[data-copy]")?.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(receipt);
      if (status) status.textContent = m.copied;
    } catch {
      if (code) window.getSelection()?.selectAllChildren(code);
      if (status) status.textContent = m.copyFailed;
    }
  });
  panel.querySelector<HTMLButtonElement>("[data-download]")?.addEventListener("click", () => {
    const text = m.fileText.replace("{receipt}", receipt).replace("{at}", receivedAt).replace("{url}", followUrl);
    const url = URL.createObjectURL(new Blob(["\ufeff", text], { type: "text/plain;charset=utf-8" }));
    const link = el("a", { href: url, download: `${m.fileName}-${receipt.slice(0, 4)}.txt` });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  form.reset();
  form.remove();
  panel.hidden = false;
  panel.querySelector<HTMLElement>("h2")?.focus();
}

/** Disables the submit button while sending, so a double tap sends once. */
export function busy(form: HTMLFormElement, on: boolean, label: string): void {
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  if (!button) return;
  if (on) {
    button.dataset.label = button.textContent ?? "";
    button.textContent = label;
    button.disabled = true;
  } else {
    button.textContent = button.dataset.label ?? button.textContent;
    button.disabled = false;
  }
}
