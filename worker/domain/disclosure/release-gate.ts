/**
 * The disclosure check of the release gate (privacy.md): a pure function over what the
 * portal publishes (JSON, NDJSON and CSV bodies). It fails on a count that R2 could not
 * have produced, a small village broken down (R3), a health cause below township level
 * (R4), and any pseudonym, name or planted identifier (R1) — including any well-formed
 * national ID number. scripts/disclosure-check.ts feeds it a running portal's output;
 * tests/contracts/disclosure-gate.test.ts feeds it the demo data's.
 */
import { parseCsv } from "../csv";
import { findIdNumbers } from "../id-number";
import { HEALTH_CAUSES, HEALTH_MEASURES, METRIC_CODES, SMALL_VILLAGE_HOUSEHOLDS, TOTAL } from "./categories";
import { BAND_TEXT, isPublishableNumber, WITHHELD_TEXT } from "./rounding";

export interface PublishedOutput {
  /** Where it came from (a URL), named in violations. */
  source: string;
  format: "json" | "ndjson" | "csv" | "html";
  body: string;
}

export interface GateOptions {
  /** Strings that must appear nowhere: pseudonyms, names, planted identifiers. */
  forbidden?: readonly string[];
  /** Household pseudonyms (16 base32 characters) that must appear nowhere: matched as whole tokens. */
  pseudonyms?: ReadonlySet<string>;
  /**
   * True registered households per village and year (`${code}:${year}`), when the checker
   * runs with database access. Without it, R3 is judged from the published totals alone.
   */
  villageHouseholds?: ReadonlyMap<string, number>;
}

export interface Violation {
  rule: "R1" | "R2" | "R3" | "R4";
  source: string;
  where: string;
  message: string;
}

/** A register-derived row reduced to what the rules look at. */
export interface RegisterRow {
  where: string;
  level: string;
  region: string;
  year: string;
  breakdown: string;
  category: string;
  /** metric → "1-7" | "withheld" | number text | "" */
  figures: Map<string, string>;
  /** metric → problem with the JSON figure object itself */
  shapeProblems: string[];
}

export function checkRelease(outputs: readonly PublishedOutput[], options: GateOptions = {}): Violation[] {
  const violations: Violation[] = [];
  const rows: { source: string; row: RegisterRow }[] = [];
  for (const output of outputs) {
    for (const text of options.forbidden ?? []) {
      if (text.length > 0 && output.body.includes(text)) {
        violations.push({ rule: "R1", source: output.source, where: "body", message: `a forbidden string appears (${describeForbidden(text)})` });
      }
    }
    if (options.pseudonyms && options.pseudonyms.size > 0) {
      for (const match of output.body.matchAll(/[A-Z2-7]{16}/g)) {
        if (options.pseudonyms.has(match[0])) violations.push({ rule: "R1", source: output.source, where: "body", message: "a household pseudonym appears" });
      }
    }
    for (const id of findIdNumbers(output.body)) {
      violations.push({ rule: "R1", source: output.source, where: "body", message: `a well-formed national ID number appears (ending …${id.slice(-2)})` });
    }
    try {
      for (const row of registerRows(output)) rows.push({ source: output.source, row });
    } catch {
      // A body that does not parse carries no register rows to check; identifiers were scanned above.
    }
  }

  const totals = new Map<string, string>();
  for (const { row } of rows) {
    if (row.level === "village" && row.breakdown === "none") totals.set(`${row.region}:${row.year}`, row.figures.get("registered_households") ?? "");
  }

  for (const { source, row } of rows) {
    for (const problem of row.shapeProblems) violations.push({ rule: "R2", source, where: row.where, message: problem });
    for (const [metric, text] of row.figures) {
      if (text === "" || text === BAND_TEXT || text === WITHHELD_TEXT) continue;
      const value = Number(text);
      if (!isPublishableNumber(value)) {
        violations.push({ rule: "R2", source, where: `${row.where}, ${metric}`, message: describeCount(value) });
      }
    }
    if (row.level === "village" && row.breakdown !== "none") {
      const key = `${row.region}:${row.year}`;
      const truth = options.villageHouseholds?.get(key);
      const published = totals.get(key);
      const publishedSmall = published !== undefined && (published === BAND_TEXT || (published !== WITHHELD_TEXT && Number(published) < SMALL_VILLAGE_HOUSEHOLDS - 2));
      if ((truth !== undefined && truth < SMALL_VILLAGE_HOUSEHOLDS) || publishedSmall) {
        violations.push({ rule: "R3", source, where: row.where, message: `village ${row.region} has fewer than ${SMALL_VILLAGE_HOUSEHOLDS} households in ${row.year} but is broken down by ${row.breakdown}` });
      }
      if ((row.breakdown === "cause" && HEALTH_CAUSES.includes(row.category)) || (row.breakdown === "measure" && HEALTH_MEASURES.includes(row.category))) {
        violations.push({ rule: "R4", source, where: row.where, message: `${row.breakdown} "${row.category}" is published below township level` });
      }
    }
  }
  return violations;
}

function describeForbidden(text: string): string {
  return `${text.length} characters, starting ${JSON.stringify(text.slice(0, 1))}`;
}

function describeCount(value: number): string {
  if (Number.isNaN(value)) return "a register-derived figure is not a number, 1-7 or withheld";
  if (value >= 1 && value <= 7) return "an exact count between 1 and 7 is published (R2 requires the band 1-7)";
  return `published count ${value} is not 0 or a multiple of 5 of at least 10`;
}

export function* registerRows(output: PublishedOutput): Generator<RegisterRow> {
  // Pages render the stored figures the API serves; they are scanned for identifiers above.
  if (output.format === "html") return;
  if (output.format === "csv") {
    const [header, ...records] = parseCsv(output.body);
    if (!header) return;
    const col = (name: string) => header.cells.indexOf(name);
    const kind = col("kind");
    if (kind < 0) return;
    const metricColumns = METRIC_CODES.map((m) => [m, col(m)] as const).filter(([, i]) => i >= 0);
    for (const record of records) {
      if (record.cells[kind] !== "register-derived") continue;
      const cell = (name: string) => record.cells[col(name)] ?? "";
      yield {
        where: `line ${record.line}`,
        level: cell("level"),
        region: cell("region_code"),
        year: cell("year"),
        breakdown: cell("breakdown") || "none",
        category: cell("category") || TOTAL,
        figures: new Map(metricColumns.map(([m, i]) => [m, record.cells[i] ?? ""])),
        shapeProblems: [],
      };
    }
    return;
  }
  const documents = output.format === "ndjson" ? output.body.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as unknown) : [JSON.parse(output.body) as unknown];
  let n = 0;
  for (const document of documents) {
    for (const object of registerObjects(document)) yield jsonRow(object, `row ${++n}`);
  }
}

function* registerObjects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* registerObjects(item);
  } else if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (object.kind === "register-derived") yield object;
    else for (const child of Object.values(object)) yield* registerObjects(child);
  }
}

function jsonRow(object: Record<string, unknown>, where: string): RegisterRow {
  const region = object.region as { code?: unknown } | undefined;
  const figures = new Map<string, string>();
  const shapeProblems: string[] = [];
  const source = (object.figures ?? {}) as Record<string, unknown>;
  for (const [metric, figure] of Object.entries(source)) {
    if (figure === null || typeof figure !== "object") {
      shapeProblems.push(`${metric}: a register-derived figure must be an object with value and disclosure`);
      continue;
    }
    const { value, banded, disclosure } = figure as { value?: unknown; banded?: unknown; disclosure?: unknown };
    if (value === null) {
      if (disclosure === "banded" && banded === true) figures.set(metric, BAND_TEXT);
      else if (disclosure === "withheld") figures.set(metric, WITHHELD_TEXT);
      else shapeProblems.push(`${metric}: a null value must be flagged banded or withheld`);
    } else if (typeof value === "number") {
      if (banded === true) shapeProblems.push(`${metric}: a banded figure must not carry a number`);
      figures.set(metric, String(value));
    } else shapeProblems.push(`${metric}: value must be a number or null`);
  }
  return {
    where,
    level: String(object.level ?? ""),
    region: String(region?.code ?? object.region_code ?? ""),
    year: String(object.year ?? ""),
    breakdown: String(object.breakdown ?? "none"),
    category: String(object.category ?? TOTAL),
    figures,
    shapeProblems,
  };
}
