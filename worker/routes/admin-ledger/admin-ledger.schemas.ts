import { z } from "@hono/zod-openapi";

export const LedgerCheckSchema = z
  .object({
    checked_at: z.string().openapi({ description: "When the check ran (UTC)", format: "date-time" }),
    trigger: z.enum(["cron"]).openapi({ description: "What ran it (the Workers Cron Trigger)" }),
    tree_size: z.number().int().openapi({ description: "Ledger entries checked (the head size)" }),
    root_hash: z.string().nullable().openapi({ description: "Root the entries gave, hex" }),
    ok: z.boolean().openapi({ description: "true: every entry, stored hash and signed head, and every public money row equal to its leaf" }),
    rows_checked: z.number().int().openapi({ description: "Public money rows compared with their leaves" }),
    problem_count: z.number().int().openapi({ description: "Problems found (at most 20 are collected)" }),
    first_problem: z
      .object({
        kind: z.string(),
        entry: z.number().int().nullable(),
        table: z.string().nullable(),
        row_id: z.string().nullable(),
        field: z.string().nullable(),
        message: z.string(),
      })
      .nullable()
      .openapi({ description: "The first mismatch: for a row, its table, id and field" }),
    duration_ms: z.number().int(),
  })
  .openapi("LedgerCheck");

export const LedgerVerificationSchema = z
  .object({
    data: z.object({
      latest: LedgerCheckSchema.nullable().openapi({ description: "The newest recorded check, or null before the first cron run" }),
      recent: z.array(LedgerCheckSchema).openapi({ description: "The last 10 checks, newest first" }),
    }),
  })
  .openapi("LedgerVerification");
