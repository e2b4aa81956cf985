import { z } from "@hono/zod-openapi";
import { updatedSinceParam } from "../../changes/updated-since";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { NEED_CATEGORIES, NEED_STATUSES } from "../../needs/rules";
import { abuseFields } from "../../schemas/notices";
import { NeedSchema } from "../../schemas/needs";
import { TreeHeadSchema } from "../../schemas/ledger";
import { Hex32 } from "../../schemas/ledger";

const Category = z.enum(NEED_CATEGORIES, { error: `must be one of ${NEED_CATEGORIES.join(", ")}` });

export const NeedListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({
    description: "Needs shown in this region and below. A village lists its own needs; medical and disability needs are shown at township level only (privacy rule R4), so they appear under the township and above.",
  }),
  status: z.enum(NEED_STATUSES, { error: `must be one of ${NEED_STATUSES.join(", ")}` }).optional(),
  category: Category.optional(),
  updated_since: updatedSinceParam,
});

export const NeedIdParam = z.object({
  id: z.string().regex(/^ned_[0-9a-z]{4,36}$/, "must be a need id (ned_…)").openapi({ param: { name: "id", in: "path" }, example: "ned_0h7k2m4q8r1t5v9w" }),
});

const ProvenEntry = z.object({
  index: z.number().int(),
  type: z.string(),
  subject_id: z.string(),
  recorded_at: z.string(),
  leaf: z.string().openapi({ description: "Canonical JSON leaf" }),
  leaf_hash: Hex32,
  audit_path: z.array(Hex32).openapi({ description: "RFC 9162 inclusion proof against `tree_head`" }),
});

export const NeedDetailSchema = z
  .object({
    data: NeedSchema.extend({
      pledge_id: z.string().nullable(),
      delivery_id: z.string().nullable(),
      ledger: z.object({
        tree_head: TreeHeadSchema,
        entries: z.array(ProvenEntry).openapi({ description: "The pledge's and the delivery's ledger entries, each with its inclusion proof" }),
        how_to_verify: z.string(),
      }),
    }),
  })
  .openapi("NeedDetail");

export const PledgeBody = z
  .strictObject({
    donor_name: z.string().trim().min(1, "must not be empty").max(100, "is too long").optional().openapi({
      description: "Only if you want to be named on the need; leave it out to pledge anonymously. Never written to the ledger.",
    }),
    ...abuseFields,
  })
  .openapi("PledgeRequest");

export const PledgeReceiptSchema = z
  .object({
    data: z.object({
      receipt: z.string().openapi({ example: "7K3D-W9QX-M2HT-A8RF-0C5N-JB4E", description: "Shown once: keep it to follow the pledge. Stored only as a hash." }),
      received_at: z.string(),
      follow_up: z.string().openapi({ description: "Where to follow the pledge with the receipt" }),
      need_id: z.string(),
      pledge_id: z.string(),
      ledger_index: z.number().int(),
    }),
  })
  .openapi("PledgeReceipt");

export const NeedStatsQuery = z.strictObject({
  region: RegionCodeSchema.optional().openapi({ description: "Needs shown in this region and below (R4 as for the list)" }),
  category: Category.optional(),
  year: YearSchema.optional().openapi({ description: "Needs posted in this year (Asia/Shanghai)" }),
});

const Flow = {
  posted: z.number().int(),
  matched: z.number().int().openapi({ description: "Pledged or delivered" }),
  delivered: z.number().int(),
  median_days_to_delivery: z.number().nullable().openapi({ description: "Median days from posting to delivery (Asia/Shanghai dates); null when none was delivered" }),
};

export const NeedStatsSchema = z
  .object({
    data: z.object({
      ...Flow,
      by_status: z.object(Object.fromEntries(NEED_STATUSES.map((s) => [s, z.number().int()]))),
      delivered_share: z.number().nullable().openapi({ description: "Delivered ÷ matched, 0–1; null when nothing was matched" }),
      by_category: z.array(z.object({ category: z.enum(NEED_CATEGORIES), ...Flow })),
      by_township: z.array(z.object({ code: RegionCodeSchema, name_zh: z.string().nullable(), name_en: z.string().nullable(), ...Flow })),
      by_month: z.array(z.object({ month: z.string().openapi({ example: "2018-06" }), ...Flow })),
    }),
    meta: z.object({ time_zone: z.literal("Asia/Shanghai"), filters: z.record(z.string(), z.unknown()) }),
  })
  .openapi("NeedStatistics");
