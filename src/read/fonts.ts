/**
 * The writer's own fonts for the print edition (book.yaml `print.font`): read from inside the book folder
 * and checked before any layout, so that a web font, a font collection, a file that is not a font or a
 * font whose licence forbids embedding is a clear error at the start, not a broken PDF at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BookError, type RuleId } from '../diagnostics/diagnostic.js';
import type { BookFonts, FontFile } from '../model/book.js';
import { CONFIG_FILE } from '../config/load.js';
import type { PrintConfig } from '../config/schema.js';
import { resolveInsideBook } from './files.js';

const MAX_FONT_BYTES = 30 * 1024 * 1024;

/** Tables every font that can set text needs. */
const REQUIRED_TABLES = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'];

type FontConfig = NonNullable<PrintConfig['font']>;

function fail(face: string, message: string, hint: string, rule: RuleId = 'bad-font'): never {
  throw new BookError({ rule, message: `print.font.${face}: ${message}`, file: CONFIG_FILE, hint });
}

/** The table directory of an sfnt file (TrueType or OpenType): tag → [offset, length]. */
function tables(data: Uint8Array): Map<string, [number, number]> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint16(4);
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < count && 12 + 16 * (i + 1) <= data.length; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(data[at], data[at + 1], data[at + 2], data[at + 3]);
    out.set(tag, [view.getUint32(at + 8), view.getUint32(at + 12)]);
  }
  return out;
}

/** Checks that the bytes are one TrueType or OpenType font that may be embedded in a printed book. */
export function checkFont(face: string, rel: string, data: Uint8Array): void {
  const magic = String.fromCharCode(...data.subarray(0, 4));
  if (magic === 'wOFF' || magic === 'wOF2')
    fail(
      face,
      `${rel} is a web font (WOFF), which PDF cannot embed`,
      'Use the TrueType (.ttf) or OpenType (.otf) file of the same font; font sites offer it as the desktop download.',
    );
  if (magic === 'ttcf')
    fail(
      face,
      `${rel} is a font collection (.ttc) holding several fonts`,
      'Use a single-font .ttf or .otf file for each face.',
    );
  const sfnt =
    magic === 'OTTO' || magic === 'true' || (data[0] === 0 && data[1] === 1 && data[2] === 0 && data[3] === 0);
  if (!sfnt || data.length < 12)
    fail(face, `${rel} is not a TrueType or OpenType font`, 'Name a .ttf or .otf font file.');
  const t = tables(data);
  const missing = REQUIRED_TABLES.filter((tag) => !t.has(tag));
  if (missing.length || !(t.has('glyf') || t.has('CFF ')))
    fail(
      face,
      `${rel} is not a complete font (it lacks ${missing.length ? missing.join(', ') : 'outlines'})`,
      'The file may be damaged; download the font again.',
    );
  for (const [tag, [offset, length]] of t)
    if (offset + length > data.length)
      fail(
        face,
        `${rel} is cut short (its ${tag.trim()} table runs past the end)`,
        'The file may be damaged; download the font again.',
      );
  // OS/2 fsType: the font maker's embedding rights.
  const os2 = t.get('OS/2');
  if (os2 && os2[1] >= 10) {
    const fsType = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint16(os2[0] + 8);
    const licence =
      "Its licence is the font maker's; choose a font whose licence allows embedding (every SIL Open Font License " +
      'font does).';
    if ((fsType & 0x000f) === 0x0002)
      fail(
        face,
        `${rel} may not be embedded in a document (its maker marked it "restricted licence")`,
        licence,
        'font-licence',
      );
    if (fsType & 0x0200)
      fail(face, `${rel} may only be embedded as bitmaps, which print poorly`, licence, 'font-licence');
    if (fsType & 0x0100)
      fail(
        face,
        `${rel} may only be embedded whole, and Octavo embeds only the glyphs a book uses`,
        licence,
        'font-licence',
      );
  }
}

function readFace(bookDir: string, face: string, ref: string): FontFile {
  const rel = ref.replace(/\\/g, '/');
  const abs = resolveInsideBook(bookDir, rel, rel, 'unsafe-path');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    fail(
      face,
      `${rel} does not exist`,
      `Check the file name; fonts belong in assets/, such as assets/fonts/${path.basename(rel)}.`,
      'missing-font',
    );
  }
  if (!stat.isFile()) fail(face, `${rel} is not a file`, 'Name a .ttf or .otf font file.');
  if (stat.size > MAX_FONT_BYTES)
    fail(
      face,
      `${rel} is ${(stat.size / 1048576).toFixed(0)} MB, more than any book face needs`,
      "Use the font's plain .ttf or .otf file.",
    );
  const data = new Uint8Array(fs.readFileSync(abs));
  checkFont(face, rel, data);
  return { path: rel, data };
}

/** Reads the faces book.yaml names; the print back end stands in for a face not given (and says so if used). */
export function loadFonts(bookDir: string, config: FontConfig | undefined): BookFonts | undefined {
  if (!config) return undefined;
  const given = (face: 'italic' | 'bold' | 'boldItalic') =>
    config[face] ? readFace(bookDir, face, config[face]) : undefined;
  return {
    regular: readFace(bookDir, 'regular', config.regular),
    italic: given('italic'),
    bold: given('bold'),
    boldItalic: given('boldItalic'),
  };
}
