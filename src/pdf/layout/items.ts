/**
 * Styled text into the breaker's items: words as boxes (with hyphenation points and the breaks after
 * explicit hyphens and dashes as penalties), spaces as glue, fixed and no-break spaces, forced breaks.
 * A word's items are made once per style and setting and shared (the shaper's item cache).
 */
import { box, GLUE, glue, INFINITY, type Item, penalty } from './knuth-plass.js';
import type { ParagraphSettings } from './settings.js';
import { isSpace, LETTER, type StyledText } from './styled-text.js';

const FIXED_SPACES: Record<string, number> = {
  '\u2002': 0.5,
  '\u2003': 1,
  '\u2004': 1 / 3,
  '\u2005': 0.25,
  '\u2006': 1 / 6,
  '\u2008': 0.2,
  '\u2009': 0.16,
  '\u200a': 0.08,
  '\u202f': 0.16,
  '\u2007': 0.5,
};

const NO_BREAK = penalty(0, INFINITY);

export interface Built {
  items: Item[];
  /** For each box item, the text it stands for (undefined for indents and fixed spaces). */
  /** Where each item's text comes from, as parallel arrays (no object per item): the StyledText (-1 for
   * none: indents, fixed spaces, glue, penalties) and the character range within it. */
  source: number[];
  from: number[];
  to: number[];
}

interface WordItems {
  width: number;
  /** Items, with the character range (within the word) each stands for in `from` and `to`; from === to
   * for penalties. */
  items: Item[];
  from: number[];
  to: number[];
}

/** The word cache for one style and setting; found once per run of text, not per word. */
function wordCache(part: StyledText, s: ParagraphSettings, hyphenate: boolean): Map<string, WordItems> {
  const caches = s.shaper.itemCache as Map<string, Map<string, WordItems>>;
  const key = `${part.style.face}${part.style.smallCaps ? 1 : 0}|${s.size * part.scale}|${s.expansion ? `${s.expansion.stretch}/${s.expansion.shrink}` : ''}|${hyphenate ? (s.hyphenator.patterns ?? '-') : ''}${s.hyphenateNames ? '+names' : ''}|${s.hyphenPenalty}|${s.explicitHyphenPenalty}`;
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

/**
 * What never starts a line after a dash: another dash, and closing punctuation (a quote mark that closes
 * "night—”" stays with its dash, as Unicode's line-breaking rules keep it).
 */
const NO_LINE_START = /[\u2014\u2013,.;:!?)\]}\u201d\u2019\u00bb\u203a"'\u2026]/;

/** The boxes and penalties of one run of a word in one style. */
function segmentItems(
  text: string,
  part: StyledText,
  s: ParagraphSettings,
  hyphenate: boolean,
  startsWord: boolean,
  endsWord: boolean,
  tooWide: boolean,
): WordItems {
  const size = s.size * part.scale;
  const width = s.shaper.width(text, part.style, size);
  // Break opportunities inside the run.
  const cuts: { at: number; kind: 'hyphen' | 'explicit' | 'dash' | 'any' }[] = [];
  for (let i = 1; i < text.length; i++) {
    const c = text[i - 1];
    if (c === '-' || c === '\u2010') {
      if (LETTER.test(text[i - 2] ?? '') && LETTER.test(text[i])) cuts.push({ at: i, kind: 'explicit' });
    } else if (c === '\u2014' || c === '\u2013') {
      if (!NO_LINE_START.test(text[i])) cuts.push({ at: i, kind: 'dash' });
    } else if (c === '/' && LETTER.test(text[i]) && LETTER.test(text[i - 2] ?? '')) cuts.push({ at: i, kind: 'dash' });
  }
  if (hyphenate && text.length >= 5) {
    const re = /\p{L}+/gu;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if ((m.index === 0 && !startsWord) || (m.index + m[0].length === text.length && !endsWord)) continue;
      for (const p of s.hyphenator.points(m[0], s.hyphenateNames)) cuts.push({ at: m.index + p, kind: 'hyphen' });
    }
  }
  if (tooWide)
    for (let i = 1; i < text.length; i++) if (!cuts.some((c) => c.at === i)) cuts.push({ at: i, kind: 'any' });
  const xs = s.expansion?.stretch ?? 0;
  const xk = s.expansion?.shrink ?? 0;
  const textBox = (w: number) => box(w, w * xs, w * xk);
  if (!cuts.length) return { width, items: [textBox(width)], from: [0], to: [text.length] };
  cuts.sort((a, b) => a.at - b.at);
  // Divide the measured width among the pieces in proportion to their characters' advances.
  let plain = 0;
  const adv: number[] = [];
  for (const ch of text) {
    const a = s.shaper.advance(ch.codePointAt(0)!, part.style);
    for (let j = 0; j < ch.length; j++) adv.push(j === 0 ? a : 0);
    plain += a;
  }
  const out: WordItems = { width, items: [], from: [], to: [] };
  let from = 0;
  const piece = (to: number) => {
    let w = 0;
    for (let i = from; i < to; i++) w += adv[i];
    out.items.push(textBox(plain > 0 ? (width * w) / plain : 0));
    out.from.push(from);
    out.to.push(to);
    from = to;
  };
  const hyphenWidth = s.shaper.width('-', part.style, size);
  for (const cut of cuts) {
    piece(cut.at);
    const item =
      cut.kind === 'hyphen'
        ? penalty(hyphenWidth, s.hyphenPenalty, true)
        : cut.kind === 'explicit'
          ? penalty(0, s.explicitHyphenPenalty, true)
          : cut.kind === 'dash'
            ? penalty(0, s.explicitHyphenPenalty, false)
            : penalty(0, 5000, false);
    out.items.push(item);
    out.from.push(cut.at);
    out.to.push(cut.at);
  }
  piece(text.length);
  return out;
}

/** The items of a paragraph. */
export function buildItems(parts: StyledText[], s: ParagraphSettings, hyphenate: boolean): Built {
  // One flat loop over the text, no closure or object per word: a paragraph's words are its hot path.
  const items: Item[] = [];
  const source: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const em = s.size;
  const wide = s.measure * 0.95;
  if (s.indent > 0) {
    items.push(box(s.indent));
    source.push(-1);
    from.push(0);
    to.push(0);
  }
  // The word being read: its segments (a word may run over several styles), as parallel arrays.
  const segSource: number[] = [];
  const segStart: number[] = [];
  const segEnd: number[] = [];
  const cacheOf: (Map<string, WordItems> | undefined)[] = [];
  const pushWord = (word: WordItems, src: number, at: number) => {
    const n = word.items.length;
    for (let k = 0; k < n; k++) {
      const a = word.from[k];
      const b = word.to[k];
      items.push(word.items[k]);
      if (b > a) {
        source.push(src);
        from.push(at + a);
        to.push(at + b);
      } else {
        source.push(-1);
        from.push(0);
        to.push(0);
      }
    }
  };
  const flushWord = () => {
    const segs = segSource.length;
    if (segs === 0) return;
    if (segs === 1) {
      // Most words are one run of one style, and words repeat: their items are made once and shared.
      const src = segSource[0];
      const part = parts[src];
      const text = part.text.slice(segStart[0], segEnd[0]);
      if (!cacheOf[src]) cacheOf[src] = wordCache(part, s, hyphenate);
      const cache = cacheOf[src];
      let tpl = cache.get(text);
      if (!tpl) {
        tpl = segmentItems(text, part, s, hyphenate, true, true, false);
        cache.set(text, tpl);
      }
      if (tpl.width <= wide) {
        pushWord(tpl, src, segStart[0]);
        segSource.length = segStart.length = segEnd.length = 0;
        return;
      }
    }
    let total = 0;
    for (let k = 0; k < segs; k++) {
      const part = parts[segSource[k]];
      total += s.shaper.width(part.text.slice(segStart[k], segEnd[k]), part.style, s.size * part.scale);
    }
    const tooWide = total > wide;
    for (let k = 0; k < segs; k++) {
      const part = parts[segSource[k]];
      const text = part.text.slice(segStart[k], segEnd[k]);
      // Hyphenate only whole words: a letter run that touches another segment is part of a longer word.
      const startsWord = k === 0 || !LETTER.test(parts[segSource[k - 1]].text[segEnd[k - 1] - 1] ?? '');
      const endsWord = k === segs - 1 || !LETTER.test(parts[segSource[k + 1]].text[segStart[k + 1]]);
      pushWord(segmentItems(text, part, s, hyphenate, startsWord, endsWord, tooWide), segSource[k], segStart[k]);
    }
    segSource.length = segStart.length = segEnd.length = 0;
  };
  const push = (item: Item) => {
    items.push(item);
    source.push(-1);
    from.push(0);
    to.push(0);
  };

  const sp = s.space;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const text = part.text;
    const spaceW = s.shaper.width(' ', part.style, em * part.scale);
    // Items are never changed once made: every space of the run shares one glue.
    const space = glue(spaceW * sp.width, spaceW * sp.stretch, spaceW * sp.shrink);
    let start = 0;
    for (let j = 0; j <= text.length; j++) {
      const code = j < text.length ? text.charCodeAt(j) : -1;
      if (code >= 0 && !isSpace(code)) continue;
      if (j > start) {
        segSource.push(i);
        segStart.push(start);
        segEnd.push(j);
      }
      start = j + 1;
      if (code < 0) break;
      flushWord();
      if (code === 0xad) {
        push(penalty(s.shaper.width('-', part.style, s.size * part.scale), s.hyphenPenalty, true));
      } else if (code === 0x2028) {
        // FORCED_BREAK
        push(glue(0, 1e5, 0));
        push(penalty(0, -INFINITY));
      } else if (code === 0x200b) {
        push(penalty(0, 0));
      } else if (code === 0xa0) {
        push(NO_BREAK);
        push(space);
      } else if (code >= 0x2002 && FIXED_SPACES[text[j]] !== undefined) {
        push(box(FIXED_SPACES[text[j]] * em * part.scale));
      } else {
        // Collapse runs of ordinary spaces.
        const n = items.length;
        if (n > 0 && items[n - 1].type === GLUE) continue;
        if (n === 0 || (n === 1 && s.indent > 0)) continue;
        push(space);
      }
    }
  }
  flushWord();
  // Trailing space is dropped; then TeX's \parfillskip and the final forced break.
  while (items.length && items[items.length - 1].type === GLUE) {
    items.pop();
    source.pop();
    from.pop();
    to.pop();
  }
  push(penalty(0, INFINITY));
  push(glue(0, 1e5, 0));
  push(penalty(0, -INFINITY));
  return { items, source, from, to };
}
