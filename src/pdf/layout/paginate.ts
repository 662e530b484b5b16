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
 * Footnotes take grid lines at the page's foot, under a rule line: a line that refers to a note goes on a page
 * only if its note can start there (at least two of its lines, or all of a shorter one); what does not fit
 * continues at the foot of the next page, before that page's own notes. A page holding notes may so end its
 * text above the notes with blank lines, at a cost, never leaving a note away from its reference.
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
  /** For each line, the grid lines of the footnotes it refers to; empty when the unit refers to none. */
  notes: number[];
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
  /** Grid lines the unit gains when it opens a page (a table row under the table's repeated head). */
  topLines: number;
  /** The variants as they are when the unit opens a page: `topLines` more lines first (none when 0). */
  atTop: UnitVariant[];
}

/**
 * A unit, always made here: every unit and variant then has one shape (and every `hyphenated` one kind of
 * array), and the paginator's inner loop stays monomorphic.
 */
export function flowUnit(
  variants: UnitVariant[],
  o: {
    minHead: number;
    minTail: number;
    keepWithNext?: boolean;
    discardable?: boolean;
    avoidPageEdge?: boolean;
    topLines?: number;
  },
): FlowUnit {
  const topLines = o.topLines ?? 0;
  return {
    variants,
    minHead: o.minHead,
    minTail: o.minTail,
    keepWithNext: o.keepWithNext ?? false,
    discardable: o.discardable ?? false,
    avoidPageEdge: o.avoidPageEdge ?? false,
    topLines,
    atTop: topLines > 0 ? variants.map((v) => withLinesBefore(v, topLines)) : variants,
  };
}

/**
 * White space of `lines` grid lines between blocks (round a block quote, verse, a heading). It vanishes
 * at a page break, and may take a line more, as a compositor opens up the space round a display to keep a
 * spread level when nothing else will (paragraphs with no looser or tighter setting, unhyphenated large
 * print above all).
 */
export function spaceUnit(lines: number): FlowUnit {
  return flowUnit([unitVariant(lines, 0), unitVariant(lines + 1, COSTS.spaceOpened)], {
    minHead: Infinity,
    minTail: Infinity,
    discardable: true,
  });
}

/** A variant with `extra` lines before its own (no hyphens, no notes on them). */
function withLinesBefore(v: UnitVariant, extra: number): UnitVariant {
  const lines = extra + v.lines;
  const pad = new Array<boolean>(extra).fill(false);
  const notes = v.notes.length ? [...new Array<number>(extra).fill(0), ...v.notes] : [];
  return { lines, cost: v.cost, hyphenated: [...pad, ...v.hyphenated], notes };
}

/**
 * A variant of `lines` lines; `hyphenated` says which end with a hyphen (none when absent), `notes` how many
 * grid lines of footnotes each line refers to (none when absent).
 */
export function unitVariant(
  lines: number,
  cost: number,
  hyphenated?: readonly boolean[],
  notes?: readonly number[],
): UnitVariant {
  const flags: boolean[] = [];
  for (let k = 0; k < lines; k++) flags.push(hyphenated?.[k] === true);
  const noteLines: number[] = [];
  if (notes?.some((h) => h > 0)) for (let k = 0; k < lines; k++) noteLines.push(notes[k] ?? 0);
  return { lines, cost, hyphenated: flags, notes: noteLines };
}

/** Lines of a footnote that must stand on the page of its reference when the rest continues overleaf. */
export const NOTE_HEAD = 2;

/** Where a line of a unit went: its page, and its line from the top of the page's text. */
export interface LineSlot {
  page: number;
  line: number;
}

/** A stretch of the footnotes a line refers to (lines `from` to `to` of them, together), on one page. */
export interface NotePiece {
  page: number;
  unit: number;
  /** The unit's line that refers to the notes. */
  line: number;
  from: number;
  to: number;
}

export interface Placement {
  /** The chosen variant of each unit, by index into its variants; -1 for a unit discarded at a break. */
  variant: number[];
  /** Page and line on the page of each unit's first line (for a discarded unit, where it would have been). */
  start: LineSlot[];
  /** Where each line of each unit went (empty for a discarded unit); for a unit that opened a page with
   * `topLines`, those lines come first. */
  slots: LineSlot[][];
  /** Units that opened a page and took their `topLines` there. */
  headed: boolean[];
  /** The footnotes at the foot of each page, in order; the rule above them is the page's first note line. */
  notes: NotePiece[];
  /** Grid lines the notes take at each page's foot, rule line included (0 for a page without notes). */
  noteLines: number[];
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
  /** A line more of space round a block quote, verse or heading: dearer than a short spread, cheaper than
   * an uneven one. */
  spaceOpened: 500_000_000,
  /** A page ending short of the page facing it. */
  unevenSpread: 1_000_000_000,
  /** Each line a short page leaves empty: when a page must be short, it is short by as little as it can. */
  shortPageLine: 20_000_000,
  /** Each line left blank above a page's footnotes, where the next line's note could not start on the page. */
  noteGap: 3_000_000,
  /** A footnote continued on the next page. */
  noteSplit: 5_000_000,
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
 * A state is (side, shortfall, notes, line): the side of the spread the current page is on (0 recto, 1
 * verso), how many lines short the current page must end (a recto facing a short verso), whether the page
 * holds footnotes already (their rule line is paid), and how many of its lines are taken, by text or notes.
 */
export function paginate(units: FlowUnit[], lines: number, firstLine: number): Placement {
  const n = units.length;
  const N = lines;
  const withNotes = units.some((u) => u.variants.some((v) => v.notes.length > 0));
  const dp = new Programme(n, N, withNotes ? 2 : 1);
  const { S, D, F } = dp;
  const best = dp.best;
  best[dp.stateOf(0, 0, 0, firstLine % N)] = 0;

  for (let i = 0; i < n; i++) {
    const u = units[i];
    const prevKeeps = i > 0 && units[i - 1].keepWithNext;
    dp.next = (i + 1) * S;
    for (let side = 0; side < 2; side++) {
      for (let short = 0; short <= D; short++) {
        const depth = N - short;
        for (let flag = 0; flag < F; flag++) {
          for (let p = 0; p < depth; p++) {
            const from = dp.stateOf(side, short, flag, p);
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
                  0,
                  COSTS.shortSpread + 2 * COSTS.shortPageLine * (N - p) + atTop,
                  Short.Spread,
                  false,
                );
              }
              dp.placeAll(
                u,
                from,
                base,
                side ^ 1,
                0,
                0,
                0,
                COSTS.unevenSpread + COSTS.shortPageLine * (depth - p) + atTop,
                Short.Uneven,
                false,
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
                dp.relax(
                  dp.stateOf(side ^ 1, 0, 0, 0),
                  base + COSTS.blankAtPageEnd * (depth - p),
                  -1,
                  from,
                  Short.None,
                );
                continue;
              }
            }
            dp.placeAll(
              u,
              from,
              base,
              side,
              short,
              flag,
              p,
              p === 0 ? topCost(u, prevKeeps) : 0,
              Short.None,
              prevKeeps,
            );
          }
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
  // Replay to find where each line goes and where each page ends.
  const start: LineSlot[] = [];
  const slots: LineSlot[][] = [];
  const headed: boolean[] = [];
  const record: Recording = { slots: [], notes: [], depths: [], noteLines: [] };
  const c = new Cursor();
  c.record = record;
  c.p = firstLine % N;
  c.depth = N;
  let shortPages = 0;
  let unevenSpreads = 0;
  let forcedBreaks = 0;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (shortBefore[i] === Short.Spread) {
      shortPages += 2;
      c.newPage(N, c.p);
    } else if (shortBefore[i] === Short.Uneven) {
      shortPages++;
      unevenSpreads++;
      c.newPage(N, N);
    }
    start.push({ page: c.page, line: c.p - c.notesHere });
    record.slots = [];
    slots.push(record.slots);
    if (variant[i] < 0) {
      if (c.p !== 0) c.newPage(N, N);
      headed.push(false);
      continue;
    }
    c.cost = 0;
    c.illegal = 0;
    c.prevKeeps = i > 0 && units[i - 1].keepWithNext;
    const top = c.p === 0 && u.topLines > 0;
    headed.push(top);
    walk(c, u, (top ? u.atTop : u.variants)[variant[i]], i, N);
    forcedBreaks += c.illegal;
  }
  if (c.p > 0) c.endPage(N);
  const { depths, noteLines } = record;
  const pages = Math.max(1, depths.length);
  for (let k = 0; k < pages; k++) noteLines[k] ??= 0;
  return {
    variant,
    start,
    slots,
    headed,
    notes: record.notes,
    noteLines,
    pages,
    depths,
    shortPages,
    unevenSpreads,
    forcedBreaks,
    cost: total,
  };
}

/** What the replay keeps of a walk: where lines and notes went, and each page's depth and notes. */
interface Recording {
  slots: LineSlot[];
  notes: NotePiece[];
  depths: number[];
  noteLines: number[];
}

/**
 * The place being filled, line by line: page, lines taken on it (text and notes), the page's depth, whether
 * its footnote rule is paid, and notes still to continue overleaf. One object, reused: the programme walks
 * a unit from every state.
 */
class Cursor {
  page = 0;
  p = 0;
  depth = 0;
  flag = 0;
  /** Lines of the current page taken by notes and their rule. */
  notesHere = 0;
  /** Footnote lines still to set, of the notes of line `carryLine` of unit `carryUnit`, from `carryFrom`. */
  carry = 0;
  carryUnit = 0;
  carryLine = 0;
  carryFrom = 0;
  pages = 0;
  cost = 0;
  illegal = 0;
  prevKeeps = false;
  record: Recording | null = null;

  /** Ends the page (recording its depth) and starts the next, `depth` deep, with any notes carried over. */
  newPage(N: number, depth: number): void {
    this.endPage(N);
    this.page++;
    this.pages++;
    this.depth = depth;
    this.p = 0;
    this.flag = 0;
    this.notesHere = 0;
    if (this.carry > 0) {
      const take = Math.min(this.carry, Math.max(1, depth - 1));
      this.record?.notes.push({
        page: this.page,
        unit: this.carryUnit,
        line: this.carryLine,
        from: this.carryFrom,
        to: this.carryFrom + take,
      });
      this.p = 1 + take;
      this.notesHere = 1 + take;
      this.flag = 1;
      this.carry -= take;
      this.carryFrom += take;
    }
  }

  /** A page with notes reaches its full depth (its notes stand at the foot); one without, as far as its text. */
  endPage(N: number): void {
    const r = this.record;
    if (!r) return;
    r.depths[this.page] = this.notesHere > 0 ? (this.p === 0 ? N : this.depth) : this.p;
    r.noteLines[this.page] = this.notesHere;
  }
}

/**
 * Places a unit's lines one at a time from the cursor: the slow path for units that refer to footnotes (and
 * the replay of every unit). A line whose notes cannot start on the page goes to the next page; notes that
 * do not fit continue there. Leaves the cursor after the unit, on the next page when the unit ends one.
 */
function walk(c: Cursor, u: FlowUnit, v: UnitVariant, unit: number, N: number): void {
  const L = v.lines;
  const notes = v.notes;
  const has = notes.length > 0;
  const rec = c.record;
  for (let j = 0; j < L; j++) {
    const h = has ? notes[j] : 0;
    const need = 1 + (h > 0 && c.flag === 0 ? 1 : 0) + Math.min(h, NOTE_HEAD);
    if (c.p + need > c.depth && c.p > 0) {
      // A page break before line j.
      if (j > 0) {
        if (j < u.minHead || L - j < u.minTail) c.illegal++;
        if (v.hyphenated[j - 1]) c.cost += COSTS.hyphenAtPageEnd;
      } else if (c.prevKeeps) c.illegal++;
      if (c.p < c.depth) c.cost += COSTS.noteGap * (c.depth - c.p);
      c.newPage(N, N);
      // Notes carried over may fill the page.
      while (c.p >= c.depth) c.newPage(N, N);
    }
    // The page's first note pays for the rule line above the notes.
    const rule = h > 0 && c.flag === 0 ? 1 : 0;
    rec?.slots.push({ page: c.page, line: c.p - c.notesHere });
    if (h === 0) c.p++;
    else if (c.p + 1 + rule + h <= c.depth) {
      rec?.notes.push({ page: c.page, unit, line: j, from: 0, to: h });
      c.p += 1 + rule + h;
      c.notesHere += rule + h;
      c.flag = 1;
    } else {
      // The note starts here and continues at the foot of the next page. It leaves room for the lines the
      // unit needs on this page to leave no orphan; the page then ends after them.
      const room = c.depth - c.p - 1 - rule;
      const reserve = Math.max(0, Math.min(u.minHead, L) - (j + 1));
      const first = Math.max(0, room - reserve >= NOTE_HEAD ? room - reserve : room);
      if (first < Math.min(h, NOTE_HEAD)) c.illegal++;
      c.cost += COSTS.noteSplit;
      if (first > 0) {
        rec?.notes.push({ page: c.page, unit, line: j, from: 0, to: first });
        c.notesHere += rule + first;
        c.flag = 1;
      }
      c.p = c.depth - (room - first);
      c.carry = h - first;
      c.carryUnit = unit;
      c.carryLine = j;
      c.carryFrom = first;
    }
  }
  if ((c.p >= c.depth || c.carry > 0) && L > 0) {
    // The unit ends the page.
    if (u.keepWithNext) c.illegal++;
    if (u.avoidPageEdge) c.cost += COSTS.ornamentAtEdge;
    if (v.hyphenated[L - 1]) c.cost += COSTS.hyphenAtPageEnd;
    c.p = Math.max(c.p, c.depth);
    while (c.p >= c.depth) c.newPage(N, N);
  }
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
  private readonly cursor = new Cursor();

  /** `F`: 2 when the chapter has footnotes (a page's notes flag), else 1. */
  constructor(
    units: number,
    readonly N: number,
    readonly F: number,
  ) {
    this.D = Math.min(MAX_SHORT, N - 1);
    this.S = 2 * (this.D + 1) * F * N;
    const size = (units + 1) * this.S;
    this.best = new Float64Array(size).fill(Infinity);
    this.chosenVariant = new Int16Array(size);
    this.chosenFrom = new Int32Array(size);
    this.chosenShort = new Uint8Array(size);
  }

  stateOf(side: number, short: number, flag: number, line: number): number {
    return ((side * (this.D + 1) + short) * this.F + flag) * this.N + line;
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
    flag: number,
    p: number,
    extra: number,
    kind: Short,
    prevKeeps: boolean,
  ): void {
    const N = this.N;
    const variants = p === 0 ? u.atTop : u.variants;
    for (let v = 0; v < variants.length; v++) {
      const variant = variants[v];
      if (variant.notes.length === 0) {
        const r = place(u, variant, p, N - short, N);
        const to =
          r.pages === 0 ? this.stateOf(side, short, flag, r.end) : this.stateOf(side ^ (r.pages & 1), 0, 0, r.end);
        this.relax(to, base + extra + r.cost + variant.cost, v, from, kind);
        continue;
      }
      const c = this.cursor;
      c.page = 0;
      c.pages = 0;
      c.p = p;
      c.depth = N - short;
      c.flag = flag;
      c.notesHere = 0;
      c.carry = 0;
      c.cost = 0;
      c.illegal = 0;
      c.prevKeeps = prevKeeps && p > 0;
      walk(c, u, variant, 0, N);
      const to =
        c.pages === 0 ? this.stateOf(side, short, c.flag, c.p) : this.stateOf(side ^ (c.pages & 1), 0, c.flag, c.p);
      this.relax(to, base + extra + c.cost + c.illegal * COSTS.forcedBreak + variant.cost, v, from, kind);
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
