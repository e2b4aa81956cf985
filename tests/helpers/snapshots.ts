import { adminApi, adminToken } from "./admin";

/** Takes a citable snapshot through the admin API (province-level administrator), so the snapshots list has a row. */
export async function takeSnapshot(): Promise<{ id: number; package_hash: string }> {
  const token = await adminToken({ role: "admin", region: "340000000000" });
  const res = await adminApi("/api/v1/admin/snapshots", token, { method: "POST", idempotencyKey: crypto.randomUUID() });
  if (res.status !== 201 && res.status !== 200) throw new Error(`snapshot not taken: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { id: number; package_hash: string } }).data;
}
