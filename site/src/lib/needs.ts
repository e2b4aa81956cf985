/** Types and API paths of the needs pages (the API's shapes: worker/schemas/needs.ts). */
import type { LedgerEntry, TreeHead } from "./funds";

export interface Need {
  id: string;
  region: { code: string; level: "village" | "township"; name_zh: string; name_en: string };
  township: { code: string; name_zh: string; name_en: string };
  category: string;
  beneficiary: "household" | "village";
  description: string;
  items: string | null;
  amount_fen: number | null;
  deadline: string;
  posted_on: string;
  status: "open" | "pledged" | "delivered" | "expired" | "withdrawn";
  closed_reason: string | null;
  closed_on: string | null;
  pledged_on: string | null;
  donor_named: boolean;
  donor_name: string | null;
  delivered_on: string | null;
  delivered: string | null;
  delivered_fen: number | null;
  donation_id: string | null;
  in_kind_record: string | null;
  demo: boolean;
}

export interface NeedDetail extends Need {
  pledge_id: string | null;
  delivery_id: string | null;
  ledger: { tree_head: TreeHead; entries: (LedgerEntry & { audit_path: string[] })[]; how_to_verify: string };
}

/** Posted, matched and delivered, and the median days to delivery (GET /api/v1/needs/stats). */
export interface NeedFlow {
  posted: number;
  matched: number;
  delivered: number;
  median_days_to_delivery: number | null;
}

export interface NeedStats extends NeedFlow {
  by_category: (NeedFlow & { category: string })[];
}

export const NEED_ID = /^ned_[0-9a-z]{4,36}$/;

export const NEEDS_API = {
  board: (region?: string) => `/api/v1/needs${region ? `?region=${region}` : ""}`,
  stats: (region?: string) => `/api/v1/needs/stats${region ? `?region=${region}` : ""}`,
  need: (id: string) => `/api/v1/needs/${id}`,
  pledge: (id: string) => `/api/v1/needs/${id}/pledges`,
  byReceipt: (receipt: string) => `/api/v1/pledges/${encodeURIComponent(receipt)}`,
};
