/**
 * A book design: how the book looks, in the EPUB and in print at once. Pure data, read by both back ends;
 * each design is a file of its own in this folder, and book.yaml's `design:` picks one and overrides parts
 * of it (see resolve.ts). Nothing here does I/O: fonts are named by family, and the back ends load them.
 */

/** The open-licensed font families Octavo bundles (from npm, SIL Open Font License). */
export const FONT_FAMILIES = [
  'eb-garamond',
  'crimson-pro',
  'source-serif-4',
  'lora',
  'atkinson-hyperlegible',
  'courier-prime',
  'figtree',
  'cinzel',
  'great-vibes',
] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

/** A font file the EPUB embeds (book.yaml `design.ebookFonts: true`), with its @font-face description. */
export interface EbookFont {
  /** File name inside the EPUB's fonts folder. */
  file: string;
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  data: Uint8Array;
  /** Whether the face has a glyph for each character of some text (for ornaments). */
  has(text: string): boolean;
}

/** The CSS family names of the bundled families: "EB Garamond", "Source Serif 4". */
export const FAMILY_NAMES: Record<FontFamily, string> = {
  'eb-garamond': 'EB Garamond',
  'crimson-pro': 'Crimson Pro',
  'source-serif-4': 'Source Serif 4',
  lora: 'Lora',
  'atkinson-hyperlegible': 'Atkinson Hyperlegible',
  'courier-prime': 'Courier Prime',
  figtree: 'Figtree',
  cinzel: 'Cinzel',
  'great-vibes': 'Great Vibes',
};

/** How a chapter's number reads: 3, Three, III. */
export type NumberForm = 'numeral' | 'word' | 'roman';

/** How a line of display text is set: in the display face, in the body's italic, or in its small capitals. */
export type DisplayStyle = 'display' | 'italic' | 'small-caps' | 'regular';

export interface ChapterOpening {
  /** How the number reads, and the word before it ("Chapter"); no word: the number alone. */
  number: NumberForm;
  label: boolean;
  /** How the number line and the title are set, and the number's size as a multiple of the body size. */
  numberStyle: DisplayStyle;
  numberScale: number;
  titleStyle: DisplayStyle;
  /** Title size as a multiple of the body size. */
  titleScale: number;
  /** Capitals for the title (a display face of capitals, such as Cinzel, reads best so). */
  titleCase: 'as-written' | 'upper';
  align: 'center' | 'left';
  /** Share of the text block's lines left empty above the heading. */
  sink: number;
  /** Ornaments tried in turn over the heading (the first the fonts have); none: no ornament. */
  ornament: string[];
  /**
   * A title that opens with its own number ("IV: Box Five", "Chapter 12. The Trap") gives that number to
   * the number line, read the design's way, and the rest to the title; off: the title as written.
   */
  ownNumber: boolean;
}

export interface FirstParagraph {
  /** Lines a drop cap spans (0: none), and the face it is cut from. */
  dropCap: 0 | 2 | 3;
  capFace: 'display' | 'body';
  /** Words of the opening set in small capitals, after the cap; `line`: the whole first line. */
  leadIn: number | 'line';
}

/**
 * Matter set apart from the text: a block quote (a letter, a document, a passage quoted) and verse (a
 * paragraph of lines kept as written: a song, a poem, an inscription).
 */
export interface QuotedMatter {
  /**
   * A block quote: its inset at the left and the right in ems of the body size, its type size as a share
   * of the body's (on the same grid of lines), and whether it is set in italic (its emphasis then roman).
   */
  quote: { left: number; right: number; scale: number; italic: boolean };
  /**
   * Verse, flush left in its lines: inset from the left by so many ems, or `centred`: the block moved in
   * so that its longest line is centred on the measure, as a poem is set on a page of prose.
   */
  verse: { left: number | 'centred'; italic: boolean };
}

export interface Design {
  id: string;
  /** One line for `octavo designs` and the README. */
  description: string;
  fonts: { body: FontFamily; display: FontFamily };
  /** The print type: a size fixed in points (large print), or the trim's own size scaled to the face. */
  type: { scale: number } | { size: number; leading: number };
  /** Justified and hyphenated, as books are; or flush left without hyphens (a submission manuscript). */
  align: 'justify' | 'left';
  hyphenate: boolean;
  chapter: ChapterOpening;
  opening: FirstParagraph;
  /** The first paragraph after a scene break opens with small capitals too. */
  afterBreak: boolean;
  /** Running heads and folios centred over and under the text (when absent), or flush with its outer edge. */
  furniture?: 'centre' | 'outside';
  /** No display line in italic or small capitals (large print): the title page's subtitle and byline plain. */
  plainDisplay?: boolean;
  /** Block quotes and verse. */
  quoted: QuotedMatter;
  /** Scene-break ornaments tried in turn (the first the fonts have; `* * *` when none). */
  sceneBreak: string[];
  /** Running heads in small capitals or italic, or none (a manuscript's header is its own). */
  runningHeads: 'small-caps' | 'italic' | 'plain' | 'none';
  /**
   * How far glyphs may widen or narrow to even a justified line's spaces (a share of their width; books:
   * 2 %, pdfTeX microtype's default). Unhyphenated large type needs more.
   */
  expansion?: number;
  /** A paragraph's first-line indent in ems of the body size (books: one; a manuscript: half an inch). */
  indent?: number;
  /** Standard manuscript format: a header with surname, title and page; END at the close. */
  manuscript?: boolean;
  /**
   * The page when book.yaml names no trim, and its margins (a manuscript's US Letter with inch margins):
   * `margin` at the top and the foot and, unless `outside` says otherwise, the fore-edge. The gutter grows
   * with the page count as every book's does (KDP's minimum, and `gutterEase` beyond it, a quarter inch
   * unless said), except in a manuscript, which is not bound and keeps `margin`.
   */
  page?: { width: number; height: number; margin: number; outside?: number; gutterEase?: number };
  /**
   * The asset id of a picture set between scenes instead of the ornament, an em high (book.yaml's
   * `design.sceneBreakImage`, loaded by the pipeline).
   */
  sceneBreakImage?: string;
  /** The EPUB's chapters open as print's do (drop cap, small capitals); off: plain, as classic's always have. */
  ebookOpening: boolean;
  /** The EPUB's chapter headings in sans-serif (readers' own fonts are used, unless embedded). */
  ebookHeadings: 'serif' | 'sans-serif';
  /** Embed the design's fonts in the EPUB too (book.yaml `design.ebookFonts`; readers may still override them). */
  ebookFonts?: boolean;
}

/** The English words for 1–999, for "Chapter Twenty-One". */
export function numberWord(n: number): string {
  const ones = [
    '',
    'One',
    'Two',
    'Three',
    'Four',
    'Five',
    'Six',
    'Seven',
    'Eight',
    'Nine',
    'Ten',
    'Eleven',
    'Twelve',
    'Thirteen',
    'Fourteen',
    'Fifteen',
    'Sixteen',
    'Seventeen',
    'Eighteen',
    'Nineteen',
  ];
  const tens = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const under100 = (k: number): string =>
    k < 20 ? ones[k] : `${tens[Math.floor(k / 10)]}${k % 10 ? `-${ones[k % 10]}` : ''}`;
  if (n < 100) return under100(n);
  const rest = n % 100;
  return `${ones[Math.floor(n / 100)]} Hundred${rest ? ` and ${under100(rest)}` : ''}`;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** The value of Roman numerals ("XIV", "xiv"), or undefined when they are not well formed. */
export function romanValue(text: string): number | undefined {
  const upper = text.toUpperCase();
  if (!/^[MDCLXVI]+$/.test(upper)) return undefined;
  let n = 0;
  let rest = upper;
  for (const [value, letters] of ROMAN) {
    while (rest.startsWith(letters)) {
      n += value;
      rest = rest.slice(letters.length);
    }
  }
  return rest === '' && romanNumeral(n) === upper ? n : undefined;
}

/** Capital Roman numerals (a chapter's III). */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n >= 4000) return String(n);
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/** A chapter number as the design reads it: "Chapter 3", "Chapter Three", "III", "3". */
export function numberText(n: number, form: NumberForm, label: boolean): string {
  const value = form === 'word' ? numberWord(n) : form === 'roman' ? romanNumeral(n) : String(n);
  return label ? `Chapter ${value}` : value;
}
