import { beforeAll, describe, expect, it } from "vitest";
import { csvRow } from "../../worker/domain/csv";
import { cellOf, flatFields } from "../../worker/lib/dataset-fields";
import { utf8 } from "../../worker/lib/listing";
import { VillageSchema } from "../../worker/routes/villages/villages.schemas";
import { RegionSchema } from "../../worker/schemas/regions";
import { api, followList, seedOnce } from "../helpers/api";

beforeAll(() => seedOnce());

describe("utf8 (a JSON page's bytes through a kept buffer)", () => {
  it("gives exactly TextEncoder's bytes, copied out at their length, whatever came before", () => {
    const encoder = new TextEncoder();
    const texts = [
      JSON.stringify({ name_zh: "西庄村", name_en: "Xizhuang Village", emoji: "𠀀😀", lone: "\ud800x" }),
      "短",
      "",
      "村".repeat(40_000), // grows the buffer past its first size
      "a",
    ];
    for (const text of texts) {
      const bytes = utf8(text);
      expect(Array.from(bytes)).toEqual(Array.from(encoder.encode(text)));
      expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // its own buffer, not a view of the kept one
    }
    const first = utf8("first");
    utf8("second, longer text");
    expect(new TextDecoder().decode(first)).toBe("first");
  });
});

describe("a streamed CSV export (cells reused while a column repeats, pages encoded through the kept buffer)", () => {
  for (const [dataset, schema] of [["villages", VillageSchema], ["regions", RegionSchema]] as const) {
    it(`/api/v1/${dataset}?format=csv is, line for line, the CSV of the JSON rows`, async () => {
      const { rows } = await followList(`/api/v1/${dataset}?limit=1000`);
      const fields = flatFields(schema);
      const expected = csvRow(fields.map((f) => f.name)) + rows.map((item) => csvRow(fields.map((f) => cellOf(item, f)))).join("");
      const res = await api(`/api/v1/${dataset}?format=csv`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(rows.length).toBeGreaterThan(100);
      // Columns that repeat and then change (township, status, years) are where a stale cell would show.
      expect(new Set(rows.map((r: { status?: string; level?: string }) => r.status ?? r.level)).size).toBeGreaterThan(1);
      expect(text).toBe(expected);
    });
  }
});
