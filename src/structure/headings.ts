/**
 * Headings inside a chapter, ranked: whatever levels the source used (Markdown's `###` under a chapter's
 * `#`, Word's Heading 2 and Heading 4, HTML's h3), a chapter's sub-headings become levels 2, 3, 4 … in the
 * order of their source levels, with no level skipped, so that the ebook's outline is whole and print can
 * give each rank its own style. Print sets three ranks apart; a fourth is set like the third, with one
 * warning at its first place.
 */
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Block, Chapter } from '../model/book.js';

/** Ranks of sub-headings that print sets each in a style of its own. */
export const PRINT_HEADING_RANKS = 3;

type Heading = Extract<Block, { type: 'heading' }>;

/** The headings among some blocks, in quotations and notes and lists too, without recursion. */
function headingsOf(blocks: Block[]): Heading[] {
  const out: Heading[] = [];
  const todo: Block[][] = [blocks];
  while (todo.length) {
    for (const b of todo.pop()!) {
      if (b.type === 'heading') out.push(b);
      else if (b.type === 'blockQuote' || b.type === 'note') todo.push(b.children);
      else if (b.type === 'list') todo.push(...b.items);
    }
  }
  return out;
}

/** Renumbers each chapter's sub-headings from level 2 by rank, in place; warns once where print flattens. */
export function rankHeadings(chapters: Chapter[], diagnostics: Diagnostics): void {
  let flattened: { heading: Heading; level: number } | undefined;
  for (const chapter of chapters) {
    const headings = headingsOf(chapter.blocks);
    if (!headings.length) continue;
    const levels = [...new Set(headings.map((h) => h.level))].sort((a, b) => a - b);
    for (const h of headings) {
      const rank = levels.indexOf(h.level);
      if (rank >= PRINT_HEADING_RANKS && !flattened) flattened = { heading: h, level: h.level };
      h.level = 2 + rank;
    }
  }
  if (!flattened) return;
  const { heading, level } = flattened;
  diagnostics.warn({
    rule: 'unsupported',
    message: `a heading of level ${level} is a fourth level of headings inside its chapter: print sets it like the third (the ebook keeps it apart)`,
    file: heading.pos.file,
    start: heading.pos.start,
    end: heading.pos.end,
    hint: `Print sets ${PRINT_HEADING_RANKS} levels of headings inside a chapter; make the deepest ones bold or italic paragraphs, or fewer levels.`,
  });
}
