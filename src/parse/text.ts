/** Plain text into paragraphs: blank lines separate paragraphs; the characters are taken literally. */
import type { Block, Inline } from '../model/book.js';
import type { LineIndex } from '../model/position.js';

export interface TextContext {
  file: string;
  lines: LineIndex;
  /** Lines before the parsed body (the front matter). */
  bodyLine: number;
}

export function parseText(ctx: TextContext): Block[] {
  const { lines, file } = ctx;
  const blocks: Block[] = [];
  let current: Inline[] = [];
  let startOffset = 0;
  let endOffset = 0;
  const flush = () => {
    if (current.length) blocks.push({ type: 'paragraph', children: current, pos: lines.span(file, startOffset, endOffset) });
    current = [];
  };
  for (let line = ctx.bodyLine + 1; line <= lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const text = raw.trim();
    if (!text) {
      flush();
      continue;
    }
    const lineStart = lines.lineStart(line);
    const start = lineStart + (raw.length - raw.trimStart().length);
    if (current.length) current.push({ type: 'text', value: ' ', pos: lines.span(file, start - 1, start) });
    else startOffset = start;
    endOffset = start + text.length;
    current.push({ type: 'text', value: text, pos: lines.span(file, start, endOffset) });
  }
  flush();
  return blocks;
}
