import type { AdminScopeCase } from "./types";

export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/regions",
    route: "/api/v1/admin/regions",
    body: "code,parent_code,level,name_zh,name_en\n340223198000,340223000000,township,越级镇,Out of Scope Township\n",
    contentType: "text/csv",
  },
];
