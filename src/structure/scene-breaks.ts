/** Scene-break markers as writers type them, turned into one SceneBreak node. */
import { plainText, type Block } from '../model/book.js';
import { joinVerse } from './verse.js';

/** `***`, `* * *`, `#`, `~~~`, `oOo`, `xXx`, `-----`, `§`, a lone `…`, `❧`, `⁂` and the like. */
const MARKER = /^(?:(?:[*#~=_•·§⁂❧✻✦◇◆-]\s*){1,12}|(?:o\s*O\s*o|x\s*X\s*x|O\s*o\s*O|X\s*x\s*X)\s*|…|\.\s*\.\s*\.|❦|☙)$/u;

export function isSceneBreakText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 24 && MARKER.test(t);
}

/**
 * Replaces marker paragraphs and empty headings with scene breaks; drops breaks at a chapter's edges and
 * doubles; joins adjacent block quotes.
 */
export function markSceneBreaks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    let b = block;
    if ((b.type === 'paragraph' && isSceneBreakText(plainText(b.children))) || (b.type === 'heading' && plainText(b.children).trim() === '')) {
      b = { type: 'sceneBreak', pos: b.pos };
    } else if (b.type === 'blockQuote') {
      b = { ...b, children: joinVerse(markSceneBreaks(b.children)) };
    }
    if (b.type === 'sceneBreak' && (out.length === 0 || out[out.length - 1].type === 'sceneBreak')) continue;
    const prev = out[out.length - 1];
    // Quoted paragraphs separated only by blank lines are one quotation (a letter, a document).
    if (b.type === 'blockQuote' && prev?.type === 'blockQuote') {
      out[out.length - 1] = { ...prev, children: joinVerse(markSceneBreaks([...prev.children, ...b.children])), pos: { ...prev.pos, end: b.pos.end } };
      continue;
    }
    out.push(b);
  }
  while (out.length && out[out.length - 1].type === 'sceneBreak') out.pop();
  return out;
}
