import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  // The ledger spans every region: a token below province level (Baicheng, a city) is refused.
  { method: "GET", path: "/api/v1/admin/ledger/verification", route: "/api/v1/admin/ledger/verification" },
];
