/**
 * Builds a snapshot's files: every public dataset's CSV, read through the API's own
 * streamed export (the same handler, column definition and CSV writer as
 * `?format=csv`, called in-process, never a second CSV path), written to R2 part by part
 * while it is hashed (r2-writer.ts), then the datapackage.json that lists them. Each
 * export reads its table in keyset pages, so memory stays at one R2 part plus one page
 * whatever the size: national scale fits a Worker's 128 MB.
 *
 * Recording the snapshot (its row and its ledger entry, one batch) is a write of its own:
 * worker/writes/snapshots.ts.
 */
import { sha256Hex } from "../domain/secure-random";
import { DATAPACKAGE_FILE, SNAPSHOT_DATASETS, snapshotDescriptor, type BuiltResource } from "./package";
import { DEFAULT_PART_SIZE, writeHashed, type SnapshotBucket } from "./r2-writer";

/** Answers a public API request in-process (createPublicApiReader().fetch with env and ctx bound). */
export type PublicFetch = (request: Request) => Promise<Response>;

export interface BuiltSnapshot {
  id: number;
  createdAt: string;
  storagePrefix: string;
  versions: Record<string, number>;
  resources: BuiltResource[];
  packageHash: string;
  packageBytes: number;
  totalBytes: number;
  buildMs: number;
}

export interface BuildOptions {
  bucket: SnapshotBucket;
  fetch: PublicFetch;
  id: number;
  now: Date;
  versions: Record<string, number>;
  partSize?: number;
  /** Datasets to include (default: every public dataset). */
  datasets?: readonly string[];
}

/** Where snapshot files live in R2: a random prefix per build (see migration 0015). */
export function newStoragePrefix(id: number): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  return `snapshots/${id}-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export async function buildSnapshotFiles(options: BuildOptions): Promise<BuiltSnapshot> {
  const started = Date.now();
  const storagePrefix = newStoragePrefix(options.id);
  const createdAt = options.now.toISOString();
  const wanted = options.datasets ? SNAPSHOT_DATASETS.filter((d) => options.datasets!.includes(d.id)) : SNAPSHOT_DATASETS;
  const resources: BuiltResource[] = [];
  try {
    for (const dataset of wanted) {
      const path = `${dataset.id}.csv`;
      // No limit: the export streams every row in keyset pages.
      const response = await options.fetch(new Request(`https://snapshot.internal/api/v1${dataset.path.replace(/^\/api\/v1/, "")}?format=csv`, { headers: { Accept: "text/csv" } }));
      if (response.status !== 200 || !response.body) throw new Error(`export of ${dataset.id} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      const written = await writeHashed(options.bucket, `${storagePrefix}/${path}`, response.body, "text/csv; charset=utf-8", options.partSize ?? DEFAULT_PART_SIZE);
      resources.push({ name: dataset.id, path, bytes: written.bytes, sha256: written.sha256 });
    }
    const descriptor = new TextEncoder().encode(`${JSON.stringify(snapshotDescriptor({ id: options.id, createdAt, versions: options.versions }, resources), null, 2)}\n`);
    await options.bucket.put(`${storagePrefix}/${DATAPACKAGE_FILE}`, descriptor, { httpMetadata: { contentType: "application/json" } });
    return {
      id: options.id,
      createdAt,
      storagePrefix,
      versions: options.versions,
      resources,
      packageHash: await sha256Hex(descriptor),
      packageBytes: descriptor.byteLength,
      totalBytes: descriptor.byteLength + resources.reduce((sum, r) => sum + r.bytes, 0),
      buildMs: Date.now() - started,
    };
  } catch (error) {
    await discardSnapshotFiles(options.bucket, storagePrefix, resources.map((r) => r.path));
    throw error;
  }
}

/** Removes a build's files (a build that failed, or whose recording lost a race). */
export async function discardSnapshotFiles(bucket: SnapshotBucket, prefix: string, paths: readonly string[]): Promise<void> {
  await bucket.delete([...paths, DATAPACKAGE_FILE].map((p) => `${prefix}/${p}`)).catch(() => undefined);
}
