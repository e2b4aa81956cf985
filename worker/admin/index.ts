/** The administrator side every admin write uses: tokens, roles, scope, audit, idempotency. */
export { adminAuth } from "./auth";
export { auditEntry, type AuditFacts } from "./audit";
export { guardChanged } from "./guard";
export { idempotentWrite, type PlannedWrite } from "./idempotency";
export { createAdminRoute, requireRole, requireScope } from "./route";
export { createToken, findActiveToken, listTokens, revokeToken } from "./tokens";
export { IdempotencyHeader } from "./headers";
