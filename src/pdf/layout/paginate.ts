/**
 * Page make-up of one chapter on a baseline grid of `lines` lines a page.
 *
 * Everything in the flow takes whole grid lines, so a full page is always exactly `lines` deep and facing
 * pages end on the same line. Within that, the chapter is a list of units (paragraphs, space, ornaments,
 * headings, figures), each with the line counts it can take: a paragraph its natural count and the counts
 * a looser or tighter breaking gives (TeX's \looseness), at the demerits that costs. A dynamic programme
 * over (unit, line on the page, side of the spread) chooses a count for every unit so that no page break
 * leaves a widow or an orphan, splits a heading from its text, puts a scene-break ornament at a page's edge
 * or ends a page on a hyphen, at the least total cost.
 *
 * When nothing else works, a page ends short, as a compositor would do it: a verso and the recto facing it
 * both a line short (a short spread, the two pages still level), and only if even that fails, one page short
 * of its neighbour.
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

/**
 * A unit, always made here: every unit and variant then has one shape (and every `hyphenated` one kind of
 * array), and the paginator's inner loop stays monomorphic.
 */
export function flowUnit(
  variants: UnitVariant[],
  o: { minHead: number; minTail: number; keepWithNext?: boolean; discardable?: boolean; avoidPageEdge?: boolean },
): FlowUnit {
  return {
    variants,
    minHead: o.minHead,
    minTail: o.minTail,
    keepWithNext: o.keepWithNext ?? false,
    discardable: o.discardable ?? false,
    avoidPageEdge: o.avoidPageEdge ?? false,
  };
}

/** A variant of `lines` lines; `hyphenated` says which end with a hyphen (none when absent). */
export function unitVariant(lines: number, cost: number, hyphenated?: readonly boolean[]): UnitVariant {
  const flags: boolean[] = [];
  for (let k = 0; k < lines; k++) flags.push(hyphenated?.[k] === true);
  return { lines, cost, hyphenated: flags };
}

export interface Placement {
  /** The chosen variant of each unit, by index into its variants; -1 for a unit discarded at a break. */
  variant: number[];
  /** Page and line on the page of each unit's first line (for a discarded unit, where it would have been). */
  start: { page: number; line: number }[];
  /** Pages the chapter takes. */
  pages: number;
  /** The grid line each page ends at: `lines` for a full page, fewer for a short one and the last page. */
  depths: number[];
  /** Pages that end short (in a short spread or alone; not the chapter's last), spreads whose pages end on
   * different lines, and breaks that could not be made legal. */
  shortPages: number;
  unevenSpreads: number;
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
  /** A verso and its recto both ending short, on the same line. */
  shortSpread: 30_000_000,
  /** A page ending short of the page facing it. */
  unevenSpread: 1_000_000_000,
  /** Each line a short page leaves empty: when a page must be short, it is short by as little as it can. */
  shortPageLine: 20_000_000,
  forcedBreak: 10_000_000_000,
};

/** Lines a page of a short spread may lack. */
const MAX_SHORT = 3;

enum Short {
  None = 0,
  /** The page before this unit ended short, and the next one is as short (a short verso and its recto). */
  Spread = 1,
  /** The page before this unit ended short of its facing page. */
  Uneven = 2,
}

/**
 * Places the units of a chapter. `firstLine` is where text may start on the chapter's first page (below the
 * chapter title), a recto; `lines` is the depth of a full page.
 *
 * A state is (side, shortfall, line): the side of the spread the current page is on (0 recto, 1 verso), how
 * many lines short the current page must end (a recto facing a short verso), and the next free line on it.
 */
export function paginate(units: FlowUnit[], lines: number, firstLine: number): Placement {
  const n = units.length;
  const N = lines;
  const dp = new Programme(n, N);
  const { S, D } = dp;
  const best = dp.best;
  best[dp.stateOf(0, 0, firstLine % N)] = 0;

  for (let i = 0; i < n; i++) {
    const u = units[i];
    const prevKeeps = i > 0 && units[i - 1].keepWithNext;
    dp.next = (i + 1) * S;
    for (let side = 0; side < 2; side++) {
      for (let short = 0; short <= D; short++) {
        const depth = N - short;
        for (let p = 0; p < depth; p++) {
          const from = dp.stateOf(side, short, p);
          const base = best[i * S + from];
          if (base === Infinity) continue;
          // The last resorts: end this page short and start the unit on the next one.
          if (p > 0) {
            const atTop = topCost(u, prevKeeps);
            if (side === 1 && short === 0 && N - p <= D) {
              dp.placeAll(
                u,
                from,
                base,
                0,
                N - p,
                0,
                COSTS.shortSpread + 2 * COSTS.shortPageLine * (N - p) + atTop,
                Short.Spread,
              );
            }
            dp.placeAll(
              u,
              from,
              base,
              side ^ 1,
              0,
              0,
              COSTS.unevenSpread + COSTS.shortPageLine * (depth - p) + atTop,
              Short.Uneven,
            );
          }
          if (u.discardable) {
            if (p === 0) {
              dp.relax(from, base, -1, from, Short.None);
              continue;
            }
            if (p + u.variants[0].lines >= depth) {
              // The space would reach the foot of the page: it vanishes there, leaving the page's last lines
              // blank before what it separated (a block quote, a heading), as TeX does.
              dp.relax(dp.stateOf(side ^ 1, 0, 0), base + COSTS.blankAtPageEnd * (depth - p), -1, from, Short.None);
              continue;
            }
          }
          dp.placeAll(u, from, base, side, short, p, p === 0 ? topCost(u, prevKeeps) : 0, Short.None);
        }
      }
    }
  }
  const { chosenVariant, chosenFrom, chosenShort } = dp;

  // The chapter's last page: one or two lines alone look lost.
  let end = -1;
  let total = Infinity;
  for (let st = 0; st < S; st++) {
    const p = st % N;
    const c = best[n * S + st] + (p === 1 || p === 2 ? COSTS.lonelyLastPage : 0);
    if (c < total) {
      total = c;
      end = st;
    }
  }

  // Walk back through the choices.
  const variant = new Array<number>(n);
  const shortBefore = new Array<Short>(n);
  for (let i = n, st = end; i > 0; i--) {
    variant[i - 1] = chosenVariant[i * S + st];
    shortBefore[i - 1] = chosenShort[i * S + st];
    st = chosenFrom[i * S + st];
  }
  // Replay to find where each unit starts and where each page ends.
  const start: { page: number; line: number }[] = [];
  const depths: number[] = [];
  let page = 0;
  let line = firstLine % N;
  let depth = N;
  let shortPages = 0;
  let unevenSpreads = 0;
  let forcedBreaks = 0;
  const endPage = (nextDepth: number) => {
    depths[page] = line;
    page++;
    line = 0;
    depth = nextDepth;
  };
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (shortBefore[i] === Short.Spread) {
      shortPages += 2;
      endPage(line);
    } else if (shortBefore[i] === Short.Uneven) {
      shortPages++;
      unevenSpreads++;
      endPage(N);
    }
    start.push({ page, line });
    if (variant[i] < 0) {
      if (line !== 0) endPage(N);
      continue;
    }
    const v = u.variants[variant[i]];
    forcedBreaks += place(u, v, line, depth, N).illegal;
    for (let k = 0; k < v.lines; k++) {
      line++;
      if (line === depth) endPage(N);
    }
  }
  if (line > 0) depths[page] = line;
  const pages = Math.max(1, depths.length);
  return { variant, start, pages, depths, shortPages, unevenSpreads, forcedBreaks, cost: total };
}

/**
 * The dynamic programme's tables. best[i * S + state]: the least cost to have placed units[0..i) and be in
 * that state; the choice that got there in three parallel arrays (no object per state). Methods rather than
 * closures made per chapter: the optimised code of the inner loop then serves every chapter.
 */
class Programme {
  readonly D: number;
  readonly S: number;
  readonly best: Float64Array;
  readonly chosenVariant: Int16Array;
  readonly chosenFrom: Int32Array;
  readonly chosenShort: Uint8Array;
  /** Where the row of the unit being placed starts: (i + 1) * S. */
  next = 0;

  constructor(
    units: number,
    readonly N: number,
  ) {
    this.D = Math.min(MAX_SHORT, N - 1);
    this.S = 2 * (this.D + 1) * N;
    const size = (units + 1) * this.S;
    this.best = new Float64Array(size).fill(Infinity);
    this.chosenVariant = new Int16Array(size);
    this.chosenFrom = new Int32Array(size);
    this.chosenShort = new Uint8Array(size);
  }

  stateOf(side: number, short: number, line: number): number {
    return (side * (this.D + 1) + short) * this.N + line;
  }

  relax(to: number, cost: number, variant: number, from: number, short: Short): void {
    const at = this.next + to;
    if (cost < this.best[at]) {
      this.best[at] = cost;
      this.chosenVariant[at] = variant;
      this.chosenFrom[at] = from;
      this.chosenShort[at] = short;
    }
  }

  /** Places every variant of the unit from line p of a page `short` lines short, on side `side`. */
  placeAll(
    u: FlowUnit,
    from: number,
    base: number,
    side: number,
    short: number,
    p: number,
    extra: number,
    kind: Short,
  ): void {
    const N = this.N;
    for (let v = 0; v < u.variants.length; v++) {
      const variant = u.variants[v];
      const r = place(u, variant, p, N - short, N);
      const to = r.pages === 0 ? this.stateOf(side, short, r.end) : this.stateOf(side ^ (r.pages & 1), 0, r.end);
      this.relax(to, base + extra + r.cost + variant.cost, v, from, kind);
    }
  }
}

/** Cost of a unit starting a page. */
function topCost(u: FlowUnit, prevKeeps: boolean): number {
  let c = 0;
  if (prevKeeps) c += COSTS.forcedBreak;
  if (u.avoidPageEdge) c += COSTS.ornamentAtEdge;
  return c;
}

/**
 * Places a unit's lines from line `p` of a page that ends at line `depth` (the pages after it end at `N`):
 * how many page breaks it crosses, the line it ends before, and what its page breaks cost.
 */
function place(u: FlowUnit, v: UnitVariant, p: number, depth: number, N: number): Placed {
  const L = v.lines;
  let cost = 0;
  let illegal = 0;
  // Page breaks inside the unit fall after line j (1 ≤ j < L) wherever p + j reaches a page's depth.
  for (let j = depth - p; j < L; j += N) {
    if (j < u.minHead || L - j < u.minTail) illegal++;
    if (v.hyphenated[j - 1]) cost += COSTS.hyphenAtPageEnd;
  }
  const after = p + L;
  const out = PLACED;
  out.illegal = illegal;
  if (after < depth) {
    out.pages = 0;
    out.end = after;
    out.cost = cost;
    return out;
  }
  if ((after - depth) % N === 0 && L > 0) {
    // The unit ends the page.
    if (u.keepWithNext) illegal++;
    if (u.avoidPageEdge) cost += COSTS.ornamentAtEdge;
    if (v.hyphenated[L - 1]) cost += COSTS.hyphenAtPageEnd;
  }
  out.pages = 1 + Math.floor((after - depth) / N);
  out.end = (after - depth) % N;
  out.cost = cost + illegal * COSTS.forcedBreak;
  out.illegal = illegal;
  return out;
}

interface Placed {
  pages: number;
  end: number;
  cost: number;
  illegal: number;
}

/** What `place` returns, reused: it runs for every state and variant, and is read at once. */
const PLACED: Placed = { pages: 0, end: 0, cost: 0, illegal: 0 };
