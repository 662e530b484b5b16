/**
 * One file can hold many chapters: a whole novel exported from Word as one `.txt`, or a Markdown file with a
 * `#` heading per chapter. The file is split at its chapter headings, in the forms writers type them:
 * `# Title`, `Chapter 1`, `CHAPTER TWO`, `Chapter 3: The Title`, `Ch. 4 - Title`, `Chapter Twenty-One`,
 * `Chapter XIV`, `Prologue`, `Epilogue: After`, `Interlude`, and a bare `XIV` or `14` on a line of its own
 * when the file numbers several chapters that way (so a line of dialogue that says "I" is not a chapter).
 */
import { plainText, type Block, type ChapterKind, type Inline } from '../model/book.js';

export interface ChapterHeading {
  kind: ChapterKind;
  /** The number the writer gave, when there is one. */
  number?: number;
  /** The title after the number ("Chapter 3: The Title" → "The Title"), or empty. */
  title: string;
  /** A bare numeral ("XIV", "14."), trusted only in a sequence. */
  bare?: boolean;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** "Twenty-One" → 21, "seven" → 7; undefined for anything else. */
export function numberFromWords(words: string): number | undefined {
  const w = words.toLowerCase().replace(/\s+/g, '-');
  const unit = UNITS.indexOf(w);
  if (unit > 0) return unit;
  const [tens, ones] = w.split('-');
  const t = TENS.indexOf(tens);
  if (t < 2) return w === 'hundred' || w === 'one-hundred' ? 100 : undefined;
  if (ones === undefined) return t * 10;
  const o = UNITS.indexOf(ones);
  return o > 0 && o < 10 ? t * 10 + o : undefined;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** "XIV" → 14 (strict: "IIII" and "IL" are not numerals). */
export function numberFromRoman(s: string): number | undefined {
  const up = s.toUpperCase();
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(up) || !up) return undefined;
  let total = 0;
  for (let i = 0; i < up.length; i++) {
    const v = ROMAN[up[i]];
    total += v < (ROMAN[up[i + 1]] ?? 0) ? -v : v;
  }
  return total;
}

const NUMBER = String.raw`(\d{1,3}|[ivxlcdm]{1,8}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)`;
/** `Chapter 3`, `Ch. 4`, then optionally a separator and a title. */
const CHAPTER = new RegExp(String.raw`^(?:chapter|chap\.|ch\.)\s*${NUMBER}\b\s*(?:[:.\-–—]\s*(.*))?$`, 'i');
const SPECIAL = /^(prologue|epilogue|interlude)\b\s*(?:[:.\-–—]\s*(.*))?$/i;
const BARE = /^([IVXLCDM]{1,8}|\d{1,3})\.?$/;

function parseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  return numberFromRoman(s) ?? numberFromWords(s);
}

/** The chapter heading a short line of text is, if any. */
export function chapterHeading(text: string): ChapterHeading | undefined {
  const t = text.trim();
  // A line that says "Chapter 16:" may carry a long title; anything else that long is text.
  if (!t || t.length > (/^(chapter|chap\.|ch\.)/i.test(t) ? 160 : 80)) return undefined;
  let m = CHAPTER.exec(t);
  if (m) {
    const number = parseNumber(m[1]);
    // "Chapter and verse": a word that is not a number is no chapter.
    if (number === undefined) return undefined;
    return { kind: 'chapter', number, title: (m[2] ?? '').trim() };
  }
  m = SPECIAL.exec(t);
  if (m) return { kind: m[1].toLowerCase() as ChapterKind, title: (m[2] ?? '').trim() };
  m = BARE.exec(t);
  if (m) {
    const number = parseNumber(m[1]);
    if (number !== undefined && number > 0) return { kind: 'chapter', number, title: '', bare: true };
  }
  return undefined;
}

/** A block that could head a chapter: a heading, or a paragraph of one short line. */
function headingText(b: Block): string | undefined {
  if (b.type === 'heading' && b.level <= 2) return plainText(b.children);
  if (b.type === 'paragraph' && !b.children.some((c) => c.type === 'lineBreak')) {
    const t = plainText(b.children);
    return t.length <= 160 ? t : undefined;
  }
  return undefined;
}

export interface SplitPart {
  blocks: Block[];
  /** The heading's chapter, or undefined for text before the first heading. */
  heading?: ChapterHeading;
  /** The title as inlines, with positions (the heading's text after its number). */
  title: Inline[];
  headingBlock?: Block;
}

/**
 * Where a file's chapters begin. Bare numerals count only in a run of two or more that goes up; Markdown
 * `#` headings count when the file has two or more of them at the top level.
 */
export function splitAtChapters(blocks: Block[]): SplitPart[] | undefined {
  const found: { index: number; heading: ChapterHeading }[] = [];
  blocks.forEach((b, index) => {
    const text = headingText(b);
    if (text === undefined) return;
    const heading = chapterHeading(text);
    if (heading) found.push({ index, heading });
  });
  // Bare numerals count when they number chapters in sequence from the first one (I, II, III...); one that
  // breaks the sequence (a second "I") is text.
  const sequence = new Set<number>();
  let expected: number | undefined;
  for (const f of found) {
    if (!f.heading.bare) continue;
    expected ??= f.heading.number!;
    if (f.heading.number === expected) {
      sequence.add(f.index);
      expected++;
    }
  }
  let starts = found.filter((f) => !f.heading.bare || (sequence.size >= 2 && sequence.has(f.index)));
  // Markdown files with several top-level headings: each is a chapter, whatever its words.
  const tops = blocks.map((b, index) => ({ b, index })).filter(({ b }) => b.type === 'heading' && b.level === 1);
  if (tops.length >= 2) {
    const named = new Map(starts.map((s) => [s.index, s.heading]));
    starts = tops.map(({ b, index }) => named.has(index) ? { index, heading: named.get(index)! } : { index, heading: { kind: 'chapter' as ChapterKind, title: plainText((b as { children: Inline[] }).children).trim() } });
  }
  if (starts.length === 0) return undefined;
  const parts: SplitPart[] = [];
  if (starts[0].index > 0) parts.push({ blocks: blocks.slice(0, starts[0].index), title: [] });
  starts.forEach((s, k) => {
    const block = blocks[s.index];
    const end = k + 1 < starts.length ? starts[k + 1].index : blocks.length;
    parts.push({ blocks: blocks.slice(s.index + 1, end), heading: s.heading, title: titleInlines(block, s.heading), headingBlock: block });
  });
  return parts;
}

/**
 * The title part of a heading block as inlines: the whole heading's inlines when the title is all of it
 * (emphasis kept), else the title's words with their position in the source.
 */
function titleInlines(block: Block, heading: ChapterHeading): Inline[] {
  if (!heading.title || (block.type !== 'heading' && block.type !== 'paragraph')) return [];
  if (plainText(block.children).trim() === heading.title) return block.children;
  for (const node of block.children) {
    if (node.type !== 'text') continue;
    const at = node.value.lastIndexOf(heading.title);
    if (at < 0) continue;
    const start = { ...node.pos.start, column: node.pos.start.column + at, offset: node.pos.start.offset + at };
    const end = { ...start, column: start.column + heading.title.length, offset: start.offset + heading.title.length };
    return [{ type: 'text', value: heading.title, pos: { file: node.pos.file, start, end } }];
  }
  return [{ type: 'text', value: heading.title, pos: block.pos }];
}
