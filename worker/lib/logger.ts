/**
 * Structured JSON logs. Callers pass only operational facts (route, status, timings,
 * request id, error class): never request bodies, query strings with free text,
 * IP addresses or anything a person typed (privacy.md).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function log(level: "info" | "warn" | "error", event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
