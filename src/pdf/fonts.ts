/**
 * The book's faces: the design's open-licensed families (SIL Open Font License), bundled from npm as
 * TrueType, because pdfkit embeds TTF/OTF but not WOFF2; or the writer's own. Reading these files is the
 * tool's own I/O, not the manuscript's.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as fontkit from 'fontkit';
import { BookError } from '../diagnostics/diagnostic.js';
import type { BookFonts, FontFile } from '../model/book.js';
import { fontkitModule } from './load-fontkit.js';
import type { FaceName } from './layout/shaper.js';
import { type Design, type EbookFont, FAMILY_NAMES, type FontFamily } from '../design/design.js';
import { DEFAULT_DESIGN } from '../design/index.js';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** The text faces of a bundled family: the file of each within its npm package (@expo-google-fonts/<family>). */
type TextFace = Exclude<FaceName, 'display' | 'symbol'>;
const TEXT_FACES: readonly TextFace[] = ['regular', 'italic', 'bold', 'boldItalic'];

interface Family {
  /** The files' prefix ("EBGaramond" in EBGaramond_400Regular.ttf). */
  prefix: string;
  /** The weights and styles it has, as the package names its folders; a face it lacks takes another's file. */
  faces: Partial<Record<TextFace, string>>;
  /** The weight it sets display lines in (chapter titles), when not its regular. */
  display?: string;
}

const FAMILIES: Record<FontFamily, Family> = {
  'eb-garamond': { prefix: 'EBGaramond', faces: allFour() },
  'crimson-pro': { prefix: 'CrimsonPro', faces: allFour() },
  'source-serif-4': { prefix: 'SourceSerif4', faces: allFour() },
  lora: { prefix: 'Lora', faces: allFour() },
  'atkinson-hyperlegible': { prefix: 'AtkinsonHyperlegible', faces: allFour() },
  'courier-prime': { prefix: 'CourierPrime', faces: allFour() },
  figtree: { prefix: 'Figtree', faces: allFour(), display: '600SemiBold' },
  cinzel: { prefix: 'Cinzel', faces: { regular: '400Regular', bold: '700Bold' } },
  'great-vibes': { prefix: 'GreatVibes', faces: { regular: '400Regular' } },
};

function allFour(): Family['faces'] {
  return { regular: '400Regular', italic: '400Regular_Italic', bold: '700Bold', boldItalic: '700Bold_Italic' };
}

export interface FontFiles {
  data: Record<FaceName, Uint8Array>;
  faces: Record<FaceName, fontkit.Font>;
}

/** Fonts read and parsed once per process: the bundled files never change while it runs. */
const loaded = new Map<string, { data: Uint8Array; font: fontkit.Font }>();

/** One bundled font file: `style` a package folder ("400Regular_Italic"). */
function bundledFile(family: FontFamily, style: string): { data: Uint8Array; font: fontkit.Font } {
  const key = `${family}/${style}`;
  let known = loaded.get(key);
  if (!known) {
    const dir = path.dirname(load.resolve(`@expo-google-fonts/${family}/package.json`));
    const data = fs.readFileSync(path.join(dir, style, `${FAMILIES[family].prefix}_${style}.ttf`));
    known = { data, font: fontkitModule().create(data) };
    loaded.set(key, known);
  }
  return known;
}

/** The faces that stand in for a face a family lacks, in order. */
const STAND_INS: Record<TextFace, TextFace[]> = {
  regular: [],
  italic: ['regular'],
  bold: ['regular'],
  boldItalic: ['italic', 'bold', 'regular'],
};

/**
 * A design's faces: the body family's four, the display family's display weight, and EB Garamond's
 * regular for ornaments the others lack. Classic's are EB Garamond throughout (one file for three faces).
 */
export function bookFonts(design: Pick<Design, 'fonts'> = DEFAULT_DESIGN): FontFiles {
  const { body, display } = design.fonts;
  const data = {} as Record<FaceName, Uint8Array>;
  const faces = {} as Record<FaceName, fontkit.Font>;
  const put = (face: FaceName, file: { data: Uint8Array; font: fontkit.Font }) => {
    data[face] = file.data;
    faces[face] = file.font;
  };
  for (const face of TEXT_FACES) {
    const style = [face, ...STAND_INS[face]].map((f) => FAMILIES[body].faces[f]).find(Boolean)!;
    put(face, bundledFile(body, style));
  }
  put('display', bundledFile(display, FAMILIES[display].display ?? FAMILIES[display].faces.regular!));
  put('symbol', bundledFile('eb-garamond', '400Regular'));
  return { data, faces };
}

/**
 * The design's fonts for the EPUB: the body family's four faces (those it has), its display face, and
 * EB Garamond's regular when an ornament the design uses is in neither (a fleuron).
 */
export function ebookFonts(design: Design): EbookFont[] {
  const out: EbookFont[] = [];
  const add = (family: FontFamily, style: string, weight: number, italic: boolean) => {
    const file = `${FAMILIES[family].prefix}_${style}.ttf`;
    if (out.some((f) => f.file === file)) return;
    const { data, font } = bundledFile(family, style);
    const has = (text: string) => [...text].every((c) => /\s/.test(c) || font.hasGlyphForCodePoint(c.codePointAt(0)!));
    out.push({ file, family: FAMILY_NAMES[family], weight, style: italic ? 'italic' : 'normal', data, has });
  };
  const faces = FAMILIES[design.fonts.body].faces;
  const weights: Record<TextFace, [number, boolean]> = {
    regular: [400, false],
    italic: [400, true],
    bold: [700, false],
    boldItalic: [700, true],
  };
  for (const face of TEXT_FACES) {
    const style = faces[face];
    if (style) add(design.fonts.body, style, ...weights[face]);
  }
  const display = FAMILIES[design.fonts.display];
  const displayStyle = display.display ?? display.faces.regular!;
  add(design.fonts.display, displayStyle, Number.parseInt(displayStyle, 10) || 400, false);
  const ornaments = [...design.sceneBreak, ...design.chapter.ornament];
  const inBook = (text: string) => out.some((f) => f.has(text));
  if (!ornaments.some(inBook)) add('eb-garamond', '400Regular', 400, false);
  return out;
}

export interface PrintFonts extends FontFiles {
  /** Faces the writer did not give, and the face set in their place. */
  standIns: Partial<Record<FaceName, FaceName>>;
  /** Where each face's file came from, for messages (the writer's fonts only). */
  paths?: Partial<Record<FaceName, string>>;
}

/**
 * The book's print faces: the writer's text faces (book.yaml print.font) when given, else the design's;
 * the display and ornament faces the design's.
 */
export function printFonts(given: BookFonts | undefined, design: Pick<Design, 'fonts'> = DEFAULT_DESIGN): PrintFonts {
  const bundled = bookFonts(design);
  if (!given) return { ...bundled, standIns: {} };
  const standIns: PrintFonts['standIns'] = {};
  const pick = (face: TextFace, ...order: TextFace[]): FontFile => {
    for (const f of [face, ...order]) {
      const file = given[f];
      if (file) {
        if (f !== face) standIns[face] = f;
        return file;
      }
    }
    return given.regular;
  };
  const files: Record<TextFace, FontFile> = {
    regular: given.regular,
    italic: pick('italic', 'regular'),
    bold: pick('bold', 'regular'),
    boldItalic: pick('boldItalic', 'italic', 'bold', 'regular'),
  };
  const data = {} as Record<FaceName, Uint8Array>;
  const faces = {} as Record<FaceName, fontkit.Font>;
  const paths: PrintFonts['paths'] = {};
  const parsed = new Map<Uint8Array, fontkit.Font>();
  for (const face of TEXT_FACES) {
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
  for (const face of ['display', 'symbol'] as const) {
    data[face] = bundled.data[face];
    faces[face] = bundled.faces[face];
  }
  return { data, faces, standIns, paths };
}
