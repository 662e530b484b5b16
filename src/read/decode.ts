/** Bytes to text: UTF-8 with or without BOM, UTF-16 by BOM; invalid UTF-8 is an error with its byte offset. */
import { BookError } from '../diagnostics/diagnostic.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i; // truncated sequence at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const bad = invalidUtf8Offset(body);
  if (bad !== -1) {
    const offset = bad + (bom ? 3 : 0);
    const { line, column } = lineAt(bytes, offset);
    const hex = Array.from(bytes.subarray(offset, offset + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new BookError({
      rule: 'invalid-encoding',
      message: `${file} is not valid UTF-8: unexpected byte ${hex.split(' ')[0]} at byte offset ${offset} (line ${line})`,
      file,
      start: { line, column, offset },
      hint: 'Save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8).',
    });
  }
  return { text: new TextDecoder('utf-8').decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
}
