/**
 * fontkit, loaded on first use, without the Brotli decoder it loads at start. fontkit needs Brotli only to
 * open a WOFF2 file, and the decoder builds its 120 KB dictionary from base64 as it loads: 50 to 100 ms of
 * every build that sets type (the print layout, the made ebook cover) spent for a format no build of ours
 * opens (a WOFF2 font is refused when it is read, read/fonts.ts: PDF cannot embed one). The module fontkit
 * asks for is put in Node's module cache first as a function that loads the real decoder when it is first
 * called, so fontkit would still open one.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** Puts the lazy Brotli decoder where fontkit (and pdfkit's fontkit) will look for it. Idempotent. */
export function deferBrotli(): void {
  let decompress: string;
  try {
    decompress = load.resolve('brotli/decompress.js', { paths: [path.dirname(load.resolve('fontkit'))] });
  } catch {
    return; // fontkit's own layout changed: it loads what it loads
  }
  if (load.cache[decompress]) return;
  const decoder = path.join(path.dirname(decompress), 'dec', 'decode.js');
  const lazy = (buffer: Uint8Array, size?: number): Uint8Array =>
    (load(decoder) as { BrotliDecompressBuffer(b: Uint8Array, s?: number): Uint8Array }).BrotliDecompressBuffer(
      buffer,
      size,
    );
  const Module = load('node:module') as unknown as new (id: string) => NodeJS.Module;
  const entry = new Module(decompress);
  entry.filename = decompress;
  entry.loaded = true;
  entry.exports = lazy;
  load.cache[decompress] = entry;
}

export function fontkitModule(): typeof Fontkit {
  deferBrotli();
  return load('fontkit') as typeof Fontkit;
}
