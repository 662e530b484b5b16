/**
 * Plain text into paragraphs, in the convention the file uses, decided per file:
 * - `blank-lines`: paragraphs separated by blank lines (lines inside one wrapped, as Project Gutenberg's);
 * - `single-newline`: every line a paragraph (a paste from Word or an archive);
 * - `hard-wrapped`: lines of 60–80 characters, a paragraph ending at a short line;
 * - `indented`: wrapped lines, a paragraph starting at an indented line.
 * A group of short lines among wrapped ones is verse (its line breaks kept). A longer run of blank lines
 * than the file's usual gap, or a blank line in a file without blank-line paragraphs, is a scene break.
 * The characters are taken literally.
 */
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Block, Inline } from '../model/book.js';
import type { LineIndex } from '../model/position.js';
import { chapterHeading, titleLike } from './headings.js';

export interface TextContext {
  file: string;
  lines: LineIndex;
  /** Lines before the parsed body (the front matter). */
  bodyLine: number;
  diagnostics?: Diagnostics;
}

export type ParagraphConvention = 'blank-lines' | 'single-newline' | 'hard-wrapped' | 'indented';

const DESCRIBED: Record<ParagraphConvention, string> = {
  'blank-lines': 'paragraphs separated by blank lines',
  'single-newline': 'a paragraph on every line (as pasted from Word or an archive)',
  'hard-wrapped': 'hard-wrapped lines joined back into paragraphs, each ending at a short line',
  indented: 'hard-wrapped lines joined back into paragraphs, each starting at an indented line',
};

interface Line {
  line: number;
  /** The text without leading and trailing white space, and where it starts in the file. */
  text: string;
  start: number;
  indented: boolean;
  /** Blank lines before this one. */
  gap: number;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

function mode(values: number[]): number {
  const count = new Map<number, number>();
  for (const v of values) count.set(v, (count.get(v) ?? 0) + 1);
  let best = 0;
  let most = 0;
  for (const [v, c] of count) if (c > most || (c === most && v < best)) [best, most] = [v, c];
  return best;
}

/** Which convention the lines follow, and the file's line width when it is wrapped. */
export function paragraphConvention(lines: Line[]): { convention: ParagraphConvention; width: number } {
  const lengths = lines.map((l) => l.text.length);
  const width = percentile(lengths, 0.9);
  const gaps = lines.slice(1).filter((l) => l.gap > 0).length;
  // Wrapped: no long lines, and most lines run close to the width.
  const wrapped =
    lines.length >= 4 && width <= 100 && lengths.filter((n) => n >= 0.75 * width).length >= 0.5 * lines.length;
  if (lines.length < 4 || gaps >= 0.25 * lines.length) return { convention: 'blank-lines', width };
  if (!wrapped) return { convention: 'single-newline', width };
  const indented = lines.filter((l) => l.indented).length;
  return {
    convention: indented >= 0.05 * lines.length && indented <= 0.6 * lines.length ? 'indented' : 'hard-wrapped',
    width,
  };
}

export function parseText(ctx: TextContext): Block[] {
  const { lines, file } = ctx;
  const all: Line[] = [];
  let gap = 0;
  for (let line = ctx.bodyLine + 1; line <= lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const text = raw.trim();
    if (!text) {
      gap++;
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    all.push({ line, text, start: lines.lineStart(line) + lead, indented: lead > 0, gap: all.length ? gap : 0 });
    gap = 0;
  }
  const { convention, width } = paragraphConvention(all);
  if (all.length >= 4)
    ctx.diagnostics?.add({ severity: 'info', rule: 'paragraphs', message: `${file}: ${DESCRIBED[convention]}`, file });
  const usualGap = mode(
    all
      .slice(1)
      .map((l) => l.gap)
      .filter((g) => g > 0),
  );

  const blocks: Block[] = [];
  let current: Line[] = [];
  let verse = false;
  const flush = () => {
    if (!current.length) return;
    const children: Inline[] = [];
    current.forEach((l, k) => {
      if (k > 0) {
        const at = l.start - 1;
        children.push(
          verse
            ? { type: 'lineBreak', pos: lines.span(file, at, l.start) }
            : { type: 'text', value: ' ', pos: lines.span(file, at, l.start) },
        );
      }
      children.push({ type: 'text', value: l.text, pos: lines.span(file, l.start, l.start + l.text.length) });
    });
    const first = current[0];
    const last = current[current.length - 1];
    blocks.push({ type: 'paragraph', children, pos: lines.span(file, first.start, last.start + last.text.length) });
    current = [];
  };
  const short = (l: Line) => l.text.length < 0.7 * width;

  for (let i = 0; i < all.length; i++) {
    const l = all[i];
    const sceneBreak = i > 0 && (convention === 'blank-lines' ? usualGap > 0 && l.gap > usualGap : l.gap > 0);
    if (l.gap > 0 || sceneBreak) flush();
    if (sceneBreak && blocks.length) blocks.push({ type: 'sceneBreak', pos: lines.span(file, l.start, l.start) });
    if (convention === 'blank-lines') {
      if (!current.length) {
        // A group of short lines among wrapped text is verse (or a letter's lines): its breaks are kept.
        let end = i;
        while (end + 1 < all.length && all[end + 1].gap === 0) end++;
        const group = all.slice(i, end + 1);
        verse = group.length >= 2 && width <= 100 && group.every((g) => g.text.length < 0.6 * width);
        // A chapter's number with its title on the next line: one heading of two lines. A chapter heading
        // with text under it stands alone.
        const heading = chapterHeading(l.text);
        if (heading && !heading.bare && group.length >= 2) {
          if (group.length === 2 && !heading.title && titleLike(group[1].text)) {
            verse = true;
            current = group;
            flush();
            i = end;
            continue;
          }
          current = [l];
          flush();
          continue;
        }
        // Long lines in a group are each a paragraph (a paste with a few blank lines in it).
        if (!verse && group.length >= 2 && width > 100) {
          for (const g of group) {
            current = [g];
            flush();
          }
          i = end;
          continue;
        }
      }
      current.push(l);
      continue;
    }
    verse = false;
    // A chapter heading stands alone whatever the convention: it never runs on into a paragraph.
    const heading = chapterHeading(l.text);
    if (heading && !heading.bare) {
      flush();
      current.push(l);
      flush();
      continue;
    }
    if (convention === 'single-newline') {
      flush();
      current.push(l);
      continue;
    }
    if (convention === 'indented' && l.indented) flush();
    current.push(l);
    if (convention === 'hard-wrapped' && short(l)) flush();
  }
  flush();
  return blocks;
}
