/**
 * The intermediate model: every reader produces it, every back end consumes it.
 * Pure types and small helpers; no I/O.
 */
import type { Design } from '../design/design.js';
import type { Span } from './position.js';

export type Inline =
  /** `sourceMap`, once typography has changed the text: pairs [index in value, source offset], sorted,
   * each valid up to the next; without it, the value is the source text from `pos.start` on. */
  | { type: 'text'; value: string; pos: Span; sourceMap?: number[] }
  | { type: 'emphasis'; children: Inline[]; pos: Span }
  | { type: 'strong'; children: Inline[]; pos: Span }
  | { type: 'smallCaps'; children: Inline[]; pos: Span }
  | { type: 'superscript'; children: Inline[]; pos: Span }
  | { type: 'subscript'; children: Inline[]; pos: Span }
  | { type: 'code'; value: string; pos: Span }
  | { type: 'lineBreak'; pos: Span }
  | { type: 'link'; href: string; children: Inline[]; pos: Span }
  | { type: 'image'; asset: string; alt: string; pos: Span }
  /** A footnote or endnote reference: the note itself travels with it, set where each edition sets notes. */
  /** `again`: a second reference to a note already referenced (Markdown's `[^1]` twice): it shows the
   * marker and links to the note, which is set once, at its first reference. */
  | { type: 'noteRef'; note: Note; again?: boolean; pos: Span };

export type NoteKind = 'footnote' | 'endnote';

export interface NotePlacement {
  /** `footnotes`: each note at its chapter's end (a pop-up); `endnotes`: a Notes section at the book's end. */
  ebook: 'footnotes' | 'endnotes';
  /** `foot`: footnotes at the foot of their page (endnotes at their chapter's end); else every note there. */
  print: 'foot' | 'chapter-end' | 'book-end';
}

/** A footnote or an endnote: its kind as the writer made it, its text, and its place in the source. */
export interface Note {
  kind: NoteKind;
  /** Unique in the book (`n1`, `n2`, …): links between reference and note are made from it. */
  id: string;
  /** What the reference shows (`1`, `*`): given by the structure, the same in every edition. */
  marker: string;
  blocks: Block[];
  pos: Span;
}

export type Alignment = 'center' | 'right';

/** A table cell: its text (paragraphs joined by line breaks), whether it heads its column or row, and spans. */
export interface TableCell {
  children: Inline[];
  header: boolean;
  align?: 'left' | Alignment;
  /** Columns and rows the cell covers (merged cells), when more than one. */
  colSpan?: number;
  rowSpan?: number;
  pos: Span;
}

/** `verbatim` blocks are left as written by the typography rules (`<!-- octavo-off -->`). */
export type Block =
  | { type: 'paragraph'; children: Inline[]; align?: Alignment; verbatim?: boolean; pos: Span }
  | { type: 'heading'; level: number; children: Inline[]; verbatim?: boolean; pos: Span }
  | { type: 'sceneBreak'; pos: Span }
  | { type: 'blockQuote'; children: Block[]; pos: Span }
  /** What the writer says to readers around the story (an author's note, a disclaimer, a request for
   * reviews), set apart from the story text. */
  | { type: 'note'; role: NoteRole; children: Block[]; pos: Span }
  /** `numbers`: for an ordered list, the number of each item as the writer gave it (a dated list may skip). */
  | { type: 'list'; ordered: boolean; numbers: number[]; items: Block[][]; pos: Span }
  | { type: 'preformatted'; value: string; pos: Span }
  | { type: 'figure'; asset: string; alt: string; caption: Inline[]; pos: Span }
  /** Rows of cells; the leading rows whose cells are all headers are the table's head. */
  | { type: 'table'; rows: TableCell[][]; caption: Inline[]; pos: Span };

export type ChapterKind =
  /** A part (`Part One`, `Book II`): a divider above the chapters that follow it. */
  | 'part'
  | 'chapter'
  | 'prologue'
  | 'epilogue'
  | 'interlude'
  | 'foreword'
  | 'preface'
  | 'introduction'
  | 'dedication'
  | 'epigraph'
  | 'acknowledgments'
  | 'afterword'
  | 'about-the-author'
  | 'also-by'
  | 'appendix';

export interface Chapter {
  /** Stable id used for file names and links (`ch-001`). */
  id: string;
  kind: ChapterKind;
  /** Title as the table of contents shows it; empty when the chapter has none. */
  title: Inline[];
  /** Chapter number for numbered chapters (1-based), absent for front and back matter. */
  number?: number;
  blocks: Block[];
  /** The manuscript file this chapter came from. */
  source: string;
  /** Typography rules leave the whole chapter as written (front matter `typography: false`). */
  verbatim?: boolean;
  pos: Span;
}

/** A manuscript file as a reader hands it over: its blocks, its front matter's values, its place. */
export interface ManuscriptFile {
  /** The name messages give the file (book-relative, or the file's own name for a single file). */
  rel: string;
  blocks: Block[];
  frontMatter: Record<string, unknown>;
  /** Span of the whole file, for chapter-level messages. */
  pos: Span;
  /** Span of the front matter's title value, when it has one. */
  titlePos?: Span;
  /** The file is one chapter, never split at headings inside it (an archive's chapter). */
  whole?: boolean;
  /** The chapter's number as the source gives it ("Chapter 7" in an archive's chapter heading). */
  number?: number;
  /** Pictures the file holds itself (a Word or OpenDocument package's media), by the name images refer to. */
  images?: Map<string, Uint8Array>;
}

export interface Asset {
  /** Id used in the model (`img-<hash>`). */
  id: string;
  /** Path relative to the book folder, for messages. */
  path: string;
  mediaType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/svg+xml' | 'image/webp';
  extension: string;
  data: Uint8Array;
  width?: number;
  height?: number;
  /**
   * Colour model from the file header: a black-and-white print interior takes `gray` only; `cmyk` (a
   * four-component JPEG) suits a print cover and no ebook store.
   */
  colour?: 'gray' | 'colour' | 'alpha' | 'cmyk';
}

export interface Creator {
  name: string;
  fileAs?: string;
  role: 'aut' | 'edt' | 'trl' | 'ill';
}

export interface Metadata {
  title: string;
  subtitle?: string;
  creators: Creator[];
  /** BCP 47 tag (`en`, `en-GB`, `fr`). */
  language: string;
  /** The book's unique identifier: `urn:isbn:…` or `urn:uuid:…`. */
  identifier: string;
  /** The ISBN of each edition (one ISBN for both when book.yaml gives one). */
  isbn: { ebook?: string; print?: string };
  /** Edition statement for the copyright page ("First edition"). */
  edition?: string;
  publisher?: string;
  /** Publication date as `YYYY` or `YYYY-MM-DD`. */
  date?: string;
  rights?: string;
  description?: string;
  subjects: string[];
  series?: { name: string; position?: number };
  /** Where the work was first published: an archive's name and the work's address. */
  source?: { site?: string; url: string };
  /** Last modification time, ISO 8601 without milliseconds, from SOURCE_DATE_EPOCH or the sources. */
  modified: string;
}

/** A font file the writer chose, read from the book folder. */
export interface FontFile {
  /** Path relative to the book folder, for messages. */
  path: string;
  data: Uint8Array;
}

/** The print edition's faces; only regular is required (the print back end stands in for the others). */
export interface BookFonts {
  regular: FontFile;
  italic?: FontFile;
  bold?: FontFile;
  boldItalic?: FontFile;
}

/** The print cover beyond its front image: what book.yaml's cover: section gives. */
export interface CoverDesign {
  /** Asset id of the back artwork. */
  back?: string;
  /** The back-cover text. */
  blurb: Block[];
  /** #rrggbb of the back, the spine and a front without artwork. */
  background?: string;
  /** Publisher's name for the foot of the spine. */
  imprint?: string;
}

export interface Book {
  metadata: Metadata;
  /** Front matter before the table of contents (dedication, epigraph, …), then body, then back matter. */
  chapters: Chapter[];
  assets: Map<string, Asset>;
  /** Id of the cover asset, when the book has one. */
  cover?: string;
  /** The writer's fonts for print; the bundled face when absent. */
  fonts?: BookFonts;
  /** How chapters are headed and listed (book.yaml chapterHeadings): by title (the default), number or both. */
  chapterHeadings?: 'title' | 'number' | 'both';
  /** How the book looks in both editions (book.yaml `design:`); the classic design when absent. */
  design?: Design;
  coverDesign?: CoverDesign;
  /** Where footnotes and endnotes go in each edition (book.yaml `notes:`); at chapter ends and page feet when absent. */
  notes?: NotePlacement;
  /** The title and copyright pages, built once for both editions. */
  matter: BookMatter;
}

/** Where the character at `index` of a text node's value was in the manuscript (its source offset). */
export function sourceOffset(node: { pos: Span; sourceMap?: number[] }, index: number): number {
  const a = node.sourceMap;
  if (!a) return node.pos.start.offset + index;
  let i = a.length - 2;
  while (i > 0 && a[i] > index) i -= 2;
  return a[i + 1] + (index - a[i]);
}

/**
 * The copyright page's line for a work first published elsewhere: "Originally published on Archive of Our Own at
 * https://…".
 */
export function sourceStatement(source: { site?: string; url: string }): string {
  return `Originally published${source.site ? ` on ${source.site}` : ''} at ${source.url}.`;
}

/** The text of inlines with markup removed. */
export function plainText(inlines: Inline[]): string {
  let out = '';
  for (const node of inlines) {
    if (node.type === 'text' || node.type === 'code') out += node.value;
    else if (node.type === 'lineBreak') out += '\n';
    else if (node.type === 'image') out += node.alt;
    else if (node.type !== 'noteRef') out += plainText(node.children);
  }
  return out;
}

/**
 * Verse: a paragraph of lines kept as written (a song, a poem, a letter's close), told by its line
 * breaks. Every edition sets it apart so.
 */
export function isVerse(b: Block): boolean {
  return b.type === 'paragraph' && b.children.some((c) => c.type === 'lineBreak');
}

/** The opening quote marks and brackets a text starts with, which verse hangs before its first line. */
export function openingMarks(text: string): string {
  return /^[\u201c\u2018"'\u00ab\u2039\u201e([]*/u.exec(text)![0];
}

export type NoteRole = 'author-note' | 'disclaimer' | 'review-request' | 'story-header' | 'summary';

/** The notes referred to in some inlines, in reading order (not those inside the notes themselves). */
export function noteRefs(inlines: Inline[], out: Note[] = []): Note[] {
  for (const n of inlines) {
    if (n.type === 'noteRef') {
      if (!n.again) out.push(n.note);
    } else if ('children' in n) noteRefs(n.children, out);
  }
  return out;
}

/** The runs of inlines of some blocks, in reading order, as lines of text (a table cell's content). */
export function textRuns(blocks: Block[]): Inline[][] {
  const out: Inline[][] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(b.children);
    else if (b.type === 'blockQuote' || b.type === 'note') out.push(...textRuns(b.children));
    else if (b.type === 'list') for (const item of b.items) out.push(...textRuns(item));
    else if (b.type === 'figure' && b.alt) out.push([{ type: 'text', value: b.alt, pos: b.pos }]);
    else if (b.type === 'table') for (const row of b.rows) for (const cell of row) out.push(cell.children);
  }
  return out;
}

/** Whether some blocks hold a table, at any depth. */
export function hasTable(blocks: Block[]): boolean {
  return blocks.some(
    (b) =>
      b.type === 'table' ||
      ((b.type === 'blockQuote' || b.type === 'note') && hasTable(b.children)) ||
      (b.type === 'list' && b.items.some(hasTable)),
  );
}

/** The rows of a table that head it: the leading rows whose cells are all header cells. */
export function headRows(rows: TableCell[][]): number {
  let k = 0;
  while (k < rows.length && rows[k].length > 0 && rows[k].every((c) => c.header)) k++;
  return k;
}

/** Every paragraph-like run of inlines in a list of blocks, in reading order; a note's runs after its reference's. */
export function* inlineRuns(blocks: Block[]): Generator<Inline[]> {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        yield block.children;
        for (const note of noteRefs(block.children)) yield* inlineRuns(note.blocks);
        break;
      case 'figure':
        yield block.caption;
        break;
      case 'table':
        yield block.caption;
        for (const row of block.rows)
          for (const cell of row) {
            yield cell.children;
            for (const note of noteRefs(cell.children)) yield* inlineRuns(note.blocks);
          }
        break;
      case 'blockQuote':
      case 'note':
        yield* inlineRuns(block.children);
        break;
      case 'list':
        for (const item of block.items) yield* inlineRuns(item);
        break;
      default:
        break;
    }
  }
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

export function chapterWords(chapter: Chapter): number {
  let n = 0;
  for (const run of inlineRuns(chapter.blocks)) n += countWords(plainText(run));
  return n;
}

export function bookWords(book: Book): number {
  return book.chapters.reduce((sum, ch) => sum + chapterWords(ch), 0);
}

/**
 * Where each kind of chapter goes in a book, for every back end: `front` matter comes before the body
 * (in print with roman folios), `alone` front matter stands on a page of its own before the contents,
 * centred, with no heading (a dedication, an epigraph); the rest is the body or back matter in reading order.
 */
export const MATTER: Readonly<Record<ChapterKind, { place: 'front' | 'body' | 'back'; alone?: true }>> = {
  part: { place: 'body' },
  chapter: { place: 'body' },
  prologue: { place: 'body' },
  epilogue: { place: 'body' },
  interlude: { place: 'body' },
  foreword: { place: 'front' },
  preface: { place: 'front' },
  introduction: { place: 'body' },
  dedication: { place: 'front', alone: true },
  epigraph: { place: 'front', alone: true },
  acknowledgments: { place: 'back' },
  afterword: { place: 'back' },
  'about-the-author': { place: 'back' },
  'also-by': { place: 'back' },
  appendix: { place: 'back' },
};

/** Front matter that stands alone before the contents (a dedication, an epigraph). */
export function standsAlone(kind: ChapterKind): boolean {
  return MATTER[kind].alone === true;
}

/** The pages made from book.yaml rather than from the manuscript, in the same words for every edition. */
export interface BookMatter {
  titlePage: { title: string; subtitle?: string; byline?: string; publisher?: string };
  /** The copyright page's statements, in order, each its own paragraph. */
  copyright: string[];
}

/** The notes a chapter's blocks refer to, in reading order. */
export function blockNotes(blocks: Block[]): Note[] {
  const out: Note[] = [];
  const walk = (list: Block[]) => {
    for (const b of list) {
      if (b.type === 'paragraph' || b.type === 'heading') noteRefs(b.children, out);
      else if (b.type === 'figure') noteRefs(b.caption, out);
      else if (b.type === 'table') for (const row of b.rows) for (const cell of row) noteRefs(cell.children, out);
      else if (b.type === 'blockQuote' || b.type === 'note') walk(b.children);
      else if (b.type === 'list') for (const item of b.items) walk(item);
    }
  };
  walk(blocks);
  return out;
}
