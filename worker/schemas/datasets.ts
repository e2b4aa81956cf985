/**
 * The one definition of each public dataset's columns: the zod schema of its JSON item.
 * The catalogue's field dictionary, the CSV columns and the OpenAPI document all derive
 * from it (lib/dataset-fields.ts); tests/contracts/dataset-columns.test.ts checks that
 * JSON, CSV, NDJSON and the dictionary agree for every dataset listed here.
 */
import type { z } from "@hono/zod-openapi";
import { ChangeSchema } from "./changes";
import { ContactSchema } from "./contacts";
import { DonationSchema } from "./donations";
import { FlowSchema, MonthlyRateSchema, ProjectSchema, RateSchema } from "./funds";
import { LedgerEntrySchema } from "./ledger";
import { NoticeSummarySchema } from "./notices";
import { NeedSchema } from "./needs";
import { CaseSchema } from "./accountability";
import { MonitoringRowSchema } from "./monitoring";
import { OfficialFigureSchema } from "./official-figures";
import { RegionSchema } from "./regions";
import { SnapshotSchema } from "./snapshots";
import { RegisterStatisticSchema } from "./register-statistics";
import { VillageSchema } from "./villages";

export const DATASET_SCHEMAS: Record<string, z.ZodType> = {
  regions: RegionSchema,
  villages: VillageSchema,
  official_figures: OfficialFigureSchema,
  register_statistics: RegisterStatisticSchema,
  fund_projects: ProjectSchema,
  fund_rates: RateSchema,
  fund_rates_monthly: MonthlyRateSchema,
  fund_flows: FlowSchema,
  donations: DonationSchema,
  ledger: LedgerEntrySchema,
  notices: NoticeSummarySchema,
  snapshots: SnapshotSchema,
  needs: NeedSchema,
  accountability: CaseSchema,
  contacts: ContactSchema,
  monitoring: MonitoringRowSchema,
  changes: ChangeSchema,
};
