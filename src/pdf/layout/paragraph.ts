/**
 * A paragraph of the model set into lines: its inlines become styled text (styled-text.ts), the text
 * becomes boxes, glue and penalties (items.ts), the Knuth–Plass breaker chooses the breaks (knuth-plass.ts),
 * and each chosen line is composed into positioned glyph runs (compose.ts). Pure: fonts come in as a
 * Shaper, which also owns the cache of words' items.
 */
import type { Inline, Note } from '../../model/book.js';
import { composeLines, type SetLine } from './compose.js';
import { restoreLines, saveLines, type SavedParagraph } from './memo.js';
import { buildItems, type Built } from './items.js';
import {
  BOX,
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
import { lineMeasure, settingsShape, type ParagraphSettings } from './settings.js';
import type { TextStyle } from './shaper.js';
import { styledText, synthesiseSmallCaps, withSmallCaps, type StyledText } from './styled-text.js';

export type { Fragment, SetLine } from './compose.js';
export { lineAdjustment } from './compose.js';
export type { Align, ParagraphSettings } from './settings.js';
export { FORCED_BREAK, styledText, synthesiseSmallCaps, type StyledText } from './styled-text.js';

export interface SetParagraph {
  /** Line count of the best breaking. */
  natural: number;
  /** Every line count the paragraph can take within the tolerance, with the extra demerits it costs. */
  variants: Map<number, { demerits: number; hyphenated: boolean[] }>;
  /** Composes the lines of one variant (by line count). */
  lines(count: number): SetLine[];
  /** The notes the paragraph refers to (first references), each with the line of its reference in a variant. */
  notes(count: number): { note: Note; line: number }[];
}

/**
 * Sets a paragraph (justified with Knuth–Plass; ragged alignments line by line). A paragraph an earlier
 * build set with the same text and settings comes from the shaper's memo (the build cache) instead.
 */
export function setParagraph(inlines: Inline[], given: ParagraphSettings, base?: TextStyle): SetParagraph {
  const s = settingsShape(given);
  let parts = styledText(inlines, base);
  if (s.cutout?.chars) parts = withoutLeading(parts, s.cutout.chars);
  if (s.smallCapWords) parts = withSmallCaps(parts, s.smallCapWords);
  parts = synthesiseSmallCaps(parts, s.shaper);
  const key = paragraphKey(parts, s);
  const memo = s.shaper.paragraphs;
  const saved = memo.take(key);
  if (saved) return fromSaved(key, saved, parts, s, () => setParts(parts, s));
  const set = setParts(parts, s);
  return remembered(set, parts, s, key);
}

/** What a paragraph's setting depends on besides the fonts and the build: its styled text and settings. */
function paragraphKey(parts: StyledText[], s: ParagraphSettings): string {
  let key =
    `${s.size}|${s.measure}|${s.indent}|${s.align}|${s.smallCapWords}|${s.space.width},${s.space.stretch},` +
    `${s.space.shrink}|${s.expansion ? `${s.expansion.stretch},${s.expansion.shrink}` : ''}|${s.tolerance}|` +
    `${s.loosenessTolerance}|${s.hyphenPenalty}|${s.explicitHyphenPenalty}|${s.hyphenateNames}|${s.pretolerance}|` +
    `${s.hyphenator.patterns ?? ''}|${s.cutout ? `${s.cutout.lines},${s.cutout.width},${s.cutout.chars}` : ''}`;
  for (const p of parts)
    key += `\u0001${p.text}\u0002${p.style.face}${p.style.smallCaps ? 1 : 0},${p.scale},${p.rise},${p.note ? 1 : 0}`;
  return key;
}

/** The first references to notes in a variant, as (styled-text index, line) pairs. */
function notePairs(parts: StyledText[], refs: { note: Note; line: number }[]): number[] {
  return refs.flatMap((r) => [parts.findIndex((p) => p.note === r.note), r.line]);
}

/** A paragraph set now, recorded in the memo as pagination asks for its lines. */
function remembered(set: SetParagraph, parts: StyledText[], s: ParagraphSettings, key: string): SetParagraph {
  const withNotes = parts.some((p) => p.note);
  const counts = [...set.variants.keys()];
  const saved: SavedParagraph = {
    natural: set.natural,
    variants: [...set.variants].map(([count, v]) => [count, v.demerits, v.hyphenated]),
    notes: withNotes ? counts.map((c) => [c, notePairs(parts, set.notes(c))]) : [],
    lines: [],
  };
  s.shaper.paragraphs.keep(key, saved);
  return {
    natural: set.natural,
    variants: set.variants,
    notes: (count) => set.notes(count),
    lines(count: number): SetLine[] {
      const lines = set.lines(count);
      if (!saved.lines.some(([c]) => c === count)) {
        const kept = saveLines(lines, s.shaper);
        if (kept) s.shaper.paragraphs.addLines(key, saved, count, kept);
      }
      return lines;
    },
  };
}

/** A paragraph from the memo; a line count it did not keep is set afresh (and kept from then on). */
function fromSaved(
  key: string,
  saved: SavedParagraph,
  parts: StyledText[],
  s: ParagraphSettings,
  setNow: () => SetParagraph,
): SetParagraph {
  const variants = new Map(saved.variants.map(([count, demerits, hyphenated]) => [count, { demerits, hyphenated }]));
  let fresh: SetParagraph | undefined;
  // A count the paragraph cannot take gives its natural lines, as a fresh setting does.
  const known = (count: number) => (variants.has(count) ? count : saved.natural);
  return {
    natural: saved.natural,
    variants,
    notes(count: number) {
      const pairs = saved.notes.find(([c]) => c === known(count))?.[1] ?? [];
      const out: { note: Note; line: number }[] = [];
      for (let i = 0; i < pairs.length; i += 2) out.push({ note: parts[pairs[i]].note!, line: pairs[i + 1] });
      return out;
    },
    lines(count: number): SetLine[] {
      const kept = saved.lines.find(([c]) => c === count)?.[1];
      if (kept) return restoreLines(kept, s.shaper);
      fresh ??= setNow();
      const lines = fresh.lines(count);
      const again = saveLines(lines, s.shaper);
      if (again) s.shaper.paragraphs.addLines(key, saved, count, again);
      return lines;
    },
  };
}

/** Sets styled text into lines: justified with Knuth–Plass, ragged alignments line by line. */
function setParts(parts: StyledText[], s: ParagraphSettings): SetParagraph {
  if (s.align !== 'justify') return setRagged(parts, s);

  const opts = {
    ...DEFAULT_BREAK_OPTIONS,
    lineWidth: (line: number) => lineMeasure(s, line),
    minLastLine: 1.5 * s.size,
  };
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

/** The styled text without its first `chars` characters (those a drop cap sets). */
function withoutLeading(parts: StyledText[], chars: number): StyledText[] {
  const out: StyledText[] = [];
  let left = chars;
  for (const part of parts) {
    if (left <= 0) out.push(part);
    else if (part.text.length <= left) left -= part.text.length;
    else {
      out.push({ ...part, text: part.text.slice(left) });
      left = 0;
    }
  }
  return out;
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
    notes(count: number) {
      if (!parts.some((p) => p.note)) return [];
      const [built, b] = source.get(count) ?? source.get(natural)!;
      return noteLines(parts, built, b);
    },
  };
}

/** Each note marker of the text, with the line of a breaking it falls in. */
function noteLines(parts: StyledText[], built: Built, b: Breaking): { note: Note; line: number }[] {
  const out: { note: Note; line: number }[] = [];
  let line = 0;
  for (let i = 0; i < built.source.length; i++) {
    while (line < b.breaks.length - 1 && b.breaks[line] < i) line++;
    const src = built.source[i];
    const note = src >= 0 ? parts[src].note : undefined;
    if (note && !out.some((o) => o.note === note)) out.push({ note, line });
  }
  return out;
}

function hyphenFlags(built: Built, b: Breaking): boolean[] {
  return b.breaks.map((i) => built.items[i].type === PENALTY && built.items[i].flagged);
}

/**
 * Centred, flush-left or flush-right lines, filled greedily (display text, verse, centred paragraphs, a
 * manuscript's text); a flush-left paragraph keeps its first-line indent.
 */
function setRagged(parts: StyledText[], s: ParagraphSettings): SetParagraph {
  const settings = settingsShape({ ...s, indent: 0 });
  const indent = s.align === 'left' ? s.indent : 0;
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
      if (w > s.measure - (breaks.length === 0 ? indent : 0) && lastFit >= 0) {
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
  const lines = composeLines(parts, settings, built, breaking, false).map((line, k) => ({
    ...line,
    left:
      s.align === 'center'
        ? (s.measure - line.width) / 2
        : s.align === 'right'
          ? s.measure - line.width
          : k === 0
            ? indent
            : 0,
  }));
  const flags = lines.map((l) => l.hyphenated);
  const notes = parts.some((p) => p.note) ? noteLines(parts, built, breaking) : [];
  return {
    natural: lines.length,
    variants: new Map([[lines.length, { demerits: 0, hyphenated: flags }]]),
    lines: () => lines,
    notes: () => notes,
  };
}
