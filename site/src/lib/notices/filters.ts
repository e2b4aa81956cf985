/**
 * The notices-list filters (browser code). The filtering itself is the server's: the form is a
 * plain GET form the page answers with the API's filtered, keyset-paged list, so it works
 * without JavaScript. With JavaScript this only keeps the address tidy (a plain form also sends
 * the fields left at "all", as `type=`), and moves rows between the "open", "opening soon" and
 * "ended" groups when the live statuses arrive (event `notices:live`).
 */
const FIELDS = ["region", "type", "status"] as const;

function groupOf(state: string): string {
  return state === "open" || state === "upcoming" ? state : "closed";
}

export function runNoticeFilters(form: HTMLFormElement): void {
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;

  function regroup() {
    for (const row of document.querySelectorAll<HTMLElement>("[data-notice-row]")) {
      const state = row.querySelector<HTMLElement>("[data-notice-state]")?.dataset.state ?? "";
      const target = document.querySelector<HTMLElement>(`[data-group="${groupOf(state)}"] [data-group-list]`);
      if (target && row.parentElement !== target) target.append(row);
    }
    for (const group of document.querySelectorAll<HTMLElement>("[data-group]")) {
      const hidden = !group.querySelector("[data-notice-row]");
      if (group.hidden !== hidden) group.hidden = hidden;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // A new choice starts at the first page: the cursor belongs to the old filters.
    const query = new URLSearchParams();
    for (const name of FIELDS) {
      const value = select(name)?.value;
      if (value) query.set(name, value);
    }
    const text = query.toString();
    window.location.assign(`${form.getAttribute("action") ?? window.location.pathname}${text ? `?${text}` : ""}`);
  });
  document.addEventListener("notices:live", regroup);
}
