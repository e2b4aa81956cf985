import { beforeAll, describe, expect, it } from "vitest";
import { selectFlat } from "../../worker/db/flat-select";
import { listVillages, villagesQuery, type VillageRow } from "../../worker/db/queries/villages";
import { getDatasetStamps, getDatasetVersionsQuery } from "../../worker/db/queries/dataset-versions";
import { PLACES } from "../../worker/demo/official-figures";
import { db, seedOnce } from "../helpers/api";

beforeAll(() => seedOnce());

describe("selectFlat (rows as arrays, decoded once per column)", () => {
  it("returns exactly what drizzle's own mapping returns (booleans, nulls, computed columns)", async () => {
    for (const filters of [{}, { within: [PLACES.nanling] }, { within: [PLACES.wuwei], status: "exited" as const }]) {
      const viaDrizzle = await villagesQuery(db(), filters, undefined, 1000);
      const flat = await selectFlat<VillageRow>(db(), villagesQuery(db(), filters, undefined, 1000));
      expect(flat).toEqual(viaDrizzle);
      expect(flat.length).toBeGreaterThan(0);
      expect(typeof flat[0]!.isDemo).toBe("boolean");
    }
  });

  it("listVillages (SQL cached per filter shape) answers as the drizzle query does, for every shape", async () => {
    const cases: [Parameters<typeof villagesQuery>[1], string | undefined, number][] = [
      [{}, undefined, 7],
      [{}, "340223101201", 5],
      [{ within: [PLACES.nanling] }, undefined, 3],
      [{ within: [PLACES.nanling] }, "340223101201", 3],
      [{ within: [PLACES.wuwei], status: "exited" }, undefined, 50],
      [{ within: [PLACES.wuwei], exitYear: 2016 }, undefined, 50],
      [{ within: [PLACES.wuhu], designatedYear: 2014, status: "poor" }, undefined, 50],
      [{ within: [PLACES.wuhu, PLACES.nanling] }, undefined, 50],
    ];
    for (const run of [1, 2]) {
      for (const [filters, after, limit] of cases) {
        expect(await listVillages(db(), filters, after, limit), `${JSON.stringify(filters)} after ${after} (run ${run})`).toEqual(await villagesQuery(db(), filters, after, limit));
      }
    }
    const stamps = await getDatasetStamps(db(), ["regions", "villages", "no_such_dataset"]);
    const rows = await getDatasetVersionsQuery(db(), ["regions", "villages"]);
    expect(stamps.versions).toEqual({ regions: rows.find((r) => r.dataset === "regions")!.version, villages: rows.find((r) => r.dataset === "villages")!.version, no_such_dataset: 1 });
  });
});
