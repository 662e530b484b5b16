/** A chosen breaking composed into lines of positioned glyph runs: justified, with font expansion, or ragged. */
import { BOX, GLUE, INFINITY, PENALTY, type Breaking } from './knuth-plass.js';
import type { Built } from './items.js';
import { lineMeasure, type ParagraphSettings } from './settings.js';
import type { ShapedRun } from './shaper.js';
import type { StyledText } from './styled-text.js';

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

/** Builds the glyph runs of each line of a breaking and places them. */
export function composeLines(
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
    const extra = lineMeasure(s, li) - natural;
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
    lines.push({
      fragments,
      left: s.cutout && li < s.cutout.lines ? s.cutout.width : 0,
      width: x,
      hyphenated: brk.type === PENALTY && brk.flagged,
      ratio,
    });
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
