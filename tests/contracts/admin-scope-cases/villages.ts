import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/villages/340223101201/status",
    route: "/api/v1/admin/villages/{code}/status",
    body: { status: "exited", designated_year: 2014, exit_year: 2017 },
  },
];
