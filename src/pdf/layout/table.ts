/**
 * A table set for print: column widths from the cells' content, fitted to the measure (smaller type when
 * the content is wide), each cell's text broken into lines in its column, each row as many grid lines as
 * its tallest cell. Ruled as book tables are (a rule above, one under the head, one below; none between
 * columns). Pure: the table and the paragraph settings in, rows of positioned lines out.
 */
import { headRows, noteRefs, plainText, type Block, type Note, type TableCell } from '../../model/book.js';
import { setParagraph, type Fragment, type ParagraphSettings } from './paragraph.js';
import type { TextStyle } from './shaper.js';

type Table = Extract<Block, { type: 'table' }>;

/** Type sizes tried, as shares of the body size, until the table's longest words fit the measure. */
const SCALES = [0.9, 0.8, 0.7];
/** Space on each side of a cell's text, in ems of the table's size. */
const PAD = 0.45;
/** A little room over a text's measured width, against rounding in the line setter. */
const SLACK = 0.5;

const REGULAR: TextStyle = { face: 'regular', smallCaps: false };
const BOLD: TextStyle = { face: 'bold', smallCaps: false };

export interface TableLine {
  /** From the table's left edge. */
  x: number;
  fragments: Fragment[];
}

export interface TableRow {
  /** Grid lines the row takes. */
  lines: number;
  /** For each of its grid lines, the cells' lines set on it. */
  content: TableLine[][];
  /** The row is one of the table's head rows. */
  head: boolean;
  /** Notes referred to in the row's cells. */
  notes: Note[];
}

export interface SetTable {
  width: number;
  size: number;
  rows: TableRow[];
  /** Rows that head the table. */
  heads: number;
  /** Some cell's longest word is wider than its column even at the smallest size (it may reach past it). */
  tooWide: boolean;
}

interface Placed {
  cell: TableCell;
  column: number;
  span: number;
}

/** Each row's cells with the column each starts in; cells that span rows keep their columns taken below. */
function grid(rows: TableCell[][]): { placed: Placed[][]; columns: number } {
  const taken: number[] = [];
  const placed = rows.map((row) => {
    const out: Placed[] = [];
    let column = 0;
    for (const cell of row) {
      while ((taken[column] ?? 0) > 0) column++;
      const span = cell.colSpan ?? 1;
      out.push({ cell, column, span });
      for (let k = 0; k < span; k++) taken[column + k] = cell.rowSpan ?? 1;
      column += span;
    }
    for (let k = 0; k < taken.length; k++) if (taken[k] > 0) taken[k]--;
    return out;
  });
  const columns = Math.max(1, ...placed.map((r) => r.reduce((n, p) => Math.max(n, p.column + p.span), 0)));
  return { placed, columns };
}

/**
 * Column widths within `measure` for columns whose content needs `min` (the longest word) to `max` (the
 * whole text on one line): every column that fits in a fair share of what is left gets all it needs, as
 * few lines as it can; the wide columns share the rest beyond their minimum, in proportion to what more
 * they could use.
 */
export function fitColumns(min: number[], max: number[], measure: number): number[] {
  const widths = new Array<number>(min.length).fill(0);
  const open = new Set(min.keys());
  let left = measure;
  for (let changed = true; changed && open.size; ) {
    changed = false;
    const fair = left / open.size;
    for (const k of [...open]) {
      if (max[k] <= fair) {
        widths[k] = max[k];
        left -= max[k];
        open.delete(k);
        changed = true;
      }
    }
  }
  const rest = [...open];
  const needMin = rest.reduce((a, k) => a + min[k], 0);
  const extra = rest.reduce((a, k) => a + (max[k] - min[k]), 0);
  for (const k of rest)
    widths[k] = min[k] + (extra > 0 ? ((max[k] - min[k]) * Math.max(0, left - needMin)) / extra : 0);
  return widths;
}

export function setTable(table: Table, base: ParagraphSettings, measure: number): SetTable {
  const { placed, columns } = grid(table.rows);
  const heads = headRows(table.rows);
  const styleOf = (p: Placed) => (p.cell.header ? BOLD : REGULAR);
  let chosen: { size: number; widths: number[]; tooWide: boolean } | undefined;
  for (const scale of SCALES) {
    const size = base.size * scale;
    const pad = 2 * PAD * size;
    const min = new Array<number>(columns).fill(pad);
    const max = new Array<number>(columns).fill(pad);
    for (const row of placed) {
      for (const p of row) {
        if (p.span !== 1) continue;
        const words = plainText(p.cell.children).split(/\s+/).filter(Boolean);
        const longest = Math.max(0, ...words.map((w) => base.shaper.width(w, styleOf(p), size)));
        // The whole text as the setter sets it, unbroken (its word spaces, its forced line breaks).
        const whole = setParagraph(
          p.cell.children,
          { ...base, size, measure: 1e6, indent: 0, align: 'left' },
          styleOf(p),
        );
        const natural = Math.max(0, ...whole.lines(whole.natural).map((l) => l.width));
        min[p.column] = Math.max(min[p.column], longest + pad + SLACK);
        max[p.column] = Math.max(max[p.column], natural + pad + SLACK);
      }
    }
    const sumMin = min.reduce((a, b) => a + b, 0);
    const sumMax = max.reduce((a, b) => a + b, 0);
    if (sumMax <= measure) chosen = { size, widths: max, tooWide: false };
    else if (sumMin <= measure) chosen = { size, widths: fitColumns(min, max, measure), tooWide: false };
    else if (scale === SCALES[SCALES.length - 1]) {
      chosen = { size, widths: min.map((m) => (m * measure) / sumMin), tooWide: true };
    }
    if (chosen) break;
  }
  const { size, widths, tooWide } = chosen!;
  const lefts: number[] = [];
  widths.reduce((x, w, k) => {
    lefts[k] = x;
    return x + w;
  }, 0);
  const width = widths.reduce((a, b) => a + b, 0);
  const pad = PAD * size;
  const rows = placed.map((row, r): TableRow => {
    const cells = row.map((p) => {
      const w = widths.slice(p.column, p.column + p.span).reduce((a, b) => a + b, 0);
      const align = p.cell.align === 'center' ? 'center' : p.cell.align === 'right' ? 'right' : 'left';
      const set = setParagraph(
        p.cell.children,
        { ...base, size, measure: Math.max(1, w - 2 * pad), indent: 0, align },
        styleOf(p),
      );
      return { x: lefts[p.column] + pad, lines: set.lines(set.natural) };
    });
    const lines = Math.max(1, ...cells.map((c) => c.lines.length));
    const content: TableLine[][] = Array.from({ length: lines }, () => []);
    for (const c of cells) {
      c.lines.forEach((l, k) => {
        content[k].push({ x: c.x + l.left, fragments: l.fragments });
      });
    }
    return { lines, content, head: r < heads, notes: row.flatMap((p) => noteRefs(p.cell.children)) };
  });
  return { width, size, rows, heads, tooWide };
}
