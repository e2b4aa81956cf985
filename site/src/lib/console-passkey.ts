/**
 * The page side of a passkey ceremony (sign-in or registration): ask the console for options,
 * let the browser's authenticator answer, send the answer back, and follow the redirect. A
 * refusal is shown in the error summary at the top, in the console's words.
 */
export function runCeremony(root: HTMLElement, answer: (options: unknown) => Promise<Record<string, unknown>>, extra: () => Record<string, unknown> = () => ({})) {
  const button = root.querySelector<HTMLButtonElement>("[data-passkey-button]");
  const status = root.querySelector<HTMLElement>("[data-status]");
  const summary = document.getElementById("passkey-error");
  const show = (message: string) => {
    if (!summary) return;
    summary.hidden = false;
    summary.querySelector("[data-message]")!.textContent = message;
    summary.focus();
  };
  const post = (url: string, body: unknown) =>
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  button?.addEventListener("click", async () => {
    button.disabled = true;
    if (status) status.textContent = root.dataset.working ?? "";
    try {
      const optionsResponse = await post(root.dataset.options!, {});
      const options = await optionsResponse.json();
      if (!optionsResponse.ok) throw new Error(options?.error?.message ?? String(optionsResponse.status));
      const body = { ...(await answer(options)), ...extra() };
      const verify = await post(root.dataset.verify!, body);
      const result = await verify.json();
      if (!verify.ok) throw new Error(result?.error?.message ?? String(verify.status));
      window.location.assign(result.redirect);
    } catch (error) {
      show(`${root.dataset.failed ?? ""}${error instanceof Error ? error.message : String(error)}`);
      if (status) status.textContent = "";
      button.disabled = false;
    }
  });
  root.dataset.ready = "true";
}
