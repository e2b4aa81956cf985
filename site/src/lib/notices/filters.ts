/**
 * The notices-list filters (browser code): region (with everything below it, as the API's
 * `region` filter), type and state. The choice lives in the address (?region=&type=&status=),
 * so a filtered list can be bookmarked and shared. Rows move between the "open", "opening
 * soon" and "ended" groups when the live statuses arrive (event `notices:live`).
 */
import { isWithin } from "../../../../worker/domain/region-codes";
import { fill } from "./rules";

const FIELDS = ["region", "type", "status"] as const;

function groupOf(state: string): string {
  return state === "open" || state === "upcoming" ? state : "closed";
}

export function runNoticeFilters(form: HTMLFormElement): void {
  const strings = JSON.parse(form.dataset.filterStrings ?? "{}") as { count: string };
  const rows = () => [...document.querySelectorAll<HTMLElement>("[data-notice-row]")];
  const count = document.querySelector<HTMLElement>("[data-result-count]");
  const none = document.querySelector<HTMLElement>("[data-no-results]");
  const feed = document.querySelector<HTMLAnchorElement>("[data-feed-link]");
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;

  // Start from the address (a shared link), ignoring values the page does not offer.
  const params = new URLSearchParams(window.location.search);
  for (const name of FIELDS) {
    const el = select(name);
    const value = params.get(name);
    if (el && value && [...el.options].some((o) => o.value === value)) el.value = value;
  }

  function regroup() {
    for (const row of rows()) {
      const state = row.querySelector<HTMLElement>("[data-notice-state]")?.dataset.state ?? "";
      const target = document.querySelector<HTMLElement>(`[data-group="${groupOf(state)}"] [data-group-list]`);
      if (target && row.parentElement !== target) target.append(row);
    }
  }

  function apply() {
    const region = select("region")?.value ?? "";
    const type = select("type")?.value ?? "";
    const status = select("status")?.value ?? "";
    let shown = 0;
    for (const row of rows()) {
      const state = row.querySelector<HTMLElement>("[data-notice-state]")?.dataset.state ?? "";
      const match =
        (!region || isWithin(row.dataset.region ?? "", region)) && (!type || row.dataset.type === type) && (!status || state === status);
      row.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of document.querySelectorAll<HTMLElement>("[data-group]")) {
      group.hidden = !group.querySelector("[data-notice-row]:not([hidden])");
    }
    if (count) count.textContent = fill(strings.count, { n: shown });
    if (none) none.hidden = shown > 0;
    if (feed) feed.href = region ? `/api/v1/notices.atom?region=${region}` : "/api/v1/notices.atom";
  }

  function remember() {
    const next = new URLSearchParams();
    for (const name of FIELDS) {
      const value = select(name)?.value;
      if (value) next.set(name, value);
    }
    const query = next.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    remember();
    apply();
  });
  form.addEventListener("reset", () => {
    // After the browser has put the selects back to their first option.
    window.setTimeout(() => {
      remember();
      apply();
    });
  });
  document.addEventListener("notices:live", () => {
    regroup();
    apply();
  });
  apply();
}
