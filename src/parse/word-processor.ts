/**
 * What a word processor's document is once its XML is read (Word's WordprocessingML in docx.ts, OpenDocument
 * in odt.ts): paragraphs of formatted pieces, each with its style's meaning (a heading level, a title, a
 * quotation), its alignment, breaks, list and table cell. From them, the same model blocks whatever program
 * wrote the file: chapters from heading styles and from headings made by hand, the title page, lists,
 * tables, notes at their references, scene breaks. Places are "paragraph of the body, character": the
 * document's paragraphs one a line of `source`.
 */
import type { Block, Inline, NoteKind, TableCell } from '../model/book.js';
import { LineIndex, type Span } from '../model/position.js';
import { chapterHeading } from './headings.js';
import { checkLink } from './urls.js';

type TableBlock = Extract<Block, { type: 'table' }>;

export interface RunProps {
  italic?: boolean;
  bold?: boolean;
  underline?: boolean;
  smallCaps?: boolean;
  vertAlign?: 'superscript' | 'subscript';
  /** Half-points. */
  size?: number;
}

export interface Piece {
  /** Text, or a line break, or a note reference. */
  text?: string;
  lineBreak?: boolean;
  note?: { kind: NoteKind; id: string };
  /** A picture: its name in the package (`word/media/image1.png`) and its alternative text. */
  image?: { ref: string; alt: string };
  props: RunProps;
  link?: string;
  /** Offset of the text in its paragraph's line of `source`. */
  at: number;
}

export interface Paragraph {
  index: number;
  styleId?: string;
  align?: string;
  outline?: number;
  pieces: Piece[];
  text: string;
  pageBreakBefore: boolean;
  pageBreakInside: boolean;
  /** A horizontal line (Google Docs' and Word's `o:hr`) or a bottom border with no text. */
  rule: boolean;
  border: boolean;
  toc: boolean;
  quote: boolean;
  /** What the paragraph's style makes it: a heading of a level, the document's title. */
  heading?: number;
  title?: boolean;
  list?: { id: string; level: number };
  /** The table cell the paragraph is in (of a table in the body; a table inside a cell is its cell's text). */
  cell?: CellPlace;
}

export interface CellPlace {
  /** Which table of the body, from 1. */
  table: number;
  row: number;
  column: number;
  header: boolean;
  colSpan: number;
  /** `start`: the first cell of a vertical merge; `continue`: a cell merged into the one above (Word). */
  vMerge?: 'start' | 'continue';
  /** Rows the cell spans, when the format says so on the cell itself (OpenDocument). */
  rowSpan?: number;
}

export interface WordResult {
  blocks: Block[];
  /** The body's paragraphs, one a line: what positions count in and messages quote. */
  source: LineIndex;
  /** The title page before the first chapter heading, when the document has one. */
  titlePage?: { title?: string; author?: string; lines: string[]; span: Span };
  /** The document's language (its default run language). */
  language?: string;
  counts: WordCounts;
  /** Where the first of each kind of thing was, for messages. */
  firstAt: { revision?: Span; comment?: Span; textBox?: Span; table?: Span; linkedImage?: Span; unsafeLink?: Span };
}

export interface WordCounts {
  insertions: number;
  deletions: number;
  comments: number;
  textBoxes: number;
  mergedCells: number;
  /** Pictures linked to files outside the document rather than held in it. */
  linkedImages: number;
  /** Links with addresses a book may not hold (javascript:, file:), kept as plain text. */
  unsafeLinks: number;
}

export const noCounts = (): WordCounts => ({
  insertions: 0,
  deletions: 0,
  comments: 0,
  textBoxes: 0,
  mergedCells: 0,
  linkedImages: 0,
  unsafeLinks: 0,
});

/** Paragraph numbers (from 1) of the first of each kind of thing, for messages. */
export interface WordMarks {
  revision?: number;
  comment?: number;
  textBox?: number;
  table?: number;
  linkedImage?: number;
}

export interface WordDocument {
  /** The body's paragraphs in order; `index` is each one's paragraph number (a text box's, its anchor's). */
  paragraphs: Paragraph[];
  /** The paragraphs of the note a reference piece refers to. */
  notes: (piece: Piece) => Paragraph[];
  /** Whether a list is numbered, and its first number. */
  numbering: (id: string, level: number) => { ordered: boolean; start: number };
  file: string;
  /** The text's default size in half-points, for telling headings made larger by hand. */
  defaultSize: number;
  language?: string;
  counts: WordCounts;
  marks: WordMarks;
  /** One more than the last paragraph number. */
  next: number;
}

const same = (a: RunProps, b: RunProps) =>
  !!a.italic === !!b.italic &&
  !!a.bold === !!b.bold &&
  !!a.underline === !!b.underline &&
  !!a.smallCaps === !!b.smallCaps &&
  a.vertAlign === b.vertAlign;

/** A paragraph's pieces as inlines: runs of one formatting merged, wrapped in their markup. */
export function inlinesOf(
  p: Paragraph,
  span: (from: number, to: number) => Span,
  noteRef: (piece: Piece, pos: Span) => Inline | undefined,
  /** Told of each link whose address is refused (`javascript:`, a file on the writer's disk). */
  onRefusedLink?: (href: string, pos: Span) => void,
): Inline[] {
  // Leading and trailing white space (tabs and spaces typed for an indent) goes.
  const pieces = p.pieces.filter((x) => x.text !== '' || x.lineBreak || x.note || x.image);
  const lead = p.text.length - p.text.trimStart().length;
  const trail = p.text.trimEnd().length;
  const out: Inline[] = [];
  let k = 0;
  while (k < pieces.length) {
    const first = pieces[k];
    let end = k + 1;
    while (end < pieces.length && same(pieces[end].props, first.props) && pieces[end].link === first.link) end++;
    const group: Inline[] = [];
    for (const piece of pieces.slice(k, end)) {
      if (piece.note) {
        const pos = span(piece.at, piece.at);
        const ref = noteRef(piece, pos);
        if (ref) group.push(ref);
      } else if (piece.image) {
        group.push({ type: 'image', asset: piece.image.ref, alt: piece.image.alt, pos: span(piece.at, piece.at) });
      } else if (piece.lineBreak) {
        if (piece.at > lead && piece.at < trail) group.push({ type: 'lineBreak', pos: span(piece.at, piece.at + 1) });
      } else if (piece.text) {
        const from = Math.max(piece.at, lead);
        const to = Math.min(piece.at + piece.text.length, trail);
        if (to <= from) continue;
        const value = piece.text.slice(from - piece.at, to - piece.at);
        const prev = group[group.length - 1];
        if (prev?.type === 'text' && prev.pos.end.offset === span(from, from).start.offset) {
          group[group.length - 1] = { ...prev, value: prev.value + value, pos: { ...prev.pos, end: span(to, to).end } };
        } else group.push({ type: 'text', value, pos: span(from, to) });
      }
    }
    if (group.length) {
      let wrapped = group;
      const at = { ...group[0].pos, end: group[group.length - 1].pos.end };
      const props = first.props;
      // A note reference is raised by the editions themselves (Word's reference style raises it again).
      const refsOnly = group.every((n) => n.type === 'noteRef');
      if (props.vertAlign && !refsOnly) wrapped = [{ type: props.vertAlign, children: wrapped, pos: at }];
      if (props.smallCaps) wrapped = [{ type: 'smallCaps', children: wrapped, pos: at }];
      if (props.italic || props.underline) wrapped = [{ type: 'emphasis', children: wrapped, pos: at }];
      if (props.bold) wrapped = [{ type: 'strong', children: wrapped, pos: at }];
      if (first.link) {
        const verdict = checkLink(first.link);
        if (verdict.ok) wrapped = [{ type: 'link', href: verdict.href, children: wrapped, pos: at }];
        else onRefusedLink?.(first.link, at);
      }
      out.push(...wrapped);
    }
    k = end;
  }
  return out;
}

/** The size most of the document's text is set in (half-points): hand-made headings are larger. */
function bodySize(paragraphs: Paragraph[], defaultSize: number): number {
  const counts = new Map<number, number>();
  for (const p of paragraphs) {
    for (const piece of p.pieces) {
      if (!piece.text) continue;
      const size = piece.props.size ?? defaultSize;
      counts.set(size, (counts.get(size) ?? 0) + piece.text.length);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 24;
}

/** A paragraph that heads a chapter by its look alone: short, and centred, all bold or larger than the text. */
function handMadeHeading(p: Paragraph, body: number, afterBreak: boolean, under?: Paragraph): boolean {
  const text = p.text.trim();
  // A scene break's marker (* * *) is no heading, nor is a sentence.
  if (!text || text.length > 160 || !/[\p{L}\p{N}]/u.test(text)) return false;
  const texts = p.pieces.filter((x) => x.text?.trim());
  if (!texts.length) return false;
  const named = chapterHeading(text) !== undefined || texts.some((x) => chapterHeading(x.text!.trim()) !== undefined);
  if (!named && text.length > 90) return false;
  const bold = texts.every((x) => x.props.bold);
  const larger = texts.every((x) => (x.props.size ?? body) >= body * 1.15);
  const centred = p.align === 'center';
  // The line under a hand-made "Chapter Sixteen", set as it is: its title, whatever it ends with.
  if (
    under &&
    centred === (under.align === 'center') &&
    bold === under.pieces.some((x) => x.props.bold) &&
    (bold || centred)
  ) {
    return true;
  }
  if (!named && /[.,;:!?]["”’]?$/.test(text)) return false;
  return (afterBreak || named) && (bold || larger || centred);
}

const BYLINE = /^(?:by|written by|von|par|por|di)\s+(\S.*)$/i;

/** The model blocks of a word processor's document. */
export function buildDocument(doc: WordDocument): WordResult {
  const { paragraphs, numbering, counts, marks, next } = doc;
  // The source: a line per body paragraph, numbered as the body's paragraphs.
  const lines: string[] = [];
  for (const p of paragraphs) if (p.index > 0) lines[p.index - 1] = p.text.replace(/\n/g, ' ');
  for (let i = 0; i < next - 1; i++) lines[i] ??= '';
  const source = new LineIndex(lines.join('\n'));
  const spanIn = (index: number) => (from: number, to: number) =>
    source.span(doc.file, source.lineStart(index) + from, source.lineStart(index) + to);
  const paraSpan = (p: Paragraph) => spanIn(p.index)(0, p.text.length);

  const body = bodySize(paragraphs, doc.defaultSize);
  let firstRefused: Span | undefined;
  const refused = (_href: string, pos: Span) => {
    counts.unsafeLinks++;
    firstRefused ??= pos;
  };
  let noteNumber = 0;
  const noteRef = (piece: Piece, pos: Span): Inline | undefined => {
    const held = doc.notes(piece);
    const content: Block[] = [];
    for (const np of held) {
      // Word's reference mark and the space after it are not text: the paragraph's leading space goes.
      const children = inlinesOf(np, () => pos, noteRef);
      if (children.length) content.push({ type: 'paragraph', children, pos });
    }
    if (!content.length) return undefined;
    noteNumber++;
    return {
      type: 'noteRef',
      note: { kind: piece.note!.kind, id: `n${noteNumber}`, marker: String(noteNumber), blocks: content, pos },
      pos,
    };
  };

  const blocks: Block[] = [];
  // The document's first lines are a title page as often as a chapter: only a page break makes a short,
  // centred, bold line a heading by its look alone.
  let afterBreak = false;
  let emptyRun = 0;
  let titlePage: WordResult['titlePage'];
  let firstHeadingSeen = false;
  let lastHeading: { p: Paragraph; styled: boolean } | undefined;
  const front: Paragraph[] = [];
  let list: { block: Extract<Block, { type: 'list' }>; id: string } | undefined;
  // The table being read: its cells by row and column, and the cells still merging down, by column.
  let table:
    | { id: number; block: TableBlock; cells: Map<string, TableCell>; merging: Map<number, TableCell> }
    | undefined;
  const tableBlocks: TableBlock[] = [];
  const addToTable = (p: Paragraph, c: CellPlace, pos: Span) => {
    if (!table || table.id !== c.table) {
      const block: TableBlock = { type: 'table', rows: [], caption: [], pos };
      tableBlocks.push(block);
      // A table before the first heading belongs to the opening text; it is never a title page.
      if (firstHeadingSeen) blocks.push(block);
      else openingTables.push([front.length, block]);
      table = { id: c.table, block, cells: new Map(), merging: new Map() };
      list = undefined;
    }
    table.block.pos = { ...table.block.pos, end: pos.end };
    const key = `${c.row}:${c.column}`;
    let node = table.cells.get(key);
    if (!node) {
      const above = c.vMerge === 'continue' ? table.merging.get(c.column) : undefined;
      if (above) {
        // A cell merged into the one above: that cell spans one more row.
        above.rowSpan = (above.rowSpan ?? 1) + 1;
        node = above;
      } else {
        const align = p.align === 'center' ? 'center' : p.align === 'right' || p.align === 'end' ? 'right' : undefined;
        node = {
          children: [],
          header: c.header,
          ...(align ? { align } : {}),
          ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
          ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
          pos,
        };
        const rows = table.block.rows;
        if (!rows[c.row]) rows[c.row] = [];
        rows[c.row].push(node);
        if (c.vMerge === 'start') table.merging.set(c.column, node);
        else table.merging.delete(c.column);
      }
      table.cells.set(key, node);
    }
    const inlines = inlinesOf(p, spanIn(p.index), noteRef, refused);
    if (!inlines.length) return;
    if (node.children.length) node.children.push({ type: 'lineBreak', pos });
    node.children.push(...inlines);
  };
  // Tables and pictures before the first heading: the opening text's, never a title page's.
  const openingTables: [number, Block][] = [];
  for (const p of paragraphs) {
    const text = p.text.trim();
    const pos = paraSpan(p);
    if (p.toc) continue;
    if (p.cell) {
      addToTable(p, p.cell, pos);
      continue;
    }
    // A paragraph that is a picture and nothing else: a figure, its alternative text kept.
    const only = p.pieces.filter((x) => x.image || x.note || x.text?.trim());
    if (!text && only.length === 1 && only[0].image) {
      const figure: Block = { type: 'figure', asset: only[0].image.ref, alt: only[0].image.alt, caption: [], pos };
      if (firstHeadingSeen) blocks.push(figure);
      else openingTables.push([front.length, figure]);
      continue;
    }
    if (p.pageBreakBefore) afterBreak = true;
    if (!text && !p.pieces.some((x) => x.note || x.image)) {
      if (p.rule || p.border) blocks.push({ type: 'sceneBreak', pos });
      emptyRun++;
      // Empty paragraphs that push a heading down the page stand for a page break, once the text has begun
      // (above a title page they only place the title).
      if (emptyRun >= 3 && firstHeadingSeen) afterBreak = true;
      if (p.pageBreakInside) afterBreak = true;
      continue;
    }
    emptyRun = 0;
    const outline = p.outline !== undefined && p.outline < 9 ? p.outline + 1 : p.heading;
    const previous = blocks[blocks.length - 1];
    const under = previous?.type === 'heading' && lastHeading && !lastHeading.styled ? lastHeading.p : undefined;
    const heading = outline ?? (handMadeHeading(p, body, afterBreak, under) ? 1 : undefined);
    // Before the first heading: a title page (the title, "by" the author, a word count, a copyright line)
    // when it is short lines only, else the book's opening text; decided once the first heading is found.
    if (!firstHeadingSeen && (heading === undefined || p.title)) {
      front.push(p);
      afterBreak = p.pageBreakInside;
      continue;
    }
    firstHeadingSeen = true;
    const inlines = inlinesOf(p, spanIn(p.index), noteRef, refused);
    if (heading !== undefined) {
      blocks.push({ type: 'heading', level: Math.min(heading, 6), children: inlines, pos });
      lastHeading = { p, styled: outline !== undefined };
      list = undefined;
    } else if (p.list) {
      const item: Block = { type: 'paragraph', children: inlines, pos };
      if (list && list.id === p.list.id) {
        list.block.items.push([item]);
        list.block.numbers.push(list.block.numbers[list.block.numbers.length - 1] + 1);
      } else {
        const kind = numbering(p.list.id, p.list.level);
        list = {
          id: p.list.id,
          block: { type: 'list', ordered: kind.ordered, numbers: [kind.start], items: [[item]], pos },
        };
        blocks.push(list.block);
      }
    } else {
      list = undefined;
      const paragraph: Block = {
        type: 'paragraph',
        children: inlines,
        pos,
        ...(p.align === 'center'
          ? { align: 'center' as const }
          : p.align === 'right' || p.align === 'end'
            ? { align: 'right' as const }
            : {}),
      };
      const last = blocks[blocks.length - 1];
      if (p.quote && last?.type === 'blockQuote') last.children.push(paragraph);
      else blocks.push(p.quote ? { type: 'blockQuote', children: [paragraph], pos } : paragraph);
    }
    afterBreak = p.pageBreakInside;
  }
  if (front.length || openingTables.length) {
    const shortLines =
      front.every((p) => p.text.trim().length <= 120) && front.length <= 12 && openingTables.length === 0;
    if (shortLines && firstHeadingSeen) {
      const texts = front.map((p) => p.text.trim());
      const titled = front.find((p) => p.title);
      const author = texts.map((t) => BYLINE.exec(t)?.[1]).find(Boolean);
      const title = (titled ?? front.find((p) => !BYLINE.test(p.text.trim()) && p.align === 'center'))?.text.trim();
      const span = { ...paraSpan(front[0]), end: paraSpan(front[front.length - 1]).end };
      titlePage = { title, author: author?.trim(), lines: texts, span };
    } else {
      // Not a title page: the opening text, before the first heading.
      const opening: Block[] = [];
      front.forEach((p, k) => {
        for (const [at, block] of openingTables) if (at === k) opening.push(block);
        opening.push({
          type: 'paragraph',
          children: inlinesOf(p, spanIn(p.index), noteRef, refused),
          pos: paraSpan(p),
        });
      });
      for (const [at, block] of openingTables) if (at === front.length) opening.push(block);
      blocks.unshift(...opening);
    }
  }
  // Rows merged away entirely leave gaps.
  for (const t of tableBlocks) t.rows = t.rows.filter((r) => r?.length);
  const at = (index: number | undefined) => (index && index > 0 ? spanIn(index)(0, 0) : undefined);
  return {
    blocks,
    source,
    titlePage,
    language: doc.language,
    counts,
    firstAt: {
      revision: at(marks.revision),
      comment: at(marks.comment),
      textBox: at(marks.textBox),
      table: at(marks.table),
      linkedImage: at(marks.linkedImage),
      unsafeLink: firstRefused,
    },
  };
}
