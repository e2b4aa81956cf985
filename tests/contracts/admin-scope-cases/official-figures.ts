import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/official-figures",
    route: "/api/v1/admin/official-figures",
    body: {
      source: { id: "scope-test", title_zh: "测试", title_en: "Test", issuer: "测试", published_on: "2019-01-01" },
      figures: [{ region_code: "340200000000", year: 2019, metric: "exited_people", value: 100 }],
    },
  },
  {
    method: "GET",
    path: "/api/v1/admin/audit?region=340200000000",
    route: "/api/v1/admin/audit",
  },
];
