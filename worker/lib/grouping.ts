/**
 * `group_by=` on the statistical endpoints: counts and sums per group, in json, csv or
 * ndjson, cached by the versions of the datasets read (ETag) exactly like the lists. Only
 * aggregates leave the database: a group row has its dimension values and its measures,
 * never a record's own fields.
 */
import { z } from "@hono/zod-openapi";
import { and, asc, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn, type SQLiteTable, type SQLiteView } from "drizzle-orm/sqlite-core";
import type { Context } from "hono";
import { createDb, type Db } from "../db/client";
import { regions } from "../db/schema";
import { csvRow, UTF8_BOM } from "../domain/csv";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { edgeCached } from "./edge-cache";
import { negotiateFormat, type Format } from "./listing";

/** At most this many dimensions at once (a cube of three is already fine-grained). */
export const MAX_GROUP_DIMENSIONS = 3;
/** A grouping with more groups than this is refused: ask for a narrower filter. */
export const MAX_GROUPS = 100_000;

/** The `group_by` query parameter of an endpoint that offers these dimensions. */
export function groupByParam(dimensions: readonly string[]) {
  const one = `(${dimensions.join("|")})`;
  return z
    .string()
    .regex(new RegExp(`^${one}(,${one}){0,${MAX_GROUP_DIMENSIONS - 1}}$`), `must be up to ${MAX_GROUP_DIMENSIONS} of ${dimensions.join(", ")}, separated by commas`)
    .optional()
    .openapi({
      description: `Counts and sums per group instead of rows: up to ${MAX_GROUP_DIMENSIONS} of ${dimensions.map((d) => `\`${d}\``).join(", ")}, comma-separated (e.g. \`${dimensions.slice(0, 2).join(",")}\`). Filters apply first. Not paged; json, csv or ndjson.`,
      example: dimensions.slice(0, 2).join(","),
    });
}

/** One dimension: the SQL value it groups by; `region` dimensions also carry the region's names. */
export interface Dimension {
  value: SQL | SQLiteColumn;
  region?: boolean;
}

export interface GroupSpec {
  dataset: string;
  dependsOn: readonly string[];
  filename: string;
  dimensions: Record<string, Dimension>;
  /** Counts and sums, by output name (e.g. `villages`, `amount_fen`). */
  measures: Record<string, SQL>;
  /** A table, or a view of derived totals (money rows are written once; sums are views). */
  from: SQLiteTable | SQLiteView;
  /** Extra inner join (e.g. budget lines to their project). */
  join?: { table: SQLiteTable; on: SQL };
  where: SQL | undefined;
  filters: Record<string, unknown>;
}

type GroupRow = Record<string, string | number | null>;

/**
 * The statement behind a grouping, unexecuted (the bench reads it beside the raw SQL). It
 * aggregates first and names the regions of the (few) groups afterwards: joining the names
 * row by row would look a region up for every one of half a million villages.
 */
export function groupQuery(db: Db, spec: GroupSpec, groupBy: readonly string[]) {
  const inner: Record<string, SQL.Aliased | SQLiteColumn> = {};
  const keys: (SQL | SQLiteColumn)[] = [];
  for (const name of groupBy) {
    const value = spec.dimensions[name]!.value;
    inner[name] = sql`${value}`.as(name);
    keys.push(value);
  }
  for (const [name, measure] of Object.entries(spec.measures)) inner[name] = sql`${measure}`.as(name);
  let aggregate = db.select(inner).from(spec.from).$dynamic();
  if (spec.join) aggregate = aggregate.innerJoin(spec.join.table, spec.join.on);
  const groups = aggregate
    .where(and(spec.where))
    .groupBy(...keys)
    .limit(MAX_GROUPS + 1)
    .as("groups");

  const fields: Record<string, SQL | SQLiteColumn> = {};
  const joins: { table: ReturnType<typeof alias<typeof regions, string>>; on: SQL }[] = [];
  for (const name of groupBy) {
    const column = sql`${sql.identifier("groups")}.${sql.identifier(name)}`;
    fields[name] = column;
    if (spec.dimensions[name]!.region) {
      const names = alias(regions, `group_${name}`);
      joins.push({ table: names, on: sql`${names.code} = ${column}` });
      fields[`${name}_name_zh`] = names.nameZh;
      fields[`${name}_name_en`] = names.nameEn;
    }
  }
  for (const name of Object.keys(spec.measures)) fields[name] = sql`${sql.identifier("groups")}.${sql.identifier(name)}`;
  let query = db.select(fields).from(groups).$dynamic();
  for (const join of joins) query = query.leftJoin(join.table, join.on);
  return query.orderBy(...groupBy.map((name) => asc(sql`${sql.identifier("groups")}.${sql.identifier(name)}`)));
}

/** Parses a validated `group_by` value into its dimensions, refusing a repeated one. */
export function groupDimensions(value: string): string[] {
  const names = value.split(",");
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) {
    throw new ApiError(400, "invalid_request", `Invalid query: query.group_by — ${repeated} appears twice`, [{ path: "query.group_by", message: `${repeated} appears twice` }]);
  }
  return names;
}

/** Answers a group_by request: ETag first (no query on a match), then every group. */
export async function respondGroups(c: Context<AppEnv>, params: { format?: Format; bom?: "0" | "1"; limit?: number; cursor?: string }, groupBy: string, spec: GroupSpec): Promise<Response> {
  const dims = groupDimensions(groupBy);
  for (const paging of ["limit", "cursor"] as const) {
    if (params[paging] !== undefined) {
      throw new ApiError(400, "invalid_request", `Invalid query: query.${paging} — not used with group_by (every group is returned)`, [
        { path: `query.${paging}`, message: "not used with group_by (every group is returned)" },
      ]);
    }
  }
  const format = negotiateFormat(c, params.format);
  return edgeCached(c, { datasets: spec.dependsOn, variant: `groups:${format}:${c.req.header("Accept") ?? ""}` }, ({ versions }) =>
    groupsResponse(c, params, spec, dims, format, versions),
  );
}

async function groupsResponse(c: Context<AppEnv>, params: { bom?: "0" | "1" }, spec: GroupSpec, dims: string[], format: Format, versions: Record<string, number>): Promise<Response> {
  const rows = (await groupQuery(createDb(c.env.DB), spec, dims)) as GroupRow[];
  if (rows.length > MAX_GROUPS) {
    throw new ApiError(400, "too_many_groups", `Invalid query: query.group_by — more than ${MAX_GROUPS.toLocaleString("en")} groups; add a filter`, [
      { path: "query.group_by", message: `more than ${MAX_GROUPS} groups; add a filter` },
    ]);
  }
  const data = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
  if (format === "json") {
    return c.json({
      data,
      next: null,
      meta: { dataset: spec.dataset, versions, group_by: dims, returned: data.length, filters: spec.filters },
    });
  }
  const headers = new Headers(c.res.headers);
  const columns = data[0] ? Object.keys(data[0]) : [...dims, ...Object.keys(spec.measures)];
  let body: string;
  if (format === "csv") {
    headers.set("Content-Type", "text/csv; charset=utf-8");
    headers.set("Content-Disposition", `inline; filename="${spec.filename}-by-${dims.join("-")}.csv"`);
    body = (params.bom === "1" ? UTF8_BOM : "") + csvRow(columns) + data.map((row) => csvRow(columns.map((k) => row[k]))).join("");
  } else {
    headers.set("Content-Type", "application/x-ndjson; charset=utf-8");
    body = data.map((row) => `${JSON.stringify(row)}\n`).join("");
  }
  return new Response(body, { headers });
}

/** Integer sums that are 0, not null, over no rows. */
export const sumOf = (value: SQL | SQLiteColumn) => sql<number>`coalesce(sum(${value}), 0)`;
export const countRows = () => sql<number>`count(*)`;

/** OpenAPI shape of a group_by answer (the rows' keys depend on the dimensions asked for). */
export const GroupRowsSchema = z
  .object({
    data: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).openapi({
      description: "One row per group: each dimension asked for (region dimensions also with `<dim>_name_zh`, `<dim>_name_en`), then the counts and sums",
    }),
    next: z.null(),
    meta: z.object({ dataset: z.string(), versions: z.record(z.string(), z.number().int()), group_by: z.array(z.string()), returned: z.number().int() }).passthrough(),
  })
  .openapi("GroupRows");
