import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { listChanges, type Change } from "../../changes/feed";
import { createDb } from "../../db/client";
import { DATASETS } from "../../domain/datasets";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import { ChangeSchema } from "../../schemas/changes";
import { provenanceOf } from "../../schemas/provenance";
import type { listChangesRoute } from "./changes.routes";

/** Every public write bumps the version of a catalogue dataset, so these versions tag the feed. */
const ALL_DATASETS = DATASETS.map((d) => d.id);
const PROVENANCE = provenanceOf("administrative", false, "From the portal's append-only audit log of administrative writes; whether the changed row is demo data, the row says itself");

export const listChangesHandler: RouteHandler<typeof listChangesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const since = query.since && new Date(query.since).toISOString();
  return respondList<Change, [number, number]>(c, query, {
    dataset: "changes",
    dependsOn: ALL_DATASETS,
    filename: "changes",
    keySchema: z.tuple([z.number().int().min(0), z.number().int().min(0).max(1)]),
    keyOf: (row) => row.key,
    page: (after, limit) => listChanges(db, since, after, limit),
    toJson: ({ key, ...row }) => ({ seq: `${key[0]}.${key[1]}`, ...row, provenance: PROVENANCE }),
    schema: ChangeSchema,
    meta: { filters: { since } },
  });
};
