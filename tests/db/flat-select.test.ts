import { beforeAll, describe, expect, it } from "vitest";
import { selectFlat } from "../../worker/db/flat-select";
import { villagesQuery, type VillageRow } from "../../worker/db/queries/villages";
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
});
