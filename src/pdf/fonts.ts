/**
 * The book face: EB Garamond (SIL Open Font License), bundled from npm as TrueType, because pdfkit embeds
 * TTF/OTF but not WOFF2. Reading these files is the tool's own I/O, not the manuscript's.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
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

export function bookFonts(): FontFiles {
  if (cached) return cached;
  const dir = path.dirname(load.resolve('@expo-google-fonts/eb-garamond/package.json'));
  const data = {} as Record<FaceName, Uint8Array>;
  const faces = {} as Record<FaceName, fontkit.Font>;
  for (const [face, file] of Object.entries(FILES) as [FaceName, string][]) {
    data[face] = fs.readFileSync(path.join(dir, file));
    faces[face] = fontkit.create(data[face]);
  }
  cached = { data, faces };
  return cached;
}
