/**
 * QR codes as inline SVG, made on the server while a page renders (the printed notice board
 * links the paper to its page online). The modules come from `qr` (paulmillr/qr: zero
 * dependencies, no network, runs in workerd); the SVG is drawn here as one path of
 * horizontal runs, so the markup stays small and has no inline style (the site's CSP).
 */
import encodeQR from "qr";

/** Quiet zone of four modules around the symbol, as ISO/IEC 18004 asks for reliable scanning. */
const QUIET_ZONE = 4;

export function qrMatrix(text: string): boolean[][] {
  // Medium error correction (15 %): survives a crease or a pin through the paper.
  return encodeQR(text, "raw", { ecc: "medium", border: QUIET_ZONE });
}

/** An accessible SVG of `text`'s QR code; `label` names it for screen readers. */
export function qrSvg(text: string, label: string): string {
  const matrix = qrMatrix(text);
  const size = matrix.length;
  let path = "";
  matrix.forEach((row, y) => {
    for (let x = 0; x < size; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < size && row[x + run]) run++;
      path += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  const escaped = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escaped}" shape-rendering="crispEdges" class="qr"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
