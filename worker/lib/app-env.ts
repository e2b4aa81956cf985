import type { Role } from "../domain/roles";

/** The administrator a request acts as (set by the admin auth middleware). */
export interface AdminPrincipal {
  tokenId: string;
  role: Role;
  /** The token acts on this region and everything below it. */
  regionCode: string;
}

/** Hono generics for the whole app: the Worker's bindings and per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    admin: AdminPrincipal;
    /** Query-string problems found by lib/strict-query.ts, reported with zod's (lib/router.ts). */
    queryProblems?: import("./errors").ErrorDetail[];
  };
}
