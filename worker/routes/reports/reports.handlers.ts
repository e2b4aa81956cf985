import { reportGroups } from "../../db/queries/groups";
import { respondGroups } from "../../lib/grouping";
import type { RouteHandler } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { caseForReport } from "../../accountability/queries";
import { getReportForReceipt, publicTimeline, reportStatistics } from "../../db/queries/reports";
import { executePublicWrite } from "../../admin/execute";
import { createReport } from "../../writes/reports";
import { newReceipt, receiptHash } from "../../domain/receipts";
import {
  median,
  REPORT_CATEGORIES,
  REPORT_STATUSES,
  reportDeadlines,
  type ReportStatus,
} from "../../domain/report-workflow";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { unknownReceipt } from "../../lib/errors";
import { edgeCached } from "../../lib/edge-cache";
import { requireTurnstile } from "../../lib/turnstile";
import { requireRegionParam } from "../region-params";
import type { createReportRoute, getReportRoute, reportStatsRoute } from "./reports.routes";

export const createReportHandler: RouteHandler<typeof createReportRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  c.header("Cache-Control", "no-store");
  await requireTurnstile(c, body.turnstile_token);
  // Honeypot (see notices): an ordinary-looking answer, nothing stored.
  if (body.website) {
    const receipt = newReceipt();
    return c.json({ data: { receipt, received_at: clock(c).toISOString(), follow_up: `/api/v1/reports/${receipt}` } }, 201);
  }
  // The one write path (writes/reports.ts): the demo generator receives its reports the same way.
  return executePublicWrite(c, (ctx) => createReport(ctx, { category: body.category, region: body.region, text: body.text, contact: body.contact ?? null }), (result) => result);
};

export const getReportHandler: RouteHandler<typeof getReportRoute, AppEnv> = async (c) => {
  const { receipt } = c.req.valid("param");
  // The receipt is a bearer secret in the URL: keep the answer out of every shared cache.
  c.header("Cache-Control", "no-store");
  const db = createDb(c.env.DB);
  const now = clock(c);
  const hash = await receiptHash(receipt);
  const report = hash ? await getReportForReceipt(db, hash) : undefined;
  if (!report) throw unknownReceipt("report");
  const [timeline, accountabilityCase] = await Promise.all([publicTimeline(db, report.id), caseForReport(db, report.id)]);
  const deadlines = reportDeadlines(
    {
      status: report.status,
      receivedAt: new Date(report.receivedAt),
      acknowledgedAt: report.acknowledgedAt ? new Date(report.acknowledgedAt) : null,
      resolvedAt: report.resolvedAt ? new Date(report.resolvedAt) : null,
    },
    now,
  );
  return c.json(
    {
      data: {
        category: report.category,
        region: { code: report.regionCode, name_zh: report.regionNameZh, name_en: report.regionNameEn },
        status: report.status,
        received_at: report.receivedAt,
        ...deadlines,
        timeline: timeline.map((e) => ({ at: e.at, status: (e.kind === "status" ? e.status : null) as ReportStatus | null, text: e.text })),
        // Only that a case was opened on this report and how it ended: never which case.
        accountability_case: accountabilityCase ? { opened: true as const, outcome: accountabilityCase.outcome } : null,
      },
    },
    200,
  );
};

function countsOf<K extends string>(keys: readonly K[], rows: readonly { key: string; n: number }[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) if ((keys as readonly string[]).includes(row.key)) out[row.key as K] = row.n;
  return out;
}

export const reportStatsHandler: RouteHandler<typeof reportStatsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const now = clock(c);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { region: query.region, category: query.category, year: query.year };
  if (query.group_by) return respondGroups(c, query, query.group_by, reportGroups(filters, filters));
  // Overdue counts change with time as well as data: the ETag carries the hour.
  return edgeCached(c, { datasets: ["regions", "reports"], variant: `json:${now.toISOString().slice(0, 13)}` }, async () => {
    const s = await reportStatistics(db, { region: query.region, category: query.category, year: query.year }, now);
    const byStatus = countsOf(REPORT_STATUSES, s.byStatus);
    return c.json(
      {
        data: {
          total: Object.values(byStatus).reduce((a, b) => a + b, 0),
          by_status: byStatus,
          by_category: countsOf(REPORT_CATEGORIES, s.byCategory),
          by_region: s.byCounty.map((r) => ({ code: r.key, name_zh: r.nameZh, name_en: r.nameEn, received: r.n })),
          by_month: s.byMonth.map((r) => ({ month: r.key, received: r.n, resolved: Number(r.resolved) })),
          median_days_to_acknowledge: median(s.ackDurations.map((d) => Math.round(Number(d.days) * 10) / 10)),
          median_days_to_resolve: median(s.resolveDurations.map((d) => Math.round(Number(d.days) * 10) / 10)),
          overdue: { acknowledgement: Number(s.overdue.acknowledgement), resolution: Number(s.overdue.resolution) },
        },
        meta: {
          as_of: now.toISOString(),
          time_zone: "Asia/Shanghai" as const,
          filters: { region: query.region, category: query.category, year: query.year },
        },
      },
      200,
    );
  });
};
