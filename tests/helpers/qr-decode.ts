/**
 * Reads a QR code drawn as the site draws it (site/src/lib/qr.ts: one SVG path of horizontal
 * runs `M x y h n v1 h-n z`) back to its text with jsQR, a decoder independent of the library
 * that made it: the modules are painted into an RGBA image, which jsQR locates and decodes
 * like a camera frame.
 */
import jsQR from "jsqr";

export function svgModules(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !d) throw new Error("not a QR SVG of the site's shape");
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

export function decodeModules(grid: boolean[][], scale = 6): string | null {
  const size = grid.length * scale;
  const pixels = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = grid[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
      pixels.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return jsQR(pixels, size, size)?.data ?? null;
}

export const decodeQrSvg = (svg: string) => decodeModules(svgModules(svg));
