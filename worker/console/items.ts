/**
 * Notice items as a clerk types or pastes them: one household a line, columns separated by
 * tabs (what Excel puts on the clipboard) — name, village group, household size. A first line
 * whose size column is not a number is the header row and is skipped. The items are then
 * checked by the admin API's own schema (CreateNoticeBody) and masked by the write layer on
 * arrival, so the console has no second rule; this only says which line a problem is on.
 */
export interface PastedItem {
  name: string;
  village_group: string;
  household_size: number;
}

export function parseItems(text: string): { items: PastedItem[]; lines: number[]; badLines: number[] } {
  const items: PastedItem[] = [];
  const lines: number[] = [];
  const badLines: number[] = [];
  let first = true;
  text.replace(/\r\n?/g, "\n").split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    const cells = raw.split("\t").map((c) => c.trim());
    const size = cells[2] ?? "";
    if (first && cells.length >= 3 && !/^\d+$/.test(size)) {
      first = false;
      return; // the header row Excel copies with the data
    }
    first = false;
    if (cells.length < 3) {
      badLines.push(index + 1);
      return;
    }
    items.push({ name: cells[0]!, village_group: cells[1]!, household_size: /^\d+$/.test(size) ? Number(size) : Number.NaN });
    lines.push(index + 1);
  });
  return { items, lines, badLines };
}
