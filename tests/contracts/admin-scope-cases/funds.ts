import { env } from "cloudflare:workers";
import { adminToken } from "../../helpers/admin";
import { adminPost, NANLING, projectBody, wuhuProject } from "../../helpers/funds";
import type { AdminScopeCase } from "./types";

const nanlingVillage = async () =>
  (await env.DB.prepare("SELECT village_code AS code FROM village_status WHERE village_code BETWEEN '340223000000' AND '340223999999' ORDER BY village_code LIMIT 1").first<{ code: string }>())!.code;

const statusCase: AdminScopeCase = {
  method: "POST",
  path: "",
  route: "/api/v1/admin/funds/projects/{id}/status",
  body: { status: "filed", date: "2018-03-01" },
  prepare: async () => {
    statusCase.path = `/api/v1/admin/funds/projects/${(await wuhuProject()).id}/status`;
  },
};
const amendmentCase: AdminScopeCase = {
  method: "POST",
  path: "",
  route: "/api/v1/admin/funds/projects/{id}/amendments",
  body: { date: "2018-06-01", reason_zh: "越级调整", name_zh: "越级改名" },
  prepare: async () => {
    amendmentCase.path = `/api/v1/admin/funds/projects/${(await wuhuProject()).id}/amendments`;
  },
};
const allocationCase: AdminScopeCase = {
  method: "POST",
  path: "/api/v1/admin/funds/allocations",
  route: "/api/v1/admin/funds/allocations",
  prepare: async () => {
    allocationCase.body = { project_id: (await wuhuProject()).id, source: "municipal", date: "2018-04-01", amount_fen: 100, document_no: "x" };
  },
};
const disbursementCase: AdminScopeCase = {
  method: "POST",
  path: "/api/v1/admin/funds/disbursements",
  route: "/api/v1/admin/funds/disbursements",
  prepare: async () => {
    disbursementCase.body = { project_id: (await wuhuProject({ allocate: 10_000 })).id, source: "municipal", date: "2018-05-01", amount_fen: 100, receipted_fen: 0, document_no: "x" };
  },
};
const donationAllocationCase: AdminScopeCase = {
  method: "POST",
  path: "",
  route: "/api/v1/admin/donations/{id}/allocations",
  prepare: async () => {
    const token = await adminToken({ role: "editor", region: "340200000000" });
    const donation = await adminPost("/api/v1/admin/donations", token, { date: "2018-05-01", amount_fen: 50_000, channel: "online", target: { type: "general" } });
    donationAllocationCase.path = `/api/v1/admin/donations/${donation.body.data.id}/allocations`;
    donationAllocationCase.body = { village_code: await nanlingVillage(), date: "2018-05-02", amount_fen: 100 };
  },
};
const reversalCase: AdminScopeCase = {
  method: "POST",
  path: "/api/v1/admin/funds/reversals",
  route: "/api/v1/admin/funds/reversals",
  prepare: async () => {
    reversalCase.body = { id: (await wuhuProject({ allocate: 10_000 })).allocationId, date: "2018-06-01", reason: "entry_error" };
  },
};

export const cases: AdminScopeCase[] = [
  { method: "POST", path: "/api/v1/admin/funds/projects", route: "/api/v1/admin/funds/projects", body: projectBody({ region_code: NANLING }) },
  statusCase,
  amendmentCase,
  allocationCase,
  disbursementCase,
  { method: "POST", path: "/api/v1/admin/donations", route: "/api/v1/admin/donations", body: { date: "2018-05-01", amount_fen: 100, channel: "online", target: { type: "region", region_code: "340200000000" } } },
  donationAllocationCase,
  reversalCase,
];
