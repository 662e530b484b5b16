/**
 * The book face: EB Garamond (SIL Open Font License), bundled from npm as TrueType, because pdfkit embeds
 * TTF/OTF but not WOFF2. Reading these files is the tool's own I/O, not the manuscript's.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as fontkit from 'fontkit';
import { BookError } from '../diagnostics/diagnostic.js';
import type { BookFonts, FontFile } from '../model/book.js';
import type { FaceName } from './layout/shaper.js';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

const FILES: Record<FaceName, string> = {
  regular: '400Regular/EBGaramond_400Regular.ttf',
  italic: '400Regular_Italic/EBGaramond_400Regular_Italic.ttf',
  bold: '700Bold/EBGaramond_700Bold.ttf',
  boldItalic: '700Bold_Italic/EBGaramond_700Bold_Italic.ttf',
};

export interface FontFiles {
  data: Record<FaceName, Uint8Array>;
  faces: Record<FaceName, fontkit.Font>;
}

let cached: FontFiles | undefined;

/** fontkit, loaded on first use (see drawPdf). */
function fontkitModule(): typeof fontkit {
  return load('fontkit') as typeof fontkit;
}

export function bookFonts(): FontFiles {
  if (cached) return cached;
  const dir = path.dirname(load.resolve('@expo-google-fonts/eb-garamond/package.json'));
  const data = {} as Record<FaceName, Uint8Array>;
  const faces = {} as Record<FaceName, fontkit.Font>;
  for (const [face, file] of Object.entries(FILES) as [FaceName, string][]) {
    data[face] = fs.readFileSync(path.join(dir, file));
    faces[face] = fontkitModule().create(data[face]);
  }
  cached = { data, faces };
  return cached;
}

export interface PrintFonts extends FontFiles {
  /** Faces the writer did not give, and the face set in their place. */
  standIns: Partial<Record<FaceName, FaceName>>;
  /** Where each face's file came from, for messages (the writer's fonts only). */
  paths?: Partial<Record<FaceName, string>>;
}

/** The book's print faces: the writer's (book.yaml print.font) when given, else EB Garamond. */
export function printFonts(given: BookFonts | undefined): PrintFonts {
  if (!given) return { ...bookFonts(), standIns: {} };
  const standIns: PrintFonts['standIns'] = {};
  const pick = (face: FaceName, ...order: FaceName[]): FontFile => {
    for (const f of [face, ...order]) {
      const file = given[f];
      if (file) {
        if (f !== face) standIns[face] = f;
        return file;
      }
    }
    return given.regular;
  };
  const files: Record<FaceName, FontFile> = {
    regular: given.regular,
    italic: pick('italic', 'regular'),
    bold: pick('bold', 'regular'),
    boldItalic: pick('boldItalic', 'italic', 'bold', 'regular'),
  };
  const data = {} as Record<FaceName, Uint8Array>;
  const faces = {} as Record<FaceName, fontkit.Font>;
  const paths: PrintFonts['paths'] = {};
  const parsed = new Map<Uint8Array, fontkit.Font>();
  for (const face of Object.keys(files) as FaceName[]) {
    const file = files[face];
    let font = parsed.get(file.data);
    if (!font) {
      try {
        font = fontkitModule().create(file.data);
      } catch (e) {
        throw new BookError({
          rule: 'bad-font',
          message: `print.font: ${file.path} could not be read as a font (${(e as Error).message})`,
          file: 'book.yaml',
          hint: 'The file may be damaged; download the font again, or name another .ttf or .otf file.',
        });
      }
      parsed.set(file.data, font);
    }
    data[face] = file.data;
    faces[face] = font;
    paths[face] = file.path;
  }
  return { data, faces, standIns, paths };
}
