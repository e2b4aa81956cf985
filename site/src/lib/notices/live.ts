/**
 * The live-status island (browser code). Pages are built with each notice's status at build
 * time; "open" depends on the current time, so when JavaScript runs this reads the live
 * statuses from the API (the container's `data-live-src`) and rewrites each
 * `[data-notice-state]`: its badge, the time left to object, and on a notice page which of
 * the objection form and the "period ended" message is shown. It ticks every minute.
 * DOM text only (never innerHTML).
 */
import { displayState, fill, formatTimeLeft, timeLeft, beijingTime, type DisplayState, type TimeLeftTemplates } from "./rules";

interface LiveNotice {
  id: string;
  status: string;
  objection_period: { start: string; end: string; opens_at: string; closes_at: string };
}

export interface LiveStrings {
  states: Record<string, string>;
  timeLeft: TimeLeftTemplates;
  deadline: string;
  opensIn: string;
  asOf: string;
}

/**
 * Writes only what changed: the build-time text is usually still right, and every needless
 * write costs a style and layout pass on a slow phone.
 */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function paint(el: HTMLElement, notice: LiveNotice, t: LiveStrings, now: Date): DisplayState {
  const p = notice.objection_period;
  const state = displayState(notice.status, p, now);
  const badge = el.querySelector<HTMLElement>(".badge");
  if (badge) {
    setText(badge, t.states[state] ?? state);
    const className = `badge badge-notice badge-notice-${state}`;
    if (badge.className !== className) badge.className = className;
  }
  const time = el.querySelector<HTMLElement>(".notice-time");
  if (time) {
    const left = state === "open" ? timeLeft(p.closes_at, now) : null;
    setText(
      time,
      state === "open" && left
        ? `${formatTimeLeft(t.timeLeft, left)} · ${fill(t.deadline, { end: p.end })}`
        : state === "upcoming"
          ? fill(t.opensIn, { start: p.start })
          : "",
    );
  }
  if (el.dataset.state !== state) el.dataset.state = state;
  return state;
}

/** On a notice page: show the form only while objections are accepted. */
function toggleObjectionArea(state: DisplayState): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-show-when]")) {
    const hidden = !(el.dataset.showWhen ?? "").split(" ").includes(state);
    if (el.hidden !== hidden) el.hidden = hidden;
  }
}

export async function runLiveNotices(container: HTMLElement): Promise<void> {
  const t = JSON.parse(container.dataset.liveStrings ?? "{}") as LiveStrings;
  const src = container.dataset.liveSrc;
  if (!src) return;
  let notices: LiveNotice[];
  try {
    const response = await fetch(src, { headers: { Accept: "application/json" } });
    if (!response.ok) return; // keep the build-time statuses
    const body = (await response.json()) as { data: LiveNotice | LiveNotice[] };
    notices = Array.isArray(body.data) ? body.data : [body.data];
  } catch {
    return;
  }
  const byId = new Map(notices.map((n) => [n.id, n]));
  const tick = () => {
    const now = new Date();
    for (const el of container.querySelectorAll<HTMLElement>("[data-notice-state]")) {
      const notice = byId.get(el.dataset.id ?? "");
      if (!notice) continue;
      const state = paint(el, notice, t, now);
      if (el.hasAttribute("data-primary")) toggleObjectionArea(state);
    }
    for (const el of container.querySelectorAll<HTMLElement>("[data-as-of]")) setText(el, fill(t.asOf, { when: beijingTime(now.toISOString()) }));
    container.dispatchEvent(new CustomEvent("notices:live", { bubbles: true }));
  };
  tick();
  window.setInterval(tick, 60_000);
}
