import sample from "../../../docs/samples/households-sample.csv?raw";
import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/imports/households?year=2018&region=340223000000",
    route: "/api/v1/admin/imports/households",
    body: sample,
    contentType: "text/csv",
  },
  { method: "GET", path: "/api/v1/admin/imports/releases?region=340200000000", route: "/api/v1/admin/imports/releases" },
];
