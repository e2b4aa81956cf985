/**
 * A request to an admin route that targets demo Wuhu data (340200000000 and below).
 * The scope contract sends it with an editor+ token scoped to Baicheng and expects 403.
 */
export interface AdminScopeCase {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Concrete path, e.g. /api/v1/admin/official-figures */
  path: string;
  /** The OpenAPI path template it exercises, e.g. /api/v1/admin/notices/{id}/open */
  route: string;
  body?: unknown;
  contentType?: string;
  /** Prepare data first (e.g. create a notice with a Wuhu token); may return values for path/body. */
  prepare?: () => Promise<void>;
}
