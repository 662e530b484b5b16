/**
 * Chapter headings as writers type them on a line of their own: `Chapter 1`, `CHAPTER TWO`, `Chapter 3: The
 * Title`, `Ch. 4 - Title`, `Chapter Twenty-One`, `Chapter XIV`, `Prologue`, `Epilogue: After`, `Interlude`,
 * a bare `XIV` or `14.` or a number before a title, `12. The Title` (which the structure trusts only in a
 * sequence), each also decorated as archives and pastes decorate them (`~ Chapter Nine ~`, `-= 9 =-`,
 * `*** Chapter 9 ***`, `[Chapter 9]`).
 */
import type { ChapterKind } from '../model/book.js';
import { repairMojibake } from '../model/mojibake.js';

export interface ChapterHeading {
  kind: ChapterKind;
  /** The number the writer gave, when there is one. */
  number?: number;
  /** The title after the number ("Chapter 3: The Title" → "The Title"), or empty. */
  title: string;
  /** A bare numeral ("XIV", "14.") or a number before a title ("12. The Title"), trusted only in a sequence. */
  bare?: boolean;
}

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
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

const NUMBER =
  String.raw`(\d{1,3}|[ivxlcdm]{1,8}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ` +
  `](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)`;
/** `Chapter 3`, `Ch. 4`, then optionally a separator and a title. */
const CHAPTER = new RegExp(String.raw`^(?:chapter|chap\.|ch\.)\s*${NUMBER}\b\s*(?:[:.\-–—]\s*(.*))?$`, 'i');
const SPECIAL = /^(prologue|epilogue|interlude)\b\s*(?:[:.\-–—]\s*(.*))?$/i;
/** `Part One`, `PART 2: The Return`, `Book II`: the whole line is the part's title. */
const PART = new RegExp(String.raw`^(?:part|book)\s+${NUMBER}\b\s*(?:[:.\-–—]\s*(.*))?$`, 'i');
const BARE = /^([IVXLCDM]{1,8}|\d{1,3})\.?$/;
/** `12. The Title`, `3 - The Title`: a number, a separator, a title that starts with a capital or a numeral. */
const NUMBERED = /^(\d{1,3})\s*(?:\.|\s[-–—:]|:)\s+(\p{Lu}.*|[IVXLCDM]+\b.*)$/u;
/** Decoration around a heading on both sides: tildes, stars, equals signs, dashes, brackets. */
const DECORATED = /^(?:[~*=#+•·|<>_-]+|\[|\()\s*(.*?)\s*(?:[~*=#+•·|<>_-]+|\]|\))$/;

function parseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  return numberFromRoman(s) ?? numberFromWords(s);
}

/** The chapter heading a short line of text is, if any. */
export function chapterHeading(text: string): ChapterHeading | undefined {
  // Read through mojibake ("Chapter 4 â€“ The Title" is "Chapter 4 – The Title"); the text itself is the
  // typography's to repair, and to report.
  const plain = repairMojibake(text.trim());
  const t = DECORATED.exec(plain)?.[1] || plain;
  // A line that says "Chapter 16:" may carry a long title; anything else that long is text.
  if (!t || t.length > (/^(chapter|chap\.|ch\.)/i.test(t) ? 160 : 80)) return undefined;
  let m = CHAPTER.exec(t);
  if (m) {
    const number = parseNumber(m[1]);
    // "Chapter and verse": a word that is not a number is no chapter.
    if (number === undefined) return undefined;
    return { kind: 'chapter', number, title: (m[2] ?? '').trim() };
  }
  m = PART.exec(t);
  const part = m ? parseNumber(m[1]) : undefined;
  if (part !== undefined) return { kind: 'part', number: part, title: t };
  m = SPECIAL.exec(t);
  if (m) return { kind: m[1].toLowerCase() as ChapterKind, title: (m[2] ?? '').trim() };
  m = BARE.exec(t);
  if (m) {
    const number = parseNumber(m[1]);
    if (number !== undefined && number > 0) return { kind: 'chapter', number, title: '', bare: true };
  }
  m = NUMBERED.exec(t);
  // A sentence is no title: a title does not end with a full stop or a comma.
  if (m && !/[.,;]$/.test(m[2]) && m[2].length <= 100) {
    const number = Number(m[1]);
    if (number > 0) return { kind: 'chapter', number, title: m[2].trim(), bare: true };
  }
  return undefined;
}

/** What a line that opens an author's note, a disclaimer or a summary starts with. */
const NOTE_LABEL = /^[([]?\s*(?:A\/N|A\.N\.|AN\s*:|Author'?s'? ?Notes?|Disclaimer|Summary|Notes?\s*:)/i;

/**
 * A line that can be a chapter's title under its number ("Chapter 5", then "Box Five"): short, opening
 * with a capital or a numeral, not a sentence (no full stop, comma or quotation mark at its end, none at
 * its start), not a heading or a note's opening of its own.
 */
export function titleLike(line: string | undefined): boolean {
  if (!line || line.length > 80) return false;
  if (!/^(?:\p{Lu}|\d)/u.test(line) || /[.,;:…"'“”‘’]$/.test(line) || NOTE_LABEL.test(line)) return false;
  return chapterHeading(line)?.number === undefined;
}
