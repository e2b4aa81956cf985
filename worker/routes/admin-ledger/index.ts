import { createRouter } from "../../lib/router";
import { ledgerVerificationHandler } from "./admin-ledger.handlers";
import { ledgerVerificationRoute } from "./admin-ledger.routes";

export const adminLedgerRouter = createRouter().openapi(ledgerVerificationRoute, ledgerVerificationHandler);
