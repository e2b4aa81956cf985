import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { ledgerKey } from "../../lib/ledger-key";
import { allocateDonation } from "../../writes/donation-allocations";
import { recordDonation } from "../../writes/donations";
import { allocateFunds } from "../../writes/fund-allocations";
import type { FundsContext, FundsPlan } from "../../writes/funds-context";
import { disburseFunds } from "../../writes/disbursements";
import { changeProjectStatus, createProject } from "../../writes/projects";
import { reverseEntry } from "../../writes/reversals";
import { amendProject } from "../../writes/project-amendments";
import type {
  allocationRoute,
  amendmentRoute,
  createProjectRoute,
  disbursementRoute,
  donationAllocationRoute,
  donationRoute,
  projectStatusRoute,
  reversalRoute,
} from "./admin-funds.routes";

/** Runs a funds write with the ledger's signing key (a 503 when the secret is missing). */
function fundsWrite(c: Context<AppEnv>, write: (ctx: FundsContext) => Promise<FundsPlan>) {
  return executeWrite(c, 201, async (ctx) => write({ ...ctx, key: await ledgerKey(c.env) }));
}


export const createProjectHandler: RouteHandler<typeof createProjectRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => createProject(ctx, c.req.valid("json")));
export const projectStatusHandler: RouteHandler<typeof projectStatusRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => changeProjectStatus(ctx, c.req.param("id")!, c.req.valid("json")));
export const amendmentHandler: RouteHandler<typeof amendmentRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => amendProject(ctx, c.req.param("id")!, c.req.valid("json")));
export const allocationHandler: RouteHandler<typeof allocationRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => allocateFunds(ctx, c.req.valid("json")));
export const disbursementHandler: RouteHandler<typeof disbursementRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => disburseFunds(ctx, c.req.valid("json")));
export const donationHandler: RouteHandler<typeof donationRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => recordDonation(ctx, c.req.valid("json")));
export const donationAllocationHandler: RouteHandler<typeof donationAllocationRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => allocateDonation(ctx, c.req.param("id")!, c.req.valid("json")));
export const reversalHandler: RouteHandler<typeof reversalRoute, AppEnv> = (c) => fundsWrite(c, (ctx) => reverseEntry(ctx, c.req.valid("json")));
