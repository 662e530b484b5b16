/**
 * The book's text as the proofing checks read it: one entry per paragraph (a heading, a caption, a list
 * item), its typeset text with the place of every character in the manuscript, its words, and where
 * sentences start. Built once from the model; the checks never see the parser.
 */
import { sourceOffset, type Block, type Book, type Inline, blockNotes } from '../model/book.js';
import type { LineIndex, Position } from '../model/position.js';

export interface Word {
  /** As written (typeset: ’ for the apostrophe). */
  text: string;
  start: number;
  end: number;
  /** The first word of a sentence (or of a paragraph, or of a speech that opens one). */
  sentenceStart: boolean;
  /** Inside emphasis: titles, foreign words, stress. */
  emphasised: boolean;
  /** Starts with a capital letter. */
  capitalised: boolean;
  lower: string;
}

export interface CheckParagraph {
  file: string;
  /** U+FFFC stands for what is not text (an image, code); \n for a line break. */
  text: string;
  words: Word[];
  /** The manuscript position of `text[index]`. */
  position(index: number): Position;
  /** The paragraph that follows in the same chapter, for speech that runs on. */
  next?: CheckParagraph;
  /** A heading or a note: some checks leave them alone. */
  kind: 'paragraph' | 'heading' | 'note' | 'quote' | 'list' | 'caption' | 'cell';
}

interface Piece {
  node: Extract<Inline, { type: 'text' }>;
  at: number;
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

/**
 * A full stop that ends an abbreviation or an initial, not a sentence: "M. Messager", "Mme. Giry", "O. G. (private)".
 */
export const ABBREVIATION =
  /(?:^|[\s(“"‘'*])(?:Mr|Mrs|Ms|Dr|St|Mt|Jr|Sr|Prof|Rev|Gen|Col|Capt|Lt|Sgt|M|MM|Mme|Mlle|Mmes|Mlles|Messrs|etc|e\.g|i\.e|viz|vs|cf|approx|ca|no|nos|vol|pp?|ch|fig|fr|[A-Za-z])\.[”’"')]*\s*[(“‘"']*$/;

/** A space, an opening quote or bracket: what may stand between a sentence's mark and its first word. */
const isSpaceOrOpening = (c: number) =>
  c === 32 || c === 0xa0 || c === 9 || c === 0x201c || c === 0x2018 || c === 34 || c === 39 || c === 40 || c === 91;
/** A closing quote or bracket: what may follow a sentence's mark. */
const isClosing = (c: number) => c === 0x201d || c === 0x2019 || c === 34 || c === 39 || c === 41 || c === 93;

/**
 * Where sentences begin: a paragraph's first word, a line's, and a word after . ? ! (with closing quotes) or an opening
 * quote after them.
 */
function sentenceStarts(text: string, words: Word[]): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // Back over spaces, opening quotes and brackets to the mark before the word.
    let j = w.start - 1;
    while (j >= 0 && isSpaceOrOpening(text.charCodeAt(j))) j--;
    if (j < 0 || text[j] === '\n') {
      w.sentenceStart = i === 0 || j >= 0 || /^[\s“‘"'([—–-]*$/.test(text.slice(0, w.start));
      continue;
    }
    // Over closing quotes and brackets to a full stop, a question or an exclamation mark.
    let k = j;
    while (k >= 0 && isClosing(text.charCodeAt(k))) k--;
    const mark = k >= 0 ? text[k] : '';
    w.sentenceStart =
      i === 0
        ? /^[\s“‘"'([—–-]*$/.test(text.slice(0, w.start))
        : (mark === '.' || mark === '?' || mark === '!' || mark === '…') &&
          j < w.start - 1 &&
          !(mark === '.' && ABBREVIATION.test(text.slice(Math.max(0, w.start - 14), w.start)));
  }
}

function flatten(
  nodes: Inline[],
  out: { text: string; pieces: Piece[]; emphasis: [number, number][] },
  emphasised: boolean,
): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      out.pieces.push({ node: n, at: out.text.length });
      if (emphasised) out.emphasis.push([out.text.length, out.text.length + n.value.length]);
      out.text += n.value;
    } else if (n.type === 'code' || n.type === 'image' || n.type === 'noteRef') out.text += '\ufffc';
    else if (n.type === 'lineBreak') out.text += '\n';
    else flatten(n.children, out, emphasised || n.type === 'emphasis');
  }
}

export function paragraphOf(
  nodes: Inline[],
  kind: CheckParagraph['kind'],
  sources: Map<string, LineIndex>,
): CheckParagraph | undefined {
  const flat = { text: '', pieces: [] as Piece[], emphasis: [] as [number, number][] };
  flatten(nodes, flat, false);
  if (flat.pieces.length === 0) return undefined;
  const { text, pieces, emphasis } = flat;
  const file = pieces[0].node.pos.file;
  const lines = sources.get(file);
  const position = (index: number): Position => {
    let i = pieces.length - 1;
    while (i > 0 && pieces[i].at > index) i--;
    const p = pieces[i];
    const offset = sourceOffset(p.node, Math.max(0, Math.min(index - p.at, p.node.value.length)));
    return lines ? lines.position(offset) : p.node.pos.start;
  };
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const start = m.index;
    const lower = m[0].toLowerCase();
    words.push({
      text: m[0],
      start,
      end: start + m[0].length,
      sentenceStart: false,
      emphasised: emphasis.length > 0 && emphasis.some(([a, b]) => start >= a && start < b),
      capitalised: lower !== m[0] && lower[0] !== m[0][0],
      lower,
    });
  }
  sentenceStarts(text, words);
  return { file, text, words, position, kind };
}

/** Every paragraph of the book, in reading order, with chapter titles as headings. */
export function bookParagraphs(book: Book, sources: Map<string, LineIndex>): CheckParagraph[] {
  const out: CheckParagraph[] = [];
  const add = (nodes: Inline[], kind: CheckParagraph['kind']) => {
    const p = paragraphOf(nodes, kind, sources);
    if (!p) return;
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'paragraph' && kind === 'paragraph') prev.next = p;
    out.push(p);
  };
  const walk = (blocks: Block[], inside?: CheckParagraph['kind']) => {
    for (const b of blocks) {
      if (b.type === 'paragraph') add(b.children, inside ?? 'paragraph');
      else if (b.type === 'heading') add(b.children, 'heading');
      else if (b.type === 'figure') add(b.caption, 'caption');
      else if (b.type === 'blockQuote') walk(b.children, inside ?? 'quote');
      else if (b.type === 'note') walk(b.children, 'note');
      else if (b.type === 'list') for (const item of b.items) walk(item, 'list');
      else if (b.type === 'table') {
        add(b.caption, 'caption');
        for (const row of b.rows) for (const cell of row) add(cell.children, 'cell');
      }
    }
  };
  for (const chapter of book.chapters) {
    add(chapter.title, 'heading');
    walk(chapter.blocks);
    // Footnotes and endnotes are proofread too, after their chapter's text.
    for (const note of blockNotes(chapter.blocks)) walk(note.blocks, 'note');
  }
  return out;
}

export const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
