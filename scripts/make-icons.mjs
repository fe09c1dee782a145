// Draws the app's icon and writes it to assets/: icon.ico (Windows, 16 to 256 pixels in one file),
// icon.png (512 pixels, for Linux and macOS) and icons/NxN.png (Linux's set). Run `node scripts/make-icons.mjs`
// after changing the drawing; the files it writes are committed. The icon is a white check mark on a
// dark blue rounded square, drawn from distance functions, so every size is drawn, not scaled.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const icoSizes = [16, 24, 32, 48, 64, 128, 256];
export const pngSizes = [16, 32, 48, 64, 128, 256, 512];
export const mainPngSize = 512;

const background = [0x1f, 0x4e, 0x79];
const mark = [0xff, 0xff, 0xff];

/** Signed distance from (px, py) to a rounded square filling the unit box with a margin. */
function roundedSquare(px, py) {
  const half = 0.46;
  const radius = 0.12;
  const qx = Math.abs(px - 0.5) - (half - radius);
  const qy = Math.abs(py - 0.5) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from (px, py) to the segment a-b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** The check mark: two strokes, round caps. */
function checkMark(px, py) {
  const width = 0.075;
  return Math.min(segment(px, py, 0.27, 0.52, 0.43, 0.68), segment(px, py, 0.43, 0.68, 0.74, 0.33)) - width;
}

/** Coverage of a pixel by a shape, from its signed distance in pixels (one pixel of anti-aliasing). */
function coverage(distancePixels) {
  return Math.max(0, Math.min(1, 0.5 - distancePixels));
}

/** The icon at `size` pixels square, as RGBA bytes, row by row (not premultiplied). */
export function renderIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = (x + 0.5) / size;
      const py = (y + 0.5) / size;
      const square = coverage(roundedSquare(px, py) * size);
      const tick = coverage(checkMark(px, py) * size) * square;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(background[c] * (1 - tick) + mark[c] * tick);
      rgba[i + 3] = Math.round(square * 255);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file of RGBA pixels (8 bits a channel, no filtering). */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows .ico holding one PNG per size (the form Windows Vista and later read). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

function writeAssets(dir) {
  mkdirSync(`${dir}/icons`, { recursive: true });
  writeFileSync(`${dir}/icon.ico`, encodeIco(icoSizes.map((size) => ({ size, png: encodePng(size, renderIcon(size)) }))));
  writeFileSync(`${dir}/icon.png`, encodePng(mainPngSize, renderIcon(mainPngSize)));
  for (const size of pngSizes) writeFileSync(`${dir}/icons/${size}x${size}.png`, encodePng(size, renderIcon(size)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeAssets('assets');
