import { adminToken } from "../../helpers/admin";
import { adminPost } from "../../helpers/funds";
import type { AdminScopeCase } from "./types";

const NANLING_VILLAGE = "340223101201";
const need = { category: "schooling", beneficiary: "household", description: "学生需要书包", items: "书包 1 个", deadline: "2099-12-31" };

/** A need in a Nanling village, posted with a Wuhu token. */
async function wuhuNeed(): Promise<string> {
  const token = await adminToken({ role: "editor", region: "340200000000" });
  return (await adminPost("/api/v1/admin/needs", token, { ...need, village_code: NANLING_VILLAGE })).body.data.id;
}

const deliveryCase: AdminScopeCase = {
  method: "POST",
  path: "",
  route: "/api/v1/admin/needs/{id}/delivery",
  body: { date: "2018-05-01", delivered: "书包", in_kind_record: "x" },
  prepare: async () => {
    deliveryCase.path = `/api/v1/admin/needs/${await wuhuNeed()}/delivery`;
  },
};
const closeCase: AdminScopeCase = {
  method: "POST",
  path: "",
  route: "/api/v1/admin/needs/{id}/close",
  body: { status: "withdrawn", reason: "other" },
  prepare: async () => {
    closeCase.path = `/api/v1/admin/needs/${await wuhuNeed()}/close`;
  },
};

export const cases: AdminScopeCase[] = [
  { method: "POST", path: "/api/v1/admin/needs", route: "/api/v1/admin/needs", body: { ...need, village_code: NANLING_VILLAGE } },
  deliveryCase,
  closeCase,
];
