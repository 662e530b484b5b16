/** From a parsed manuscript file to a Chapter: its title, its kind, its number. */
import { type ChapterOpening, numberText, numberWord, romanValue } from '../design/design.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import {
  blockNotes,
  plainText,
  type Block,
  type Chapter,
  type ChapterKind,
  type Inline,
  type ManuscriptFile,
} from '../model/book.js';
import { markSceneBreaks } from './scene-breaks.js';
import { noteRole, setNotesApart, type NotesPolicy } from './notes.js';
import { splitAtChapters } from './split.js';
import { chapterHeading, titleLike } from '../parse/headings.js';

const KIND_WORDS: [RegExp, ChapterKind][] = [
  [/^prologue$/i, 'prologue'],
  [/^epilogue$/i, 'epilogue'],
  [/^interlude$/i, 'interlude'],
  [/^foreword$/i, 'foreword'],
  [/^preface$/i, 'preface'],
  [/^introduction$/i, 'introduction'],
  [/^dedication$/i, 'dedication'],
  [/^epigraph$/i, 'epigraph'],
  [/^acknowledge?ments?$/i, 'acknowledgments'],
  [/^afterword$/i, 'afterword'],
  [/^about[ -]the[ -]author$/i, 'about-the-author'],
  [/^also[ -]by.*$/i, 'also-by'],
  [/^appendix\b.*$/i, 'appendix'],
];

export const CHAPTER_KINDS: ChapterKind[] = ['chapter', 'part', ...new Set(KIND_WORDS.map(([, k]) => k))];

/** The kind a name suggests: `03-prologue.md`, a title "Epilogue", a front-matter `type: dedication`. */
export function kindFromName(name: string): ChapterKind | undefined {
  const stem = name
    .replace(/\.[a-z]+$/i, '')
    .replace(/^[\d\s._-]+/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  for (const [re, kind] of KIND_WORDS) if (re.test(stem)) return kind;
  return undefined;
}

/**
 * The chapter's heading typed again at the top of its text, as writers do on an archive ("Chapter One" in
 * bold under the archive's "Chapter 1", "II: The New Margarita" under the same): a short paragraph, bold,
 * italic or centred, that is a chapter heading or the chapter's title.
 */
function repeatsHeading(b: Block | undefined, title: string | undefined): boolean {
  if (b?.type !== 'paragraph') return false;
  const text = plainText(b.children).trim();
  if (!text || text.length > 160) return false;
  const set =
    b.align === 'center' ||
    b.children.every((c) => c.type === 'strong' || c.type === 'emphasis' || (c.type === 'text' && !c.value.trim()));
  if (!set) return false;
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const heading = chapterHeading(text);
  return (heading !== undefined && !heading.bare) || (title !== undefined && fold(text) === fold(title));
}

/** Takes the chapter title from front matter, else from a leading heading (which leaves the body). */
function titleOf(file: ManuscriptFile, diagnostics: Diagnostics): { title: Inline[]; blocks: Block[] } {
  const fmTitle = file.frontMatter.title;
  let blocks = file.blocks;
  // After the notes an archive puts first (the work's notes, the chapter's summary).
  const at = blocks.findIndex((b) => b.type !== 'note');
  if (file.whole && at >= 0 && repeatsHeading(blocks[at], typeof fmTitle === 'string' ? fmTitle : undefined)) {
    const first = blocks[at] as Extract<Block, { type: 'paragraph' }>;
    diagnostics.add({
      severity: 'info',
      rule: 'chapters',
      message: `the chapter's heading typed again at the top of its text, left out: "${plainText(first.children).trim()}"`,
      file: file.rel,
      start: first.pos.start,
      end: first.pos.end,
    });
    blocks = [...blocks.slice(0, at), ...blocks.slice(at + 1)];
  }
  const first = blocks[0];
  const leadingHeading = first?.type === 'heading' && first.level <= 2 && plainText(first.children).trim() !== '';
  if (typeof fmTitle === 'string' || typeof fmTitle === 'number') {
    const value = String(fmTitle).trim();
    // A heading repeating the front-matter title is not shown twice.
    const repeats = leadingHeading && plainText((first as { children: Inline[] }).children).trim() === value;
    const pos = file.titlePos ?? file.pos;
    return { title: value ? [{ type: 'text', value, pos }] : [], blocks: repeats ? blocks.slice(1) : blocks };
  }
  if (leadingHeading) return { title: (first as { children: Inline[] }).children, blocks: blocks.slice(1) };
  // A plain-text chapter opening with a numbered title on a line of its own ("IV: Box Five", "12. Above the
  // Trap-Doors"): the title.
  if (first?.type === 'paragraph' && blocks.length > 1 && !first.children.some((c) => c.type === 'lineBreak')) {
    const line = plainText(first.children).trim();
    if (NUMBERED_TITLE.test(line) && titleLike(line)) return { title: first.children, blocks: blocks.slice(1) };
  }
  return { title: [], blocks };
}

/** A title with its number: a Roman numeral or figures, a colon or full stop, the title's words. */
const NUMBERED_TITLE = /^(?:[IVXLCDM]{1,8}|\d{1,3})[:.]\s+\p{Lu}/u;

/** One chapter's worth of a file: the whole file, or the part after one of its chapter headings. */
interface Piece {
  file: ManuscriptFile;
  title: Inline[];
  blocks: Block[];
  /** The kind the heading names (a prologue), when the file was split at headings. */
  kind?: ChapterKind;
  /** The number the heading gives ("Chapter 7", "14"), when the file was split at headings. */
  number?: number;
  /** The file is this one chapter: its front matter's `type:` applies. */
  whole: boolean;
}

/** A file as chapters: split at its chapter headings when it has them, else one chapter. */
function piecesOf(file: ManuscriptFile, diagnostics: Diagnostics): Piece[] {
  const parts = file.whole ? undefined : splitAtChapters(file.blocks);
  if (!parts || (parts.length === 1 && typeof file.frontMatter.title === 'string'))
    return [{ file, ...titleOf(file, diagnostics), number: file.number, whole: true }];
  const headed = parts.filter((p) => p.heading);
  if (headed.length > 1) {
    diagnostics.add({
      severity: 'info',
      rule: 'chapters',
      message: `${file.rel}: ${headed.length} chapters, split at their headings`,
      file: file.rel,
    });
  }
  // A posted story's header before its first chapter (its title, "by" its writer, a summary, a disclaimer)
  // is a note at the first chapter's start, not a chapter of its own.
  if (!parts[0].heading && parts.length > 1 && isStoryHeader(parts[0].blocks)) {
    const [header, first] = parts;
    const pos = { ...header.blocks[0].pos, end: header.blocks[header.blocks.length - 1].pos.end };
    first.blocks = [{ type: 'note', role: 'story-header', children: header.blocks, pos }, ...first.blocks];
    header.blocks = [];
  }
  return parts
    .filter((p) => p.heading || p.blocks.length > 0)
    .map((p, _, all) => ({
      file,
      title: p.title,
      blocks: p.blocks,
      kind: p.heading?.kind,
      number: p.heading?.kind === 'chapter' ? p.heading.number : undefined,
      whole: all.length === 1,
    }));
}

/** "by bakerstreetbee", "By A. Writer", "written by …". */
const BYLINE = /^(?:written\s+)?by\s+\S/i;

/**
 * Short paragraphs that head a posted story: a few of them, none long, with a byline or a header's labels
 * (Summary:, Rating:, Disclaimer:, an author's note) among them.
 */
function isStoryHeader(blocks: Block[]): boolean {
  if (!blocks.length || blocks.length > 12) return false;
  const texts: string[] = [];
  for (const b of blocks) {
    if (b.type === 'note') continue;
    if (b.type !== 'paragraph') return false;
    const text = plainText(b.children).trim();
    if (text.length > 400) return false;
    texts.push(text);
  }
  return texts.some((t) => BYLINE.test(t) || noteRole(t, false) !== undefined) || blocks.some((b) => b.type === 'note');
}

/** How note markers run: from 1 in each chapter, through the book, or with the traditional symbols. */
export type NoteNumbering = 'chapter' | 'book' | 'symbols';

export function buildChapters(
  files: ManuscriptFile[],
  diagnostics: Diagnostics,
  notes: NotesPolicy = 'end-of-chapter',
  numbering: NoteNumbering = 'chapter',
): Chapter[] {
  let number = 0;
  const pieces = files.flatMap((f) => piecesOf(f, diagnostics));
  const chapters = pieces.map(({ file, title, blocks, kind: headingKind, number: given, whole }, index) => {
    const declared = whole ? file.frontMatter.type : undefined;
    let kind: ChapterKind | undefined;
    if (typeof declared === 'string') {
      kind = CHAPTER_KINDS.find((k) => k === declared.trim().toLowerCase().replace(/\s+/g, '-'));
      if (!kind) {
        diagnostics.warn({
          rule: 'unknown-chapter-type',
          message: `unknown chapter type "${declared}"; treating the file as a chapter`,
          file: file.rel,
          start: file.pos.start,
          hint: `Use one of: ${CHAPTER_KINDS.join(', ')}.`,
        });
      }
    }
    kind ??=
      headingKind ??
      kindFromName(plainText(title).trim()) ??
      kindFromName(file.rel.split('/').pop() ?? '') ??
      'chapter';
    const chapter: Chapter = {
      id: `ch-${String(index + 1).padStart(3, '0')}`,
      kind,
      title,
      blocks: setNotesApart(markSceneBreaks(blocks), notes, file.rel, diagnostics),
      source: file.rel,
      pos: file.pos,
      ...(file.frontMatter.typography === false ? { verbatim: true } : {}),
    };
    // The writer's number when the heading gives one further on (a chapter left out of a paste keeps the
    // others' numbers), else the next.
    if (kind === 'chapter') chapter.number = number = given !== undefined && given > number ? given : number + 1;
    return chapter;
  });
  numberNotes(chapters, numbering);
  return chapters;
}

const SYMBOLS = ['*', '\u2020', '\u2021', '\u00a7', '\u2016', '\u00b6'];

/** The `k`-th symbol marker (from 0): * † ‡ § ‖ ¶, then ** †† ‡‡ …, as printers have long done. */
export function symbolMarker(k: number): string {
  return SYMBOLS[k % SYMBOLS.length].repeat(Math.floor(k / SYMBOLS.length) + 1);
}

/**
 * Footnotes and endnotes: an id unique in the book, and a marker: numbered from 1 in each chapter (the
 * default), through the book, or symbols restarting in each chapter.
 */
function numberNotes(chapters: Chapter[], numbering: NoteNumbering): void {
  let id = 0;
  for (const chapter of chapters) {
    blockNotes(chapter.blocks).forEach((note, k) => {
      note.id = `note-${++id}`;
      note.marker = numbering === 'book' ? String(id) : numbering === 'symbols' ? symbolMarker(k) : String(k + 1);
    });
  }
}

/**
 * What the table of contents shows for a chapter, as book.yaml `chapterHeadings` asks: its title (else
 * "Chapter 3"), its number only, or both ("Chapter 3: The Title").
 */
export function chapterLabel(chapter: Chapter, style: HeadingStyle = 'title'): string {
  const title = plainText(chapter.title).trim();
  const number = chapter.number !== undefined ? `Chapter ${chapter.number}` : undefined;
  if (number && style === 'number') return number;
  if (number && style === 'both' && title) return `${number}: ${title}`;
  if (title) return title;
  if (number) return number;
  return chapter.kind
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** The heading a chapter opens with: its title's inlines (emphasis kept), under "Chapter 3" when asked. */
export function chapterHeadingInlines(chapter: Chapter, style: HeadingStyle = 'title'): Inline[] {
  const title = plainText(chapter.title).trim();
  const at = chapter.pos;
  const plain = (value: string): Inline[] => [{ type: 'text', value, pos: at }];
  if (chapter.number === undefined || style === 'title' || !title)
    return title && style !== 'number' ? chapter.title : plain(chapterLabel(chapter, style));
  if (style === 'number') return plain(`Chapter ${chapter.number}`);
  return [...plain(`Chapter ${chapter.number}`), { type: 'lineBreak', pos: at }, ...chapter.title];
}

export type HeadingStyle = 'title' | 'number' | 'both';

/** A chapter's heading in its two parts, for a design to set each its own way. */
export interface HeadingParts {
  /** "Chapter 3", "Chapter Three", "III": as the design reads numbers. */
  number?: string;
  title?: Inline[];
}

/**
 * The parts of the heading `chapterHeadingInlines` gives, the number read as the design asks: what shows
 * is book.yaml's `chapterHeadings`; how the number reads is the design's. With `ownNumber`, a title that
 * opens with its own number ("IV: Box Five") gives it to the number line and keeps the rest as its title.
 */
export function chapterHeadingParts(
  chapter: Chapter,
  style: HeadingStyle = 'title',
  opening: Pick<ChapterOpening, 'number' | 'label' | 'ownNumber'> = {
    number: 'numeral',
    label: true,
    ownNumber: false,
  },
): HeadingParts {
  const { number: form, label } = opening;
  if (chapter.kind === 'part') {
    // "Part Two: The Trap" gives "Part II" and "The Trap" in a design that reads its own numbers; "Part"
    // (or "Book") always stays, which tells the part's page from a chapter's.
    const own = opening.ownNumber ? titleNumber(chapter.title, PART_WORDS) : undefined;
    if (!own) return { title: chapter.title };
    const number = `${own.word} ${numberText(own.number, form, false)}`;
    return own.title.length ? { number, title: own.title } : { number };
  }
  const own = opening.ownNumber ? titleNumber(chapter.title) : undefined;
  if (own) {
    const number = numberText(own.number, form, label);
    return style === 'number' || !own.title.length ? { number } : { number, title: own.title };
  }
  const title = plainText(chapter.title).trim();
  const n = chapter.number;
  if (n === undefined || style === 'title' || !title) {
    if (title && style !== 'number') return { title: chapter.title };
    if (n !== undefined) return { number: numberText(n, form, label) };
    return { title: [{ type: 'text', value: chapterLabel(chapter, style), pos: chapter.pos }] };
  }
  const number = numberText(n, form, label);
  return style === 'number' ? { number } : { number, title: chapter.title };
}

/**
 * The number a title opens with and the title after it: "IV: Box Five", "12. The Trap", "Chapter 3 -
 * The Storm", "Chapter Three: The Storm", or the number alone ("Chapter 7"). Undefined when the title does
 * not open so: "1984" or "V for Vendetta" keep their words.
 */
export function titleNumber(
  title: Inline[],
  words: RegExp = OWN_NUMBER,
): { number: number; title: Inline[]; word?: string } | undefined {
  const first = title[0];
  if (first?.type !== 'text') return undefined;
  const m = words.exec(first.value);
  if (!m) return undefined;
  const [whole, word, digits] = m;
  // Roman numerals up to CCC: "MIX: The Tape" or "DC: A City" are words.
  const roman = romanValue(digits);
  const number = /^\d+$/.test(digits)
    ? Number(digits)
    : roman !== undefined && roman <= 300
      ? roman
      : wordValue(digits);
  if (number === undefined || number < 1) return undefined;
  // Without "Chapter", only a numeral set off by its colon or stop ("IV: "), or standing alone, is a number.
  const rest = first.value.slice(whole.length);
  if (!word && !/[:.\u2013\u2014-]\s*$/.test(whole) && (rest || title.length > 1)) return undefined;
  if (!word && /^\p{Ll}/u.test(rest)) return undefined;
  const tail: Inline[] = rest ? [{ ...first, value: rest }, ...title.slice(1)] : title.slice(1);
  if (!(plainText(tail).trim() || !tail.length)) return undefined;
  return word ? { number, title: tail, word: word.trim() } : { number, title: tail };
}

const OWN_NUMBER =
  /^\s*(Chapter\s+)?(\d{1,3}|[IVXLCDM]{1,8}|[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)(?:\s*[:.\u2013\u2014-]\s*|\s*$)/u;
/** A part's own number: only with its word ("Part Two", "Book III"), which a part page keeps. */
const PART_WORDS =
  /^\s*(Part\s+|Book\s+)(\d{1,3}|[IVXLCDM]{1,8}|[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)(?:\s*[:.\u2013\u2014-]\s*|\s*$)/u;

/** "Three", "Twenty-One": the value of a number word up to ninety-nine. */
function wordValue(word: string): number | undefined {
  for (let n = 1; n < 100; n++) if (numberWord(n).toLowerCase() === word.toLowerCase()) return n;
  return undefined;
}
