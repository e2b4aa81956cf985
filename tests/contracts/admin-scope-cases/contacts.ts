import type { AdminScopeCase } from "./types";

const secretary = { role: "first_secretary", name_zh: "越级", office_zh: "越级单位", phone: "0553-6812345", confirmed_on: "2026-01-01" };

export const cases: AdminScopeCase[] = [
  { method: "PUT", path: "/api/v1/admin/contacts/340223101204", route: "/api/v1/admin/contacts/{code}", body: { contacts: [secretary] } },
];
