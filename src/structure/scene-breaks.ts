/** Scene-break markers as writers type them, turned into one SceneBreak node. */
import { plainText, type Block } from '../model/book.js';
import { repairMojibake } from '../model/mojibake.js';
import { joinVerse } from './verse.js';

/** `***`, `* * *`, `#`, `~~~`, `oOo`, `xXx`, `-----`, `§`, a lone `…`, `❧`, `⁂` and the like. */
const MARKER =
  /^(?:(?:[*#~=_•·§⁂❧✻✦◇◆-]\s*){1,12}|(?:o\s*O\s*o|x\s*X\s*x|O\s*o\s*O|X\s*x\s*X|o\s*0\s*o|0\s*o\s*0)\s*|…|\.\s*\.\s*\.|❦|☙)$/u;

/** A quotation whose first paragraph starts with a bold "Label:". */
function opensWithLabel(quote: Extract<Block, { type: 'blockQuote' }>): boolean {
  const first = quote.children[0];
  const lead = first?.type === 'paragraph' ? first.children[0] : undefined;
  return lead?.type === 'strong' && /:\s*$/.test(plainText(lead.children));
}

/** The symbols a decorated marker is made of, and the letters that decorate it (`-x-x-x-`, `-oOo-`, `OoOoO`). */
const MARKER_CHARS = /^[*#~=_•·§⁂❧✻✦◇◆+\-.…❦☙oOxX0]+$/u;

export function isSceneBreakText(text: string): boolean {
  // Through mojibake: `â€¦` is a lone `…`.
  const t = repairMojibake(text.trim());
  if (t.length === 0 || t.length > 24) return false;
  if (MARKER.test(t)) return true;
  const s = t.replace(/\s+/g, '');
  if (!MARKER_CHARS.test(s)) return false;
  // Letters stand alone between symbols (`-x-x-x-`) or alternate in case (`oOo`, `OoOoOoO`): never a word.
  const groups = s.match(/[oOxX0]+/g) ?? [];
  const symbols = s.replace(/[oOxX0]+/g, '').length;
  return groups.every((g) => {
    if (g.length === 1) return symbols > 0;
    if (g.length < 3) return false;
    for (let k = 1; k < g.length; k++)
      if ((g[k] === g[k].toUpperCase()) === (g[k - 1] === g[k - 1].toUpperCase())) return false;
    return true;
  });
}

/**
 * Replaces marker paragraphs, empty headings and empty bullet lists with scene breaks; drops breaks at a chapter's edges and
 * doubles; joins adjacent block quotes.
 */
export function markSceneBreaks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    let b = block;
    // A lone `*` or `-` is an empty list item to Markdown, a lone `#` an empty heading: breaks to the writer.
    const empty =
      (b.type === 'heading' && plainText(b.children).trim() === '') ||
      (b.type === 'list' && !b.ordered && b.items.every((item) => item.length === 0));
    if ((b.type === 'paragraph' && isSceneBreakText(plainText(b.children))) || empty) {
      b = { type: 'sceneBreak', pos: b.pos };
    } else if (b.type === 'blockQuote') {
      b = { ...b, children: joinVerse(markSceneBreaks(b.children)) };
    }
    if (b.type === 'sceneBreak' && (out.length === 0 || out[out.length - 1].type === 'sceneBreak')) continue;
    const prev = out[out.length - 1];
    // Quoted paragraphs separated only by blank lines are one quotation (a letter, a document); one that
    // opens with a bold label ("**Notes:**", "**Summary:**") stands on its own.
    if (b.type === 'blockQuote' && prev?.type === 'blockQuote' && !opensWithLabel(b)) {
      out[out.length - 1] = {
        ...prev,
        children: joinVerse(markSceneBreaks([...prev.children, ...b.children])),
        pos: { ...prev.pos, end: b.pos.end },
      };
      continue;
    }
    out.push(b);
  }
  while (out.length && out[out.length - 1].type === 'sceneBreak') out.pop();
  return out;
}
