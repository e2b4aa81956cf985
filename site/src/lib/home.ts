/**
 * What the home page features. The demo's city is Wuhu (its official figures and the
 * synthetic villages of Wuwei and Nanling); a deployment for another place changes this.
 */
export const HOME_REGION = "340200000000";

/** Headline metrics, in order; each shows the latest announced figure for the home region. */
export const HEADLINE_METRICS = [
  "registered_people",
  "poor_villages",
  "exited_people",
  "exited_villages",
  "remaining_poor_people",
  "funds_invested",
  "donations_received",
] as const;
