/**
 * A division-code list for `npm run admin -- import regions <file.csv>`: UTF-8 CSV with the
 * header `code,parent_code,level,name_zh,name_en` (an empty parent_code for a province), parents
 * listed before their children. The rows go to the region write (worker/writes/regions.ts),
 * which checks them; this only reads the file, naming the line of anything it cannot read.
 */
import { parseCsv } from "../../worker/domain/csv";
import { REGION_LEVELS, type RegionLevel } from "../../worker/domain/region-codes";
import type { RegionInput } from "../../worker/writes/regions";

export const REGION_FILE_COLUMNS = ["code", "parent_code", "level", "name_zh", "name_en"] as const;

export class RegionFileError extends Error {}

export function readRegionFile(text: string): { regions: RegionInput[]; lines: number[] } {
  const [header, ...rows] = parseCsv(text).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (!header || header.cells.map((c) => c.trim()).join(",") !== REGION_FILE_COLUMNS.join(",")) {
    throw new RegionFileError(`line 1: the header must be ${REGION_FILE_COLUMNS.join(",")}`);
  }
  const regions: RegionInput[] = [];
  const lines: number[] = [];
  for (const { line, cells } of rows) {
    if (cells.length !== REGION_FILE_COLUMNS.length) throw new RegionFileError(`line ${line}: expected ${REGION_FILE_COLUMNS.length} cells, found ${cells.length}`);
    const [code, parent, level, nameZh, nameEn] = cells.map((c) => c.trim()) as [string, string, string, string, string];
    if (!(REGION_LEVELS as readonly string[]).includes(level)) throw new RegionFileError(`line ${line}: level must be one of ${REGION_LEVELS.join(", ")}`);
    regions.push({ code, parent_code: parent === "" ? null : parent, level: level as RegionLevel, name_zh: nameZh, name_en: nameEn });
    lines.push(line);
  }
  if (regions.length === 0) throw new RegionFileError("the file lists no regions");
  return { regions, lines };
}
