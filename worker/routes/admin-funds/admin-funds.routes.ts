import { z } from "@hono/zod-openapi";
import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { DonationIdSchema, ErrorSchema, errorResponses, ProjectIdSchema } from "../../lib/schemas";
import { AllocationBody, AmendmentBody, CreateProjectBody, DisbursementBody, DonationAllocationBody, DonationBody, ReversalBody, StatusBody, WriteResult } from "./admin-funds.schemas";

const tags = ["Admin"];

function writeRoute<P extends string, B extends z.ZodTypeAny>(path: P, summary: string, description: string, body: B, params?: z.ZodObject, role: "editor" | "admin" = "editor") {
  return createAdminRoute({
    role,
    method: "post",
    path,
    tags,
    summary,
    description: `${description} Token-scoped and audited; takes an Idempotency-Key. Every money event is appended to the ledger in the same atomic batch, with a new signed tree head.`,
    request: {
      headers: IdempotencyHeader(),
      ...(params ? { params } : {}),
      body: { required: true, content: { "application/json": { schema: body } } },
    },
    responses: {
      201: { description: "Recorded", content: { "application/json": { schema: WriteResult } } },
      ...errorResponses(400, 404, 409, 422, 500),
      503: { description: "The ledger signing key is not configured (ledger_key_missing), or is a key a newer one replaced (ledger_key_retired); nothing was recorded", content: { "application/json": { schema: ErrorSchema } } },
    },
  });
}

export const createProjectRoute = writeRoute("/admin/funds/projects", "Add a project to the project library", "Creates a planned project with its budget by fund source.", CreateProjectBody);
export const projectStatusRoute = writeRoute(
  "/admin/funds/projects/{id}/status",
  "Move a project along its life cycle",
  "planned → filed → started → completed; anything not completed may be cancelled. No step can be skipped; a racing change is a 409.",
  StatusBody,
  z.object({ id: ProjectIdSchema }),
);
export const amendmentRoute = writeRoute(
  "/admin/funds/projects/{id}/amendments",
  "Amend a project's names or budget, with a public reason",
  "Administrator role. Records the amendment as new rows (the names and amounts before and after, and the reason), never by editing the budget lines: one ledger entry for the amendment (its reason as a hash) and one per budget line it changes. A line's new amount may not be below what is already allocated from it (422); a line the project does not have is a 422; an amendment that changes nothing is a 422; a cancelled project is a 409.",
  AmendmentBody,
  z.object({ id: ProjectIdSchema }),
  "admin",
);
export const allocationRoute = writeRoute("/admin/funds/allocations", "Allocate funds to a project", "Refused (422) above the budget remaining for that source.", AllocationBody);
export const disbursementRoute = writeRoute(
  "/admin/funds/disbursements",
  "Record a disbursement",
  "Refused (422) above the funds allocated to the project from that source and not yet disbursed.",
  DisbursementBody,
);
export const donationRoute = writeRoute("/admin/donations", "Record a donation", "The response's id is the public receipt id.", DonationBody);
export const donationAllocationRoute = writeRoute(
  "/admin/donations/{id}/allocations",
  "Allocate part of a donation to a project or village",
  "Within the donor's target; refused (422) above the unallocated remainder.",
  DonationAllocationBody,
  z.object({ id: DonationIdSchema }),
);
export const reversalRoute = writeRoute(
  "/admin/funds/reversals",
  "Correct an entry by reversing it",
  "Appends a reversing entry for a fund allocation, disbursement, donation or donation allocation; the original stays in the ledger. Record the right figure as a new entry.",
  ReversalBody,
);
