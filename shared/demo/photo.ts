// Pure. The demo's photos: small PNG pictures drawn from a few shapes, the same bytes every
// run (training data; no real scene is shown). A PNG is its signature, IHDR, zlib-compressed
// rows (filter 0) in IDAT, and IEND, each chunk with its CRC-32.
import { zlibSync } from 'fflate';
import { crc32 } from '../archive/crc32';

type Rgb = readonly [number, number, number];
/** A filled rectangle in fractions of the picture: x0, y0, x1, y1, colour. */
export type Shape = readonly [number, number, number, number, Rgb];

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An RGB PNG of `width` × `height` on `background`, the shapes painted in order. */
export function drawnPng(width: number, height: number, background: Rgb, shapes: readonly Shape[]): Uint8Array {
  const stride = 1 + width * 3;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [fx, fy] = [x / width, y / height];
      const hit = shapes.findLast(([x0, y0, x1, y1]) => fx >= x0 && fx < x1 && fy >= y0 && fy < y1);
      raw.set(hit ? hit[4] : background, y * stride + 1 + x * 3);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlibSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}

const WALL: Rgb = [214, 200, 178];
const PAPER: Rgb = [250, 250, 246];
const TEXT: Rgb = [70, 70, 70];
const RED: Rgb = [190, 40, 40];

/** The 公告 on the house's door: a wall, the door, the sheet with its title and lines. */
export function postingPhoto(closeUp: boolean): Uint8Array {
  const lines: Shape[] = Array.from({ length: 7 }, (_, i) => [0.3, 0.32 + i * 0.07, 0.7, 0.345 + i * 0.07, TEXT] as const);
  const sheet: Shape[] = [[0.25, 0.12, 0.75, 0.88, PAPER], [0.38, 0.18, 0.62, 0.24, RED], ...lines];
  if (closeUp) return drawnPng(240, 180, WALL, sheet);
  const shrink = (s: Shape): Shape => [0.35 + s[0] * 0.3, 0.2 + s[1] * 0.4, 0.35 + s[2] * 0.3, 0.2 + s[3] * 0.4, s[4]];
  return drawnPng(240, 180, WALL, [[0.3, 0.1, 0.7, 1, [120, 80, 50]], [0, 0.9, 1, 1, [150, 150, 150]], ...sheet.map(shrink)]);
}
