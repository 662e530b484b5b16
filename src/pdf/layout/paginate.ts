/**
 * Page make-up of one chapter on a baseline grid of `lines` lines a page.
 *
 * Everything in the flow takes whole grid lines, so a full page is always exactly `lines` deep and facing
 * pages end on the same line. Within that, the chapter is a list of units (paragraphs, space, ornaments,
 * headings, figures), each with the line counts it can take: a paragraph its natural count and the counts
 * a looser or tighter breaking gives (TeX's \looseness), at the demerits that costs. A dynamic programme
 * over (unit, line on the page) chooses a count for every unit so that no page break leaves a widow or an
 * orphan, splits a heading from its text, puts a scene-break ornament at a page's edge or ends a page on
 * a hyphen, at the least total cost. A short page is the last resort, and costs the most.
 */

export interface UnitVariant {
  lines: number;
  /** Extra cost over the unit's best setting (demerits of a looser or tighter breaking). */
  cost: number;
  /** For each line, whether it ends with a hyphen. */
  hyphenated: boolean[];
}

export interface FlowUnit {
  variants: UnitVariant[];
  /** Lines that must stay together at the start and at the end when a page break falls inside (2 and 2 for
   * a paragraph: no orphans, no widows); Infinity for a unit that never splits. */
  minHead: number;
  minTail: number;
  /** A page break must not follow this unit (a heading). */
  keepWithNext: boolean;
  /** White space that vanishes at a page break (space around a block quote). */
  discardable: boolean;
  /** Costs extra as a page's first or last line (a scene-break ornament). */
  avoidPageEdge: boolean;
}

export interface Placement {
  /** The chosen variant of each unit, by index into its variants; -1 for a unit discarded at a break. */
  variant: number[];
  /** Page and line on the page of each unit's first line (for a discarded unit, where it would have been). */
  start: { page: number; line: number }[];
  /** Pages the chapter takes. */
  pages: number;
  /** Pages that end short (the last resort), and breaks that could not be made legal. */
  shortPages: number;
  forcedBreaks: number;
  cost: number;
}

export const COSTS = {
  hyphenAtPageEnd: 300_000,
  ornamentAtEdge: 2_000_000,
  /** A chapter whose last page holds one or two lines. */
  lonelyLastPage: 1_000_000,
  /** Each paragraph set at other than its natural line count, beyond its demerits. */
  changedParagraph: 20_000,
  /** Each grid line left blank at a page's foot where space before a block quote or heading vanished. */
  blankAtPageEnd: 3_000_000,
  shortPage: 100_000_000,
  /** Each line a short page leaves empty: when a page must be short, it is short by as little as it can. */
  shortPageLine: 20_000_000,
  forcedBreak: 10_000_000_000,
};

interface Choice {
  variant: number;
  /** State this came from. */
  fromLine: number;
  /** A short page was ended before this unit. */
  short: boolean;
}

/**
 * Places the units of a chapter. `firstLine` is where text may start on the chapter's first page (below the
 * chapter title); `lines` is the depth of a full page.
 */
export function paginate(units: FlowUnit[], lines: number, firstLine: number): Placement {
  const n = units.length;
  const N = lines;
  // best[i][p]: least cost to have placed units[0..i) with the next line at p on its page.
  const best: Float64Array[] = [];
  const choice: (Choice | undefined)[][] = [];
  for (let i = 0; i <= n; i++) {
    best.push(new Float64Array(N).fill(Infinity));
    choice.push(new Array(N));
  }
  best[0][firstLine % N] = 0;

  for (let i = 0; i < n; i++) {
    const u = units[i];
    const prevKeeps = i > 0 && units[i - 1].keepWithNext;
    for (let p = 0; p < N; p++) {
      const base = best[i][p];
      if (base === Infinity) continue;
      const relax = (q: number, cost: number, variant: number, short: boolean) => {
        if (cost < best[i + 1][q]) {
          best[i + 1][q] = cost;
          choice[i + 1][q] = { variant, fromLine: p, short };
        }
      };
      // The last resort: end this page short and start the unit on the next one.
      if (p > 0) {
        const atTop = topCost(u, prevKeeps);
        for (let v = 0; v < u.variants.length; v++) {
          const r = place(u, u.variants[v], 0, N);
          relax(r.end, base + COSTS.shortPage + COSTS.shortPageLine * (N - p) + atTop + r.cost + u.variants[v].cost, v, true);
        }
      }
      if (u.discardable) {
        if (p === 0) {
          relax(0, base, -1, false);
          continue;
        }
        const L = u.variants[0].lines;
        if (p + L >= N) {
          // The space would reach the foot of the page: it vanishes there, leaving the page's last lines
          // blank before what it separated (a block quote, a heading), as TeX does.
          relax(0, base + COSTS.blankAtPageEnd * (N - p), -1, false);
          continue;
        }
      }
      const atTop = p === 0 ? topCost(u, prevKeeps) : 0;
      for (let v = 0; v < u.variants.length; v++) {
        const r = place(u, u.variants[v], p, N);
        relax(r.end, base + atTop + r.cost + u.variants[v].cost, v, false);
      }
    }
  }

  // The chapter's last page: one or two lines alone look lost.
  let end = -1;
  let total = Infinity;
  for (let p = 0; p < N; p++) {
    const c = best[n][p] + (p === 1 || p === 2 ? COSTS.lonelyLastPage : 0);
    if (c < total) {
      total = c;
      end = p;
    }
  }

  // Walk back through the choices.
  const variant = new Array<number>(n);
  const shortBefore = new Array<boolean>(n);
  for (let i = n, q = end; i > 0; i--) {
    const c = choice[i][q]!;
    variant[i - 1] = c.variant;
    shortBefore[i - 1] = c.short;
    q = c.fromLine;
  }
  // Replay to find where each unit starts.
  const start: { page: number; line: number }[] = [];
  let page = 0;
  let line = firstLine % N;
  let shortPages = 0;
  let forcedBreaks = 0;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (shortBefore[i]) {
      page++;
      line = 0;
      shortPages++;
    }
    start.push({ page, line });
    if (variant[i] < 0) {
      if (line !== 0) {
        page++;
        line = 0;
      }
      continue;
    }
    const v = u.variants[variant[i]];
    const r = place(u, v, line, N);
    forcedBreaks += r.illegal;
    const after = line + v.lines;
    page += Math.floor(after / N);
    line = after % N;
  }
  const pages = page + (line > 0 ? 1 : 0) || 1;
  return { variant, start, pages, shortPages, forcedBreaks, cost: total };
}

/** Cost of a unit starting a page. */
function topCost(u: FlowUnit, prevKeeps: boolean): number {
  let c = 0;
  if (prevKeeps) c += COSTS.forcedBreak;
  if (u.avoidPageEdge) c += COSTS.ornamentAtEdge;
  return c;
}

/** Places a unit's lines from line `p`: where it ends and what its page breaks cost. */
function place(u: FlowUnit, v: UnitVariant, p: number, N: number): { end: number; cost: number; illegal: number } {
  const L = v.lines;
  let cost = 0;
  let illegal = 0;
  // Page breaks inside the unit fall after line j (1 ≤ j < L) wherever p + j is a multiple of N.
  for (let j = N - p; j < L; j += N) {
    if (j < u.minHead || L - j < u.minTail) illegal++;
    if (v.hyphenated[j - 1]) cost += COSTS.hyphenAtPageEnd;
  }
  const after = p + L;
  if (after % N === 0 && L > 0) {
    // The unit ends the page.
    if (u.keepWithNext) illegal++;
    if (u.avoidPageEdge) cost += COSTS.ornamentAtEdge;
    if (v.hyphenated[L - 1]) cost += COSTS.hyphenAtPageEnd;
  }
  return { end: after % N, cost: cost + illegal * COSTS.forcedBreak, illegal };
}
