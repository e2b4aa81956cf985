/**
 * The Frictionless Data Package (v2) descriptor of a snapshot: every public dataset as one
 * CSV resource with its byte size and SHA-256, the dataset's Table Schema
 * (lib/dataset-fields.ts), the licence and the dataset versions it was read at. Nothing
 * in it depends on the host that served it, so its bytes — and the package hash appended
 * to the ledger — are the same wherever the snapshot is downloaded from.
 */
import { DATASETS, LICENCE } from "../domain/datasets";
import { tableSchema } from "../lib/dataset-fields";
import { DATASET_SCHEMAS } from "../schemas/datasets";

export const DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
export const DATAPACKAGE_FILE = "datapackage.json";

/** Every dataset of the catalogue except the list of snapshots itself. */
export const SNAPSHOT_DATASETS = DATASETS.filter((d) => d.id !== "snapshots");

export interface BuiltResource {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

export function snapshotDescriptor(snapshot: { id: number; createdAt: string; versions: Record<string, number> }, resources: readonly BuiltResource[]) {
  const byName = new Map(DATASETS.map((d) => [d.id, d]));
  return {
    $schema: DATAPACKAGE_PROFILE,
    name: `gongkai-snapshot-${snapshot.id}`,
    id: `gongkai:snapshot:${snapshot.id}`,
    title: `Gongkai open data, snapshot ${snapshot.id}`,
    description: "Every public dataset of the Gongkai poverty-alleviation transparency portal as of one moment. Its package hash (SHA-256 of this file) is in the portal's transparency ledger.",
    version: String(snapshot.id),
    created: snapshot.createdAt,
    licenses: [{ name: LICENCE.id, path: LICENCE.url, title: LICENCE.name }],
    resources: resources.map((r) => {
      const d = byName.get(r.name)!;
      return {
        name: r.name,
        path: r.path,
        title: d.title_en,
        description: `${d.description_en} (${d.title_zh})`,
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        bytes: r.bytes,
        hash: `sha256:${r.sha256}`,
        // The dataset's own Table Schema (also at /api/v1/datasets), from its one column definition.
        schema: tableSchema(DATASET_SCHEMAS[r.name]!),
      };
    }),
    "gongkai:dataset_versions": snapshot.versions,
  };
}
