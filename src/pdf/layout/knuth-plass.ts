/**
 * Total-fit line breaking (Knuth and Plass, "Breaking Paragraphs into Lines", 1981).
 *
 * A paragraph is a list of boxes (things of fixed width), glue (space that stretches and shrinks) and
 * penalties (places to break at a cost; flagged ones add a hyphen). Among all ways of breaking it into
 * lines whose glue stretches at most `tolerance` allows, the breaker finds the one with the least total
 * demerits: each line's badness, the penalties it breaks at, two hyphenated lines in a row, a tight line
 * beside a loose one (fitness classes), a hyphen on the second-last line, a very short last line.
 *
 * Boxes may stretch and shrink a little too (font expansion, Hermann Zapf's hz-programme as pdfTeX does
 * it): a line's glyphs widen or narrow by at most their own stretch or shrink, and the spaces take the
 * rest. A line's ratio counts both, so up to 1 the glyphs and spaces share the adjustment; beyond 1 the
 * glyphs are at their limit and the ratio is the spaces' own.
 *
 * Active nodes are kept apart by line number, so one pass yields the best breaking for every line count
 * the paragraph can take: pagination can ask for a paragraph one line longer or shorter (TeX's
 * \looseness) without breaking it again.
 */

export const BOX = 0;
export const GLUE = 1;
export const PENALTY = 2;

/** One shape for every item (monomorphic objects keep the inner loop fast). */
export interface Item {
  type: typeof BOX | typeof GLUE | typeof PENALTY;
  width: number;
  stretch: number;
  shrink: number;
  penalty: number;
  flagged: boolean;
}

export const INFINITY = 10000;

/** Line counts kept apart at each breakpoint beyond the smallest. */
const LINE_SPREAD = 3;

/** A box; `stretch` and `shrink` are how far its glyphs may widen or narrow (font expansion). */
export const box = (width: number, stretch = 0, shrink = 0): Item => ({
  type: BOX,
  width,
  stretch,
  shrink,
  penalty: 0,
  flagged: false,
});
export const glue = (width: number, stretch: number, shrink: number): Item => ({
  type: GLUE,
  width,
  stretch,
  shrink,
  penalty: 0,
  flagged: false,
});
export const penalty = (width: number, cost: number, flagged = false): Item => ({
  type: PENALTY,
  width,
  stretch: 0,
  shrink: 0,
  penalty: cost,
  flagged,
});

export interface BreakOptions {
  /** Width of line `n` (0-based). */
  lineWidth: (line: number) => number;
  /** Largest badness allowed (100 × ratio³): 200 lets glue stretch to 1.26 × its stretchability. */
  tolerance: number;
  linePenalty: number;
  /** Added when two lines in a row end at flagged penalties (hyphens). */
  doubleHyphenDemerits: number;
  /** Added when the second-last line ends with a hyphen. */
  finalHyphenDemerits: number;
  /** Added when a line's fitness class differs by more than one from the line before. */
  adjacentDemerits: number;
  /** A last line whose text is narrower than this (points) costs `shortLastDemerits`, unless it is the only line. */
  minLastLine: number;
  shortLastDemerits: number;
  /** False ignores the discretionary hyphens (flagged penalties with a width): TeX's first pass. */
  hyphenate?: boolean;
}

export const DEFAULT_BREAK_OPTIONS: Omit<BreakOptions, 'lineWidth'> = {
  tolerance: 200,
  linePenalty: 10,
  doubleHyphenDemerits: 10000,
  finalHyphenDemerits: 5000,
  adjacentDemerits: 10000,
  minLastLine: 0,
  shortLastDemerits: 50000,
};

/** A way of breaking the paragraph. */
export interface Breaking {
  /** Index of the item each line ends at (a glue or penalty), the last being the final item. */
  breaks: number[];
  /** Adjustment ratio of each line: glue stretched (> 0) or shrunk (< 0) by this share of its elasticity. */
  ratios: number[];
  demerits: number;
}

interface Node {
  position: number;
  line: number;
  fitness: number;
  width: number;
  stretch: number;
  shrink: number;
  /** Totals of the boxes' expansion. */
  boxStretch: number;
  boxShrink: number;
  demerits: number;
  ratio: number;
  flagged: boolean;
  prev: Node | null;
}

function fitnessOf(r: number): number {
  if (r < -0.5) return 0;
  if (r <= 0.5) return 1;
  if (r <= 1) return 2;
  return 3;
}

/**
 * Breaks a paragraph. The item list must end with a forced break (penalty −∞), normally after a
 * "parfillskip" glue. Returns the best breaking per line count, or an empty map when no breaking keeps
 * every line within the tolerance (the caller may then retry with a higher one).
 */
export function breakParagraph(items: Item[], options: BreakOptions): Map<number, Breaking> {
  const n = items.length;
  // Running totals of width, glue stretch and shrink, box stretch and shrink: buffers shared by every call,
  // and made once for the passes over the same paragraph (items are never changed once made).
  if (summed !== items || summedLength !== n) {
    if (sumW.length < n + 1) growTotals(n + 1);
    sumW[0] = sumSt[0] = sumSh[0] = sumBSt[0] = sumBSh[0] = 0;
    for (let i = 0; i < n; i++) {
      const it = items[i];
      sumW[i + 1] = sumW[i] + (it.type === PENALTY ? 0 : it.width);
      sumSt[i + 1] = sumSt[i] + (it.type === GLUE ? it.stretch : 0);
      sumSh[i + 1] = sumSh[i] + (it.type === GLUE ? it.shrink : 0);
      sumBSt[i + 1] = sumBSt[i] + (it.type === BOX ? it.stretch : 0);
      sumBSh[i + 1] = sumBSh[i] + (it.type === BOX ? it.shrink : 0);
    }
    summed = items;
    summedLength = n;
  }
  const {
    hyphenate = true,
    tolerance,
    linePenalty,
    doubleHyphenDemerits,
    finalHyphenDemerits,
    adjacentDemerits,
    minLastLine,
    shortLastDemerits,
    lineWidth,
  } = options;
  const maxRatio = Math.cbrt(tolerance / 100);

  let active: Node[] = [
    {
      position: -1,
      line: 0,
      fitness: 1,
      width: 0,
      stretch: 0,
      shrink: 0,
      boxStretch: 0,
      boxShrink: 0,
      demerits: 0,
      ratio: 0,
      flagged: false,
      prev: null,
    },
  ];
  const widths: number[] = [];
  const finals: Node[] = [];
  // Reused at every breakpoint: the best candidate per (line, fitness) key, the keys in the order they were
  // made (a Map would do, but clearing one allocates a new table each time), and the next active list.
  const slot: (Node | undefined)[] = [];
  const keys: number[] = [];
  let next: Node[] = [];

  for (let b = 0; b < n; b++) {
    const item = items[b];
    let legal = false;
    if (item.type === PENALTY) legal = item.penalty < INFINITY && (hyphenate || !(item.flagged && item.width > 0));
    else if (item.type === GLUE) legal = b > 0 && items[b - 1].type === BOX;
    if (!legal) continue;
    const forced = item.type === PENALTY && item.penalty <= -INFINITY;
    const last = b === n - 1;

    // Best candidate per (line, fitness) ending here.
    for (const k of keys) slot[k] = undefined;
    keys.length = 0;
    next.length = 0;
    for (let ai = 0; ai < active.length; ai++) {
      const a = active[ai];
      const lineW = sumW[b] - a.width + (item.type === PENALTY ? item.width : 0);
      let target = widths[a.line];
      if (target === undefined) target = widths[a.line] = lineWidth(a.line);
      const r = adjustment(
        target - lineW,
        sumSt[b] - a.stretch,
        sumBSt[b] - a.boxStretch,
        sumSh[b] - a.shrink,
        sumBSh[b] - a.boxShrink,
      );

      if (r >= -1 && r <= maxRatio) {
        const ar = r < 0 ? -r : r;
        const badness = 100 * ar * ar * ar;
        let d = (linePenalty + badness) * (linePenalty + badness);
        if (item.type === PENALTY) {
          if (item.penalty >= 0) d += item.penalty * item.penalty;
          else if (!forced) d -= item.penalty * item.penalty;
        }
        const flagged = item.type === PENALTY && item.flagged;
        if (flagged && a.flagged) d += doubleHyphenDemerits;
        if (last && a.flagged) d += finalHyphenDemerits;
        const fitness = fitnessOf(r);
        if (a.line > 0 && Math.abs(fitness - a.fitness) > 1) d += adjacentDemerits;
        if (last && a.line > 0 && minLastLine > 0) {
          const text = lineW - (b > 0 && items[b - 1].type === GLUE ? items[b - 1].width : 0);
          if (text < minLastLine) d += shortLastDemerits;
        }
        const total = a.demerits + d;
        const key = (a.line + 1) * 4 + fitness;
        const best = slot[key];
        if (!best) {
          slot[key] = {
            position: b,
            line: a.line + 1,
            fitness,
            width: 0,
            stretch: 0,
            shrink: 0,
            boxStretch: 0,
            boxShrink: 0,
            demerits: total,
            ratio: r,
            flagged,
            prev: a,
          };
          keys.push(key);
        } else if (total < best.demerits) {
          // Nothing refers to a candidate yet: it is improved in place, not made again.
          best.demerits = total;
          best.ratio = r;
          best.prev = a;
        }
      }
      // A node stays active until a line from it would be overfull, or a forced break passes it.
      if (r >= -1 && !forced) next.push(a);
    }
    if (keys.length) {
      // Keep a few line counts apart (enough for looseness), not every count a long paragraph could reach.
      let minLine = Infinity;
      for (const k of keys) minLine = Math.min(minLine, slot[k]!.line);

      // Totals after the break: the glue and penalties that follow it vanish at the start of the next line.
      let at = item.type === PENALTY ? b : b + 1;
      for (let i = b; i < n; i++) {
        const it = items[i];
        if (it.type === BOX || (it.type === PENALTY && it.penalty <= -INFINITY && i > b)) break;
        at = i + 1;
      }
      for (const k of keys) {
        const c = slot[k]!;
        if (c.line > minLine + LINE_SPREAD) continue;
        c.width = sumW[at];
        c.stretch = sumSt[at];
        c.shrink = sumSh[at];
        c.boxStretch = sumBSt[at];
        c.boxShrink = sumBSh[at];
        next.push(c);
        if (last) finals.push(c);
      }
    }
    const swap = active;
    active = next;
    next = swap;
    if (active.length === 0) return new Map();
  }

  const result = new Map<number, Breaking>();
  for (const f of finals) {
    const have = result.get(f.line);
    if (have && have.demerits <= f.demerits) continue;
    const breaks: number[] = [];
    const ratios: number[] = [];
    for (let node: Node | null = f; node && node.position >= 0; node = node.prev) {
      breaks.push(node.position);
      ratios.push(node.ratio);
    }
    result.set(f.line, { breaks: breaks.reverse(), ratios: ratios.reverse(), demerits: f.demerits });
  }
  return result;
}

/**
 * The adjustment ratio of a line that is `extra` points short of its measure (negative: too long), given
 * the stretch and shrink of its glue and of its boxes. Up to ±1 both share it; a line that needs more
 * stretch than both give has its glyphs at their limit and the rest on the glue, and the ratio is the
 * glue's; a line that needs more shrink than both give is overfull (−INFINITY).
 */
export function adjustment(
  extra: number,
  glueStretch: number,
  boxStretch: number,
  glueShrink: number,
  boxShrink: number,
): number {
  if (extra > 0) {
    const all = glueStretch + boxStretch;
    if (extra <= all) return extra / all;
    return glueStretch > 0 ? 1 + (extra - all) / glueStretch : INFINITY;
  }
  if (extra < 0) {
    const all = glueShrink + boxShrink;
    return all > 0 && -extra <= all ? extra / all : -INFINITY;
  }
  return 0;
}

let sumW = new Float64Array(1024);
let sumSt = new Float64Array(1024);
let sumSh = new Float64Array(1024);
let sumBSt = new Float64Array(1024);
let sumBSh = new Float64Array(1024);
/** The items whose running totals the buffers hold. */
let summed: Item[] | undefined;
let summedLength = 0;

function growTotals(size: number): void {
  const length = Math.max(size, 2 * sumW.length);
  sumW = new Float64Array(length);
  sumSt = new Float64Array(length);
  sumSh = new Float64Array(length);
  sumBSt = new Float64Array(length);
  sumBSh = new Float64Array(length);
}

/** The breaking with the fewest demerits. */
export function bestBreaking(all: Map<number, Breaking>): Breaking | undefined {
  let best: Breaking | undefined;
  for (const b of all.values()) if (!best || b.demerits < best.demerits) best = b;
  return best;
}
