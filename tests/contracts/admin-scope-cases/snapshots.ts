import type { AdminScopeCase } from "./types";

// A snapshot covers every region: a city-scoped administrator (Baicheng) may not take one.
export const cases: AdminScopeCase[] = [{ method: "POST", path: "/api/v1/admin/snapshots", route: "/api/v1/admin/snapshots" }];
