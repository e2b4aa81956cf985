import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/accountability/cases",
    route: "/api/v1/admin/accountability/cases",
    body: { region_code: "340223000000", closed_on: "2018-05-01", problem: "fund_misuse", outcome: "no_case", people_disciplined: 0, people_referred: 0, recovered_fen: 0, returned_fen: 0 },
  },
];
