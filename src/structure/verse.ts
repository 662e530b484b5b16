/**
 * Verse typed as short quoted lines, each its own paragraph:
 *
 *     > "Vain! In vain do I call, through my vigil weary,
 *     >
 *     > On creation and its Lord!
 *     >
 *     > No sign! No single word!"
 *
 * Inside a block quote, a paragraph that opens a quotation without closing it, followed by short
 * paragraphs that start with no quote mark, the last of which closes it, is one stanza: its lines are
 * joined with line breaks. Prose never matches, because a quotation that runs on into a new paragraph
 * opens that paragraph with a quote mark again; an unclosed quotation that nothing closes is left alone.
 */
import { plainText, type Block, type Inline } from '../model/book.js';

const MAX_LINE = 80;
const MAX_LINES = 16;

/** Opened minus closed double quotes; a straight one opens after a space (or at the start) before a non-space. */
function quoteBalance(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '“') open++;
    else if (ch === '”') open--;
    else if (ch === '"')
      open += (i === 0 || /\s/.test(text[i - 1])) && i + 1 < text.length && !/\s/.test(text[i + 1]) ? 1 : -1;
  }
  return open;
}

const startsWithQuote = (text: string) => /^["“”'‘]/.test(text.trimStart());

export function joinVerse(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const first = blocks[i];
    if (
      first.type !== 'paragraph' ||
      quoteBalance(plainText(first.children)) <= 0 ||
      plainText(first.children).length > MAX_LINE
    ) {
      out.push(first);
      continue;
    }
    let end = -1;
    for (let j = i + 1; j < blocks.length && j <= i + MAX_LINES; j++) {
      const b = blocks[j];
      if (b.type !== 'paragraph') break;
      const text = plainText(b.children);
      if (text.length > MAX_LINE || startsWithQuote(text)) break;
      if (quoteBalance(text) < 0) {
        end = j;
        break;
      }
    }
    if (end === -1) {
      out.push(first);
      continue;
    }
    const children: Inline[] = [...first.children];
    for (let j = i + 1; j <= end; j++) {
      const b = blocks[j] as Extract<Block, { type: 'paragraph' }>;
      children.push({ type: 'lineBreak', pos: { ...b.pos, end: b.pos.start } }, ...b.children);
    }
    out.push({ ...first, children, pos: { ...first.pos, end: blocks[end].pos.end } });
    i = end;
  }
  return out;
}
