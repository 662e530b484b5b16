/**
 * A PNG of a rendered image, made small and quickly. resvg's own encoder writes every cover as 8-bit RGBA
 * and took 53 ms of the 70 that a made cover costs; a cover is opaque, and a light one grey all over (black
 * type on white, a grey border), so this writes the fewest channels the pixels need (grey or RGB) and
 * deflates them with Node's zlib, as runs (a cover is long runs of one colour: 2 ms against 15 for the
 * default strategy, the file 10 % larger). A row the same as the one above is filtered "Up" (all zeros);
 * any other, "None", which suits flat colour and antialiased type.
 */
import zlib from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG's colour types, by channels per pixel. */
const COLOUR_TYPE: Record<1 | 3, number> = { 1: 0, 3: 2 };

/** The channels an image of RGBA pixels needs: 1 grey, 3 RGB, 4 RGBA (some pixel not opaque). */
export function channelsOf(rgba: Uint8Array): 1 | 3 | 4 {
  let grey = true;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 255) return 4;
    if (grey && (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2])) grey = false;
  }
  return grey ? 1 : 3;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, zlib.crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes `rgba` (width × height pixels, 4 bytes each) as a PNG, or undefined when some pixel is not
 * opaque (then the renderer's own encoder). The same pixels give the same bytes.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Uint8Array | undefined {
  if (rgba.length !== width * height * 4) throw new Error(`internal: ${rgba.length} bytes for ${width} × ${height}`);
  const channels = channelsOf(rgba);
  // resvg's pixels are premultiplied: only opaque ones are the colours themselves.
  if (channels === 4) return undefined;
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  let prev = -1;
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    const line = raw.subarray(row + 1, row + 1 + stride);
    const from = y * width * 4;
    if (channels === 3)
      for (let x = 0, i = from; x < stride; x += 3, i += 4) {
        line[x] = rgba[i];
        line[x + 1] = rgba[i + 1];
        line[x + 2] = rgba[i + 2];
      }
    else for (let x = 0, i = from; x < stride; x++, i += 4) line[x] = rgba[i];
    if (prev >= 0 && sameRow(raw, prev + 1, row + 1, stride)) {
      raw[row] = 2; // Up: the difference from the row above, all zeros
      line.fill(0);
    } else {
      raw[row] = 0;
      prev = row;
    }
    // An Up row's pixels are those of the last row kept whole: compare later rows with that.
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = COLOUR_TYPE[channels];
  const parts = [
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 6, strategy: zlib.constants.Z_RLE })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function sameRow(raw: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (raw[a + i] !== raw[b + i]) return false;
  return true;
}
