import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/villages/340223101201/status",
    route: "/api/v1/admin/villages/{code}/status",
    body: { status: "exited", designated_year: 2014, exit_year: 2017 },
  },
  {
    method: "POST",
    path: "/api/v1/admin/villages/statuses",
    route: "/api/v1/admin/villages/statuses",
    body: "code,status,designated_year,exit_year\n340223101201,exited,2014,2017\n",
    contentType: "text/csv",
  },
];
