/** Prints the bench's figures as one table and writes them to bench/out/latest.json. */
import { mkdirSync, writeFileSync } from "node:fs";
import type { BenchResult } from "./types";

export interface PartResults {
  part: string;
  results: BenchResult[];
  error?: string;
}

function fmt(n: number | undefined, digits = 1): string {
  if (n === undefined) return "";
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en");
  return n.toFixed(n < 1 ? 3 : digits);
}

function extraText(extra: BenchResult["extra"]): string {
  if (!extra) return "";
  return Object.entries(extra)
    .map(([key, value]) => `${key} ${typeof value === "number" ? value.toLocaleString("en") : value}`)
    .join(" · ");
}

export function printTable(parts: readonly PartResults[]): void {
  const header = ["part", "measurement", "req/s", "p50 ms", "p99 ms", "other figures"];
  const rows: string[][] = [];
  for (const { part, results, error } of parts) {
    if (error) rows.push([part, `FAILED: ${error.split("\n")[0]}`, "", "", "", ""]);
    for (const r of results) rows.push([part, r.name, fmt(r.requestsPerSecond), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), extraText(r.extra)]);
  }
  const widths = header.map((h, i) => Math.min(i === 5 ? 200 : 70, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" │ ");
  console.log(`\n${line(header)}\n${widths.map((w) => "─".repeat(w)).join("─┼─")}`);
  for (const row of rows) console.log(line(row));
  const methods = new Set(parts.flatMap((p) => p.results.map((r) => `${r.name}: ${r.method}${r.note ? ` (${r.note})` : ""}`)));
  console.log(`\nMethod:\n  ${[...methods].join("\n  ")}`);
}

export function writeJson(path: string, report: unknown): void {
  mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** The same table in Markdown (bench/out/latest.md), for docs/benchmarks.md. */
export function markdownTable(parts: readonly PartResults[]): string {
  const lines = ["| part | measurement | req/s | p50 ms | p99 ms | other figures |", "|---|---|--:|--:|--:|---|"];
  for (const { part, results, error } of parts) {
    if (error) lines.push(`| ${part} | FAILED: ${error.split("\n")[0]} | | | | |`);
    for (const r of results) {
      const cells = [part, r.name, fmt(r.requestsPerSecond), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), extraText(r.extra)];
      lines.push(`| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}
