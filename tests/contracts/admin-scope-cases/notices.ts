import type { AdminScopeCase } from "./types";

// Demo records in Wuhu (worker/demo/notices.ts): ntc_demo01 open, ntc_demo07 closed, ntc_demo13 a draft,
// obj_demo01 an objection to ntc_demo01, rpt_demo05 a report about a Nanling village.
export const cases: AdminScopeCase[] = [
  {
    method: "POST",
    path: "/api/v1/admin/notices",
    route: "/api/v1/admin/notices",
    body: { type: "project", region: "340223101201", title_zh: "测试", body_zh: "测试", issuer: "测试" },
  },
  { method: "GET", path: "/api/v1/admin/notices/ntc_demo01", route: "/api/v1/admin/notices/{id}" },
  { method: "PATCH", path: "/api/v1/admin/notices/ntc_demo13", route: "/api/v1/admin/notices/{id}", body: { title_zh: "越权修改" } },
  { method: "POST", path: "/api/v1/admin/notices/ntc_demo13/open", route: "/api/v1/admin/notices/{id}/open", body: {} },
  { method: "POST", path: "/api/v1/admin/notices/ntc_demo01/close", route: "/api/v1/admin/notices/{id}/close" },
  { method: "POST", path: "/api/v1/admin/notices/ntc_demo07/announce", route: "/api/v1/admin/notices/{id}/announce", body: { announcement_zh: "越权公告" } },
  { method: "POST", path: "/api/v1/admin/objections/obj_demo01/answer", route: "/api/v1/admin/objections/{id}/answer", body: { upheld: false, answer: "越权答复" } },
  { method: "GET", path: "/api/v1/admin/reports?region=340200000000", route: "/api/v1/admin/reports" },
  { method: "GET", path: "/api/v1/admin/reports/rpt_demo05", route: "/api/v1/admin/reports/{id}" },
  { method: "POST", path: "/api/v1/admin/reports/rpt_demo05/transitions", route: "/api/v1/admin/reports/{id}/transitions", body: { from: "received", to: "accepted" } },
  { method: "POST", path: "/api/v1/admin/reports/rpt_demo05/notes", route: "/api/v1/admin/reports/{id}/notes", body: { internal_note: "越权备注" } },
];
