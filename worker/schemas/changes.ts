/** The change feed's row (worker/changes/feed.ts): the one definition of its JSON, CSV and NDJSON. */
import { z } from "@hono/zod-openapi";
import { CHANGE_KINDS } from "../changes/feed";
import { ProvenanceSchema } from "./provenance";

export const ChangeSchema = z
  .object({
    seq: z.string().openapi({ description: "Position in the feed (audit row id, and 1 for the second change of one write): increases in commit order", example: "1042.0" }),
    dataset: z.string().openapi({ description: "The catalogue dataset that changed (fund_rates, fund_rates_monthly and fund_flows follow fund_projects)", example: "notices" }),
    id: z.string().nullable().openapi({ description: "The row's public id (notice, project, donation, need, case, snapshot, region code; the source of official figures; the register release; for a load of many regions or village statuses, the lowest region covering them)" }),
    kind: z.enum(CHANGE_KINDS).openapi({
      description:
        "created, published (a notice opened, figures published), updated, cancelled (a project cancelled), closed (a notice's window ended; a need expired or withdrawn), announced (a notice's result; its household items are withdrawn), superseded (a notice replaced by its correction), replaced (a register release or a region's contacts replaced whole), recorded (money allocated or disbursed), reversed (a money row withdrawn by a reversing row)",
    }),
    at: z.string().openapi({ description: "When it was written (UTC, the writer's clock; clocks may disagree, so a later change can show an earlier time)", format: "date-time" }),
    region_code: z.string().nullable().openapi({ description: "The region the write was for; for a need, the region it is public under (a medical or disability need: its township, privacy rule R4)" }),
    link: z.string().openapi({ description: "Where to read the changed row (or the rows of its region), below the portal's origin", example: "/api/v1/notices/ntc_demo01" }),
    provenance: ProvenanceSchema,
  })
  .openapi("Change");
