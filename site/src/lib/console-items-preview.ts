/**
 * The draft form's preview of pasted or uploaded items, masked exactly as the public will see
 * them: the same parsing (worker/console/items.ts) and the same mask (worker/domain/name-mask.ts)
 * the server applies on arrival. Only a help: the form works without it, and the server checks
 * and masks everything again. Text goes in with textContent, never as HTML.
 */
import { parseItems, parseItemsCsv, type PastedItem } from "../../../worker/console/items";
import { isMaskedName, maskName } from "../../../worker/domain/name-mask";

const SHOWN = 200;

export function startItemsPreview(): void {
  const box = document.getElementById("f-items") as HTMLTextAreaElement | null;
  const file = document.getElementById("f-items-file") as HTMLInputElement | null;
  const panel = document.getElementById("items-preview");
  const rows = document.getElementById("items-preview-rows");
  const count = document.getElementById("items-preview-count");
  if (!box || !file || !panel || !rows || !count) return;
  const en = document.documentElement.lang === "en";

  const show = (items: PastedItem[], bad: number[]) => {
    rows.replaceChildren();
    panel.hidden = items.length === 0 && bad.length === 0;
    items.slice(0, SHOWN).forEach((item, i) => {
      const tr = document.createElement("tr");
      const masked = item.name && !isMaskedName(item.name) ? maskName(item.name) : item.name;
      for (const [text, num] of [[String(i + 1), true], [masked, false], [item.village_group, false], [Number.isNaN(item.household_size) ? "?" : String(item.household_size), true]] as const) {
        const td = document.createElement("td");
        td.textContent = text;
        if (num) td.className = "num";
        else td.lang = "zh-CN";
        tr.append(td);
      }
      rows.append(tr);
    });
    const households = en ? `${items.length} households` : `共 ${items.length} 户`;
    const more = items.length > SHOWN ? (en ? ` (the first ${SHOWN} shown)` : `（显示前 ${SHOWN} 户）`) : "";
    const problems = bad.length ? (en ? `; lines to check: ${bad.join(", ")}` : `；请检查第 ${bad.join("、")} 行`) : "";
    count.textContent = households + more + problems;
  };

  const fromText = () => {
    const parsed = parseItems(box.value);
    show(parsed.items, parsed.badLines);
  };
  box.addEventListener("input", fromText);
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return fromText();
    const read = parseItemsCsv(new Uint8Array(await chosen.arrayBuffer()));
    show(read.items, read.problems.map((p) => p.line));
  });
  if (box.value.trim() !== "") fromText();
}
