import { createAdminRoute } from "../../admin";
import { errorResponses } from "../../lib/schemas";
import { LedgerVerificationSchema } from "./admin-ledger.schemas";

export const ledgerVerificationRoute = createAdminRoute({
  role: "admin",
  method: "get",
  path: "/admin/ledger/verification",
  tags: ["Admin"],
  summary: "The ledger cross-check's latest results (admins scoped to a province)",
  description:
    "What the scheduled check (Workers Cron Trigger) found: the tree, every signed head and every public money row (donations, allocations, donation allocations, disbursements, project budgets, reversals) against its ledger leaf. The ledger spans every region, so the token must be scoped to a whole province.",
  responses: { 200: { description: "Latest and recent results", content: { "application/json": { schema: LedgerVerificationSchema } } }, ...errorResponses(500) },
});
