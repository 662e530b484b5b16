/**
 * A paragraph of the model set into lines: its inlines become boxes, glue and penalties (with hyphenation
 * points and the breaks after explicit hyphens and dashes), the Knuth–Plass breaker chooses the breaks,
 * and each chosen line is composed into positioned glyph runs. Pure: fonts come in as a Shaper.
 */
import type { Inline } from '../../model/book.js';
import type { Hyphenator } from './hyphenate.js';
import {
  BOX,
  box,
  breakParagraph,
  DEFAULT_BREAK_OPTIONS,
  GLUE,
  glue,
  INFINITY,
  type BreakOptions,
  type Breaking,
  type Item,
  PENALTY,
  penalty,
} from './knuth-plass.js';
import type { ShapedRun, Shaper, TextStyle } from './shaper.js';

/** Text in one style: what a line is composed of. */
export interface StyledText {
  text: string;
  style: TextStyle;
  /** Size relative to the paragraph's (superscripts are smaller). */
  scale: number;
  /** Baseline shift in ems of the paragraph size (superscripts are raised). */
  rise: number;
}

/** A glyph run placed on a line: `x` from the line's left edge, in points. */
export interface Fragment {
  run: ShapedRun;
  x: number;
  size: number;
  rise: number;
  /** Width in points (at `hscale`). */
  width: number;
  /** Horizontal scale of the glyphs (font expansion of a justified line); 1 when absent. */
  hscale?: number;
}

export interface SetLine {
  fragments: Fragment[];
  /** Left edge of the line's text from the left of the measure (indents, centring). */
  left: number;
  /** Width from the first to the last pen position (the measure for a justified line). */
  width: number;
  /** The line ends with a hyphen the breaker added, or at an explicit hyphen. */
  hyphenated: boolean;
  /** Glue adjustment ratio (> 1 is loose, < 0 shrunk); 0 for lines set at natural width. */
  ratio: number;
}

export type Align = 'justify' | 'left' | 'center' | 'right';

export interface ParagraphSettings {
  shaper: Shaper;
  hyphenator: Hyphenator;
  /** Font size in points. */
  size: number;
  /** Width of the text block in points. */
  measure: number;
  /** First-line indent in points. */
  indent: number;
  align: Align;
  /** Number of words at the start set in small caps (a chapter's opening). */
  smallCapWords?: number;
  /** Interword glue in multiples of the font's own space: natural width, stretch, shrink. */
  space: { width: number; stretch: number; shrink: number };
  /** How far glyphs of a justified line may widen and narrow, as a share of their width (0.02 is 2 %). */
  expansion?: { stretch: number; shrink: number };
  /** Largest badness of the natural breaking's lines... */
  tolerance: number;
  /** ...and of the lines of a paragraph made a line longer or shorter for pagination. */
  loosenessTolerance: number;
  hyphenPenalty: number;
  explicitHyphenPenalty: number;
  /** Hyphenate capitalised words (names) too: the last resort before loose lines. */
  hyphenateNames?: boolean;
  /** Try without hyphenation first at this tolerance (TeX's \pretolerance); negative skips that pass. */
  pretolerance: number;
}

/**
 * The settings as one object shape, whatever spread made them (a settings object per call site would make
 * the breaker's reads polymorphic).
 */
function settingsShape(s: ParagraphSettings): ParagraphSettings {
  return {
    shaper: s.shaper,
    hyphenator: s.hyphenator,
    size: s.size,
    measure: s.measure,
    indent: s.indent,
    align: s.align,
    smallCapWords: s.smallCapWords ?? 0,
    space: s.space,
    expansion: s.expansion,
    tolerance: s.tolerance,
    loosenessTolerance: s.loosenessTolerance,
    hyphenPenalty: s.hyphenPenalty,
    explicitHyphenPenalty: s.explicitHyphenPenalty,
    hyphenateNames: s.hyphenateNames ?? false,
    pretolerance: s.pretolerance,
  };
}

/** Styled text, always made here: one object shape for every run. */
function styled(text: string, style: TextStyle, scale: number, rise: number): StyledText {
  return { text, style, scale, rise };
}

export interface SetParagraph {
  /** Line count of the best breaking. */
  natural: number;
  /** Every line count the paragraph can take within the tolerance, with the extra demerits it costs. */
  variants: Map<number, { demerits: number; hyphenated: boolean[] }>;
  /** Composes the lines of one variant (by line count). */
  lines(count: number): SetLine[];
}

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

/** Stands for a forced line break inside styled text. */
export const FORCED_BREAK = '\u2028';

/** Flattens inlines into styled text; a forced line break becomes FORCED_BREAK. */
export function styledText(inlines: Inline[], base: TextStyle = { face: 'regular', smallCaps: false }): StyledText[] {
  const out: StyledText[] = [];
  const walk = (nodes: Inline[], italic: boolean, bold: boolean, smallCaps: boolean, scale: number, rise: number) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'code':
          out.push(styled(node.value, { face: faceOf(italic, bold), smallCaps }, scale, rise));
          break;
        case 'lineBreak':
          out.push(styled(FORCED_BREAK, { face: faceOf(italic, bold), smallCaps }, scale, rise));
          break;
        case 'emphasis':
          walk(node.children, !italic, bold, smallCaps, scale, rise);
          break;
        case 'strong':
          walk(node.children, italic, true, smallCaps, scale, rise);
          break;
        case 'smallCaps':
          walk(node.children, italic, bold, true, scale, rise);
          break;
        case 'superscript':
          walk(node.children, italic, bold, smallCaps, scale * 0.68, rise + 0.33 * scale);
          break;
        case 'subscript':
          walk(node.children, italic, bold, smallCaps, scale * 0.68, rise - 0.15 * scale);
          break;
        case 'link':
          walk(node.children, italic, bold, smallCaps, scale, rise);
          break;
        case 'image':
          if (node.alt) out.push(styled(node.alt, { face: faceOf(italic, bold), smallCaps }, scale, rise));
          break;
      }
    }
  };
  walk(
    inlines,
    base.face === 'italic' || base.face === 'boldItalic',
    base.face === 'bold' || base.face === 'boldItalic',
    base.smallCaps,
    1,
    0,
  );
  return out;
}

function faceOf(italic: boolean, bold: boolean): TextStyle['face'] {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

const LETTER = /\p{L}/u;
/** Spaces and the invisible characters that end a word: ` \t\n\r`, no-break, zero-width, soft hyphen,
 * the fixed-width spaces U+2002–U+200A and U+202F, and FORCED_BREAK. */
function isSpace(code: number): boolean {
  return code <= 32
    ? code === 32 || code === 9 || code === 10 || code === 13
    : code === 0xa0 || code === 0xad || (code >= 0x2002 && code <= 0x200b) || code === 0x202f || code === 0x2028;
}

/** Sets the small-cap opening: the first `words` words of the text switch to small caps. */
function withSmallCaps(parts: StyledText[], words: number): StyledText[] {
  const out: StyledText[] = [];
  let seen = 0;
  let inWord = false;
  for (const part of parts) {
    if (seen >= words) {
      out.push(part);
      continue;
    }
    let cut = part.text.length;
    for (let i = 0; i < part.text.length; i++) {
      const space = isSpace(part.text.charCodeAt(i));
      if (inWord && space) {
        seen++;
        if (seen >= words) {
          cut = i;
          break;
        }
      }
      inWord = !space;
    }
    out.push(styled(part.text.slice(0, cut), { face: part.style.face, smallCaps: true }, part.scale, part.rise));
    if (cut < part.text.length) out.push(styled(part.text.slice(cut), part.style, part.scale, part.rise));
  }
  return out.filter((p) => p.text.length > 0);
}

/** Small capitals drawn from capitals at this size, for a face without `smcp`. */
const SYNTHETIC_SMALL_CAPS = 0.8;

/**
 * Small-cap text in a face that has no small capitals: lowercase letters become capitals at 80 % size,
 * capitals stay as they are (what a compositor did before OpenType).
 */
export function synthesiseSmallCaps(parts: StyledText[], shaper: Shaper): StyledText[] {
  if (!parts.some((p) => p.style.smallCaps && !shaper.hasSmallCaps(p.style.face))) return parts;
  const out: StyledText[] = [];
  for (const part of parts) {
    if (!part.style.smallCaps || shaper.hasSmallCaps(part.style.face)) {
      out.push(part);
      continue;
    }
    const style: TextStyle = { face: part.style.face, smallCaps: false };
    for (const m of part.text.matchAll(/(\p{Ll}+)|([^\p{Ll}]+)/gu)) {
      if (m[1]) out.push(styled(m[1].toUpperCase(), style, part.scale * SYNTHETIC_SMALL_CAPS, part.rise));
      else out.push(styled(m[2], style, part.scale, part.rise));
    }
  }
  return out;
}

interface Built {
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

const wordCaches = new WeakMap<Shaper, Map<string, Map<string, WordItems>>>();

/** The word cache for one style and setting; found once per run of text, not per word. */
function wordCache(part: StyledText, s: ParagraphSettings, hyphenate: boolean): Map<string, WordItems> {
  let caches = wordCaches.get(s.shaper);
  if (!caches) {
    caches = new Map();
    wordCaches.set(s.shaper, caches);
  }
  const key = `${part.style.face}${part.style.smallCaps ? 1 : 0}|${s.size * part.scale}|${s.expansion ? `${s.expansion.stretch}/${s.expansion.shrink}` : ''}|${hyphenate ? (s.hyphenator.patterns ?? '-') : ''}${s.hyphenateNames ? '+names' : ''}|${s.hyphenPenalty}|${s.explicitHyphenPenalty}`;
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

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
      if (text[i] !== '\u2014' && text[i] !== ',' && text[i] !== '.') cuts.push({ at: i, kind: 'dash' });
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
function buildItems(parts: StyledText[], s: ParagraphSettings, hyphenate: boolean): Built {
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

/** Sets a paragraph (justified with Knuth–Plass; ragged alignments line by line). */
export function setParagraph(inlines: Inline[], given: ParagraphSettings, base?: TextStyle): SetParagraph {
  const s = settingsShape(given);
  let parts = styledText(inlines, base);
  if (s.smallCapWords) parts = withSmallCaps(parts, s.smallCapWords);
  parts = synthesiseSmallCaps(parts, s.shaper);
  if (s.align !== 'justify') return setRagged(parts, s);

  const opts = { ...DEFAULT_BREAK_OPTIONS, lineWidth: () => s.measure, minLastLine: 1.5 * s.size };
  const built = buildItems(parts, s, true);
  if (built.items.length > LONG_PARAGRAPH) {
    const long = breakLong(built.items, opts, s.loosenessTolerance);
    return finish(parts, s, [[built, new Map([[long.breaks.length, long]])]]);
  }
  const passes: [Built, Map<number, Breaking>][] = [];
  // First without hyphens, as TeX does (\pretolerance): a paragraph that sets well without them gets none.
  if (s.pretolerance >= 0)
    passes.push([built, breakParagraph(built.items, { ...opts, tolerance: s.pretolerance, hyphenate: false })]);
  // Then with hyphenation, up to the looseness tolerance: more line counts for pagination to choose from.
  let all = breakParagraph(built.items, { ...opts, tolerance: s.loosenessTolerance, hyphenate: true });
  if (all.size) passes.push([built, all]);
  else {
    // Nothing sets well: hyphenate names too (at a higher price) before letting spaces grow.
    const names = settingsShape({ ...s, hyphenateNames: true, hyphenPenalty: s.hyphenPenalty * 3 });
    const withNames = buildItems(parts, names, true);
    for (const tolerance of [s.loosenessTolerance, 5000, Infinity]) {
      all = breakParagraph(withNames.items, { ...opts, tolerance, hyphenate: true });
      if (all.size) {
        passes.push([withNames, all]);
        break;
      }
    }
  }
  return finish(parts, s, passes);
}

/** Items beyond which a paragraph is broken in windows (a paragraph of several pages, or a pasted file). */
const LONG_PARAGRAPH = 6000;
const WINDOW = 3000;

/**
 * Breaks a very long paragraph window by window: each window is broken as if it ended the paragraph, and
 * all but its last lines are kept. Time and memory stay linear; the lines differ from a whole-paragraph
 * breaking only near window ends, and only a little.
 */
function breakLong(items: Item[], opts: BreakOptions, tolerance: number): Breaking {
  const breaks: number[] = [];
  const ratios: number[] = [];
  let demerits = 0;
  let start = 0;
  const tail = [penalty(0, INFINITY), glue(0, 1e5, 0), penalty(0, -INFINITY)];
  for (;;) {
    while (start < items.length && items[start].type !== BOX) start++;
    const last = start + WINDOW >= items.length;
    const sub = last ? items.slice(start) : [...items.slice(start, start + WINDOW), ...tail];
    let r: Breaking | undefined;
    for (const t of [tolerance, 5000, Infinity]) {
      const all = breakParagraph(sub, { ...opts, tolerance: t, hyphenate: true });
      r = [...all.values()].sort((a, b) => a.demerits - b.demerits)[0];
      if (r) break;
    }
    const keep = last ? r!.breaks.length : Math.max(1, r!.breaks.length - 3);
    for (let i = 0; i < keep; i++) {
      breaks.push(start + r!.breaks[i]);
      ratios.push(r!.ratios[i]);
    }
    demerits += r!.demerits;
    if (last) break;
    start = start + r!.breaks[keep - 1] + 1;
  }
  return { breaks, ratios, demerits };
}

/** Packs the breakings into a SetParagraph; earlier passes win for the line counts they reach. */
function finish(parts: StyledText[], s: ParagraphSettings, passes: [Built, Map<number, Breaking>][]): SetParagraph {
  const source = new Map<number, [Built, Breaking]>();
  for (const [built, all] of passes)
    for (const [count, b] of all) if (!source.has(count)) source.set(count, [built, b]);
  // The natural breaking: the best of the first pass that found any, keeping within `tolerance` if it can.
  const first = passes.find(([, all]) => all.size > 0)!;
  const maxRatio = Math.cbrt(s.tolerance / 100);
  let natural = 0;
  let best = Infinity;
  for (const strict of [true, false]) {
    for (const [count, b] of first[1]) {
      if (strict && b.ratios.some((r) => r > maxRatio)) continue;
      if (b.demerits < best) {
        best = b.demerits;
        natural = count;
      }
    }
    if (natural) break;
  }
  const variants = new Map<number, { demerits: number; hyphenated: boolean[] }>();
  for (const [count, [built, b]] of source)
    variants.set(count, { demerits: Math.max(0, b.demerits - best), hyphenated: hyphenFlags(built, b) });
  return {
    natural,
    variants,
    lines(count: number): SetLine[] {
      const [built, b] = source.get(count) ?? source.get(natural)!;
      return composeLines(parts, s, built, b, true);
    },
  };
}

function hyphenFlags(built: Built, b: Breaking): boolean[] {
  return b.breaks.map((i) => built.items[i].type === PENALTY && built.items[i].flagged);
}

/** Builds the glyph runs of each line of a breaking and places them. */
function composeLines(
  parts: StyledText[],
  s: ParagraphSettings,
  built: Built,
  breaking: Breaking,
  justified: boolean,
): SetLine[] {
  const { items, source, from, to } = built;
  const lines: SetLine[] = [];
  let start = 0;
  for (let li = 0; li < breaking.breaks.length; li++) {
    const end = breaking.breaks[li];
    const last = li === breaking.breaks.length - 1;
    const brk = items[end];
    const forced = brk.type === PENALTY && brk.penalty <= -INFINITY;
    // Skip what vanishes at the start of a line.
    while (start < end && items[start].type !== BOX) start++;
    type Slot =
      | { kind: 'text'; source: number; from: number; to: number }
      | { kind: 'space'; width: number; stretch: number; shrink: number }
      | { kind: 'fixed'; width: number };
    const slots: Slot[] = [];
    for (let i = start; i < end; i++) {
      const it = items[i];
      if (it.type === BOX) {
        const prev = slots[slots.length - 1];
        const src = source[i];
        if (src >= 0 && prev && prev.kind === 'text' && prev.source === src && prev.to === from[i]) prev.to = to[i];
        else if (src >= 0) slots.push({ kind: 'text', source: src, from: from[i], to: to[i] });
        else slots.push({ kind: 'fixed', width: it.width });
      } else if (it.type === GLUE && it.stretch < 1e4) {
        slots.push({ kind: 'space', width: it.width, stretch: it.stretch, shrink: it.shrink });
      }
    }
    // Trailing spaces before a forced break do not count.
    while (slots.length && slots[slots.length - 1].kind === 'space') slots.pop();
    const hyphen = brk.type === PENALTY && brk.flagged && brk.width > 0;
    const fragments: Fragment[] = [];
    let natural = 0;
    let stretch = 0;
    let shrink = 0;
    let lastTextSource = -1;
    for (const slot of slots) {
      if (slot.kind === 'text') {
        const part = parts[slot.source];
        const run = s.shaper.shape(part.text.slice(slot.from, slot.to), part.style);
        const size = s.size * part.scale;
        const w = (run.width * size) / s.shaper.unitsPerEm(part.style.face);
        // hscale from the start: every fragment has one shape (one added later makes the renderer's reads
        // polymorphic).
        fragments.push({ run, x: 0, size, rise: part.rise * s.size, width: w, hscale: 1 });
        natural += w;
        lastTextSource = slot.source;
      } else {
        natural += slot.width;
        stretch += slot.kind === 'space' ? slot.stretch : 0;
        shrink += slot.kind === 'space' ? slot.shrink : 0;
      }
    }
    if (hyphen && lastTextSource >= 0) {
      const part = parts[lastTextSource];
      const run = s.shaper.shape('-', part.style);
      const size = s.size * part.scale;
      const w = (run.width * size) / s.shaper.unitsPerEm(part.style.face);
      slots.push({ kind: 'text', source: lastTextSource, from: -1, to: -1 });
      fragments.push({ run, x: 0, size, rise: part.rise * s.size, width: w, hscale: 1 });
      natural += w;
    }
    const justify = justified && !last && !forced;
    const extra = s.measure - natural;
    // A last line is set at its natural spacing, unless the breaker counted on it shrinking.
    const { glue: ratio, glyphs: hscale } =
      justify || extra < 0
        ? lineAdjustment(extra, stretch, shrink, textWidth(fragments), s.expansion)
        : { glue: 0, glyphs: 1 };
    if (hscale !== 1) {
      for (const fr of fragments) {
        fr.width *= hscale;
        fr.hscale = hscale;
      }
    }
    let x = 0;
    let f = 0;
    for (const slot of slots) {
      if (slot.kind === 'text') {
        fragments[f].x = x;
        x += fragments[f].width;
        f++;
      } else if (slot.kind === 'space') {
        x += slot.width + (ratio > 0 ? ratio * slot.stretch : ratio * slot.shrink);
      } else x += slot.width;
    }
    lines.push({ fragments, left: 0, width: x, hyphenated: brk.type === PENALTY && brk.flagged, ratio });
    start = end + 1;
  }
  return lines;
}

function textWidth(fragments: Fragment[]): number {
  let w = 0;
  for (const f of fragments) w += f.width;
  return w;
}

/**
 * How a line `extra` points short of its measure (negative: too long) is adjusted: the ratio of its
 * spaces' stretch or shrink, and the horizontal scale of its glyphs. As in the breaker (`adjustment`),
 * glyphs and spaces share the adjustment up to the glyphs' limit; beyond it the spaces take the rest.
 */
export function lineAdjustment(
  extra: number,
  stretch: number,
  shrink: number,
  text: number,
  expansion?: { stretch: number; shrink: number },
): { glue: number; glyphs: number } {
  const xs = (expansion?.stretch ?? 0) * text;
  const xk = (expansion?.shrink ?? 0) * text;
  if (extra > 0) {
    if (extra <= stretch + xs) {
      const r = extra / (stretch + xs);
      return { glue: r, glyphs: 1 + (r * xs) / Math.max(text, 1e-9) };
    }
    return { glue: stretch > 0 ? (extra - xs) / stretch : 0, glyphs: 1 + xs / Math.max(text, 1e-9) };
  }
  if (extra < 0 && shrink + xk > 0) {
    const r = Math.max(-1, extra / (shrink + xk));
    return { glue: r, glyphs: 1 + (r * xk) / Math.max(text, 1e-9) };
  }
  return { glue: 0, glyphs: 1 };
}

/** Centred, flush-left or flush-right lines, filled greedily (display text, verse, centred paragraphs). */
function setRagged(parts: StyledText[], s: ParagraphSettings): SetParagraph {
  const settings = settingsShape({ ...s, indent: 0 });
  const built = buildItems(parts, settings, false);
  const { items } = built;
  const breaks: number[] = [];
  let width = 0; // natural width since the line start
  let lastFit = -1;
  let atLineStart = true;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (atLineStart && it.type !== BOX && !(it.type === PENALTY && it.penalty <= -INFINITY)) continue;
    atLineStart = false;
    const legal = (it.type === PENALTY && it.penalty < INFINITY) || (it.type === GLUE && items[i - 1]?.type === BOX);
    if (legal) {
      const w = width + (it.type === PENALTY ? it.width : 0);
      if (w > s.measure && lastFit >= 0) {
        // Break at the last point that fitted and measure again from there.
        breaks.push(lastFit);
        i = lastFit;
        width = 0;
        lastFit = -1;
        atLineStart = true;
        continue;
      }
      if (it.type === PENALTY && it.penalty <= -INFINITY) {
        breaks.push(i);
        width = 0;
        lastFit = -1;
        atLineStart = true;
        continue;
      }
      lastFit = i;
    }
    if (it.type !== PENALTY && it.stretch < 1e4) width += it.width;
  }
  const breaking: Breaking = { breaks, ratios: breaks.map(() => 0), demerits: 0 };
  const lines = composeLines(parts, settings, built, breaking, false).map((line) => ({
    ...line,
    left: s.align === 'center' ? (s.measure - line.width) / 2 : s.align === 'right' ? s.measure - line.width : 0,
  }));
  const flags = lines.map((l) => l.hyphenated);
  return {
    natural: lines.length,
    variants: new Map([[lines.length, { demerits: 0, hyphenated: flags }]]),
    lines: () => lines,
  };
}
