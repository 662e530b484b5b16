/**
 * The whole printed book laid out: front matter (half-title, title page, copyright page, dedication,
 * contents), chapters opening on rectos with a sunk title and a small-cap opening, body text made up into
 * pages by the paginator, running heads and folios. Pure: the model and the fonts in, pages of positioned
 * glyph runs out. The renderer only draws what this returns.
 */
import crypto from 'node:crypto';
import v8 from 'node:v8';
import { chapterHeadingParts, chapterLabel, type HeadingParts, type HeadingStyle } from '../../structure/chapters.js';
import { DEFAULT_DESIGN, type Design } from '../../design/index.js';
import { type DisplayStyle, romanNumeral } from '../../design/design.js';
import {
  blockNotes,
  bookWords,
  inlineRuns,
  isVerse,
  MATTER,
  openingMarks,
  standsAlone,
  type Note,
  type Asset,
  type Block,
  type Book,
  type Chapter,
  type Inline,
  type NotePlacement,
} from '../../model/book.js';
import type { Span } from '../../model/position.js';
import { pageGeometry, blockLeft, type Geometry, type Margins, type TrimSize } from './geometry.js';
import type { Hyphenator } from './hyphenate.js';
import { paginate, COSTS, flowUnit, spaceUnit, unitVariant, type FlowUnit, type UnitVariant } from './paginate.js';
import {
  FORCED_BREAK,
  setParagraph,
  styledText,
  type SetParagraph,
  type Align,
  type Fragment,
  type ParagraphSettings,
  type SetLine,
} from './paragraph.js';
import { type Memo, restorePlaced, type SavedChapter, savePlaced } from './memo.js';
import type { FaceName, Shaper, TextStyle } from './shaper.js';
import type { Cutout } from './settings.js';
import { setTable, type TableRow } from './table.js';

export interface PrintSettings {
  trim: TrimSize;
  bleed: boolean;
  fontSize: number;
  leading: number;
  margins?: Partial<Margins>;
  /** Space beyond the minimum gutter (a design's own page); the usual quarter inch when absent. */
  gutterEase?: number;
  /** Print a contents page. */
  contents: boolean;
  hyphenate: boolean;
  /** The book's title as the running heads show it, when the title is too long for them (book.yaml). */
  runningHead?: string;
  /** End on a blank page (IngramSpark prints its barcode on the last page). */
  blankLastPage?: boolean;
}

export type LineRole = 'body' | 'display' | 'head' | 'folio' | 'ornament';

/** A line on a page: `x` from the trimmed page's left edge, `y` its baseline from the top. */
export interface PlacedLine {
  x: number;
  y: number;
  fragments: Fragment[];
  role: LineRole;
  /** Text running down the page (tops of the letters to the right) or up it (tops to the left): a spine. */
  rotate?: 'down' | 'up';
  /** DeviceGray level of the text: 0 black (when absent), 1 white (on a dark cover). */
  gray?: number;
}

export interface PlacedImage {
  asset: string;
  x: number;
  /** Top edge from the top of the trimmed page. */
  y: number;
  width: number;
  height: number;
}

/** `contents` pages carry a folio but no running head, like chapter openings. */
export type PageKind = 'blank' | 'front' | 'contents' | 'opening' | 'text';

/** A black rule (the footnote rule): `y` its top edge from the top of the trimmed page. */
export interface PlacedRule {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidPage {
  recto: boolean;
  kind: PageKind;
  folio?: string;
  lines: PlacedLine[];
  images: PlacedImage[];
  rules?: PlacedRule[];
  /** The running heads of a page of notes, in place of the book's (title and author). */
  heads?: RunningHeads;
}

/** Running heads for a stretch of pages: the verso's and the recto's. */
export interface RunningHeads {
  verso: string;
  recto: string;
}

export interface LayoutStats {
  paragraphs: number;
  bodyLines: number;
  hyphenatedLines: number;
  /** Paragraphs set a line longer or shorter than their best breaking, to make pages work. */
  paragraphsRebroken: number;
  /** Pages ending above the full depth (not a chapter's last), and spreads whose two pages end on different lines. */
  shortPages: number;
  unevenSpreads: number;
  /** Page breaks that left a widow, an orphan or a lone heading because nothing else was possible. */
  forcedBreaks: number;
  /** Where the tables are whose longest words are wider than their columns even in the smallest type. */
  tablesTooWide: Span[];
  /** Running heads too long for the head line even shortened, left off their pages. */
  headsLeftOut: string[];
}

export interface LaidBook {
  geometry: Geometry;
  pages: LaidPage[];
  stats: LayoutStats;
}

export interface LayoutTools {
  shaper: Shaper;
  hyphenator: Hyphenator;
  /** Chapters laid out before on the same geometry (the build cache, and the first of two passes). */
  chapters?: Memo<SavedChapter<LaidPage, LayoutStats>>;
  /** Called after each body chapter is laid out (for a progress line). */
  progress?: (done: number, total: number) => void;
}

/** Lower-case Roman numerals, the front matter's folios. */
export function roman(n: number): string {
  return romanNumeral(n).toLowerCase();
}

const REGULAR: TextStyle = { face: 'regular', smallCaps: false };
const ITALIC: TextStyle = { face: 'italic', smallCaps: false };
const SMALL_CAPS: TextStyle = { face: 'regular', smallCaps: true };
/** The scene-break ornament: a fleuron, else an asterism, else three asterisks, as the face allows. */
/** The text style of a design's display line. */
function displayStyle(style: DisplayStyle): TextStyle {
  return style === 'display'
    ? { face: 'display', smallCaps: false }
    : style === 'italic'
      ? ITALIC
      : style === 'small-caps'
        ? SMALL_CAPS
        : REGULAR;
}

/** The first of some ornaments the text face has; else the first EB Garamond has, set in it (a design's fleuron). */
function ornamentGlyph(shaper: Shaper, choices: string[]): { text: string; style: TextStyle } | undefined {
  const inText = choices.find((text) => shaper.hasGlyph(text, 'regular'));
  if (inText) return { text: inText, style: REGULAR };
  const inSymbols = choices.find((text) => shaper.hasGlyph(text, 'symbol'));
  return inSymbols ? { text: inSymbols, style: { face: 'symbol', smallCaps: false } } : undefined;
}

/** Capitals for display: the text of some inlines upper-cased (a design's title case, not the writer's text). */
function upper(inlines: Inline[]): Inline[] {
  return inlines.map((n) =>
    n.type === 'text'
      ? { ...n, value: n.value.toUpperCase() }
      : 'children' in n
        ? ({ ...n, children: upper(n.children) } as Inline)
        : n,
  );
}
/** Notes (an author's note) are set at this share of the body size. */
const NOTE_SCALE = 0.88;
/** Footnotes at the foot of the page are set smaller still, on the page's baseline grid. */
const FOOTNOTE_SCALE = 0.87;
/** A table's rules, in points: above and below it, and under its head. */
const TABLE_RULES = { outer: 0.6, inner: 0.4 };
/** The footnote rule: its length as a share of the measure, and its weight in points. */
const FOOTNOTE_RULE = { share: 0.3, weight: 0.4 };
/** Space between a list marker and its item's text, in ems. */
const MARKER_GAP = 0.4;
const NO_HYPHENATION: Hyphenator = { patterns: undefined, points: () => [] };

const text = (value: string): Inline[] => [
  {
    type: 'text',
    value,
    pos: { file: '', start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } },
  },
];

/** A unit of flow with the lines of each of its variants. */
interface Flow {
  unit: FlowUnit;
  /** Lines of a variant, with x relative to the text block's left edge. */
  lines(variant: number): { x: number; fragments: Fragment[]; role: LineRole }[];
  /** Image drawn in the unit's first line slot. */
  image?: { asset: string; width: number; height: number; x: number };
  paragraph: boolean;
  /** The lines of the footnotes that line `line` of a variant refers to, one after the other. */
  notes?: (variant: number, line: number) => NoteLine[];
  /** Rules drawn with the unit (a table's), `dy` from its first line's baseline. */
  rules?: FlowRule[];
  /** A rule drawn above the unit when it opens a page (a table's row continuing it). */
  ruleAtTop?: FlowRule;
  /** What the unit sets instead when it opens a page and takes its `topLines` there (a table's head repeated
   * over a row): the lines before its own, and the rules in place of `rules` and `ruleAtTop`. */
  head?: { lines: { x: number; fragments: Fragment[]; role: LineRole }[]; rules: FlowRule[] };
}

interface FlowRule {
  x: number;
  dy: number;
  width: number;
  height: number;
}

/** A drop cap: its glyphs, lowered to the baseline of the last line it spans, and the room it takes. */
interface DropCap {
  lines: number;
  fragment: Fragment;
  cutout: Cutout;
}

/** The words a set line holds, counted by the spaces between its fragments (a hyphenated word's part counts). */
function firstLineWords(line: SetLine | undefined): number {
  if (!line?.fragments.length) return 0;
  let words = 1;
  const f = line.fragments;
  for (let i = 1; i < f.length; i++) if (f[i].x > f[i - 1].x + f[i - 1].width + 0.05) words++;
  return words;
}

/** A line of a footnote, x from the text block's left edge. */
interface NoteLine {
  x: number;
  fragments: Fragment[];
}

class ChapterBuilder {
  readonly flows: Flow[] = [];
  private indentNext = false;
  private firstParagraph = true;
  /** A paragraph's first-line indent, in ems of the body size. */
  private get indentEms(): number {
    return this.design.indent ?? 1;
  }
  /** Each footnote set once, at the footnotes' size on the full measure. */
  private readonly footnotes = new Map<Note, NoteLine[]>();

  constructor(
    private readonly assets: ImageSizes,
    private readonly g: Geometry,
    private readonly base: ParagraphSettings,
    readonly stats: LayoutStats,
    /** Footnotes go to the foot of their page (book.yaml `notes.print: foot`). */
    private readonly footnotesAtFoot = true,
    private readonly design: Design = DEFAULT_DESIGN,
  ) {}

  /** The paragraph after a scene break (its opening small capitals, when the design has them). */
  private afterBreak = false;

  blocks(blocks: Block[], inset: number, right: number): void {
    for (const b of blocks) this.block(b, inset, right);
  }

  /** Running heads in force from the next unit on: pages whose top lies after it carry them. */
  readonly marks: { flow: number; heads: RunningHeads }[] = [];

  mark(heads: RunningHeads): void {
    this.marks.push({ flow: this.flows.length, heads });
  }

  /**
   * A chapter's footnotes and endnotes after its text, in the notes' smaller size, each opening with its
   * marker (the print edition's notes at the chapter's end).
   */
  notes(notes: Note[], heads?: RunningHeads): void {
    if (!notes.length) return;
    this.space(2);
    if (heads) this.mark(heads);
    this.firstParagraph = false;
    this.scale = NOTE_SCALE;
    for (const note of notes) {
      this.indentNext = false;
      for (const b of markedNote(note)) this.block(b, 0, 0);
    }
    this.scale = 1;
  }

  /** Type size relative to the body's: notes are set smaller, and block quotes in some designs. */
  private scale = 1;
  /** Inside a block quote the design sets in italic. */
  private italic = false;

  /**
   * Verse: its lines as written, flush left, inset as the design says: by so many ems, or so that the
   * longest line is centred on the measure (never nearer the margin than an em).
   */
  private verse(children: Inline[], inset: number, measure: number): void {
    const em = this.g.fontSize;
    const v = this.design.quoted.verse;
    const base = this.italic || v.italic ? ITALIC : undefined;
    const left = v.left === 'centred' ? 2 * em : v.left * em;
    const s = this.settings({ measure: measure - left, indent: 0, align: 'left' });
    const set = hangOpeningQuote(setParagraph(children, s, base), this.base.shaper);
    // Centred: the block moved in so that its longest line (its letters) is centred on the measure.
    const widest = Math.max(0, ...set.lines(set.natural).map((l) => l.left + l.width));
    const at = v.left === 'centred' ? Math.max(em, (measure - widest) / 2) : left;
    this.paragraph(children, s, inset + at, {}, base, undefined, { set });
  }

  private settings(over: Partial<ParagraphSettings>): ParagraphSettings {
    return { ...this.base, ...(this.scale === 1 ? {} : { size: this.base.size * this.scale }), ...over };
  }

  private space(lines = 1): void {
    if (this.flows.length === 0) return;
    const last = this.flows[this.flows.length - 1];
    if (last.unit.discardable) return;
    this.flows.push({
      unit: spaceUnit(lines),
      lines: (v) => new Array(lines + v).fill(0).map(() => ({ x: 0, fragments: [], role: 'body' as const })),
      paragraph: false,
    });
  }

  private paragraph(
    inlines: Inline[],
    s: ParagraphSettings,
    inset: number,
    keep: Partial<Omit<FlowUnit, 'variants'>> = {},
    base?: TextStyle,
    marker?: string,
    opening?: { set: SetParagraph; cap?: DropCap; counts?: (count: number) => boolean },
  ): void {
    const set = opening?.set ?? setParagraph(inlines, s, base);
    this.stats.paragraphs++;
    const cap = opening?.cap;
    const counts = [...set.variants.keys()]
      .filter((c) => c === set.natural || (Math.abs(c - set.natural) <= 2 && (opening?.counts?.(c) ?? true)))
      .sort((a, b) => a - b);
    const variants: UnitVariant[] = counts.map((c) => {
      const v = set.variants.get(c)!;
      return unitVariant(c, v.demerits + (c === set.natural ? 0 : COSTS.changedParagraph), v.hyphenated);
    });
    const markerFragment = marker ? this.markerFragment(marker, s) : undefined;
    // Footnotes go to the foot of the page of their reference: each line says how many grid lines of notes
    // it brings.
    const refs = counts.map((c) =>
      this.footnotesAtFoot ? set.notes(c).filter((r) => r.note.kind === 'footnote') : [],
    );
    const withNotes = refs.some((r) => r.length > 0);
    const noteVariants = withNotes
      ? variants.map((v, k) => {
          const heights = new Array<number>(v.lines).fill(0);
          for (const r of refs[k]) heights[r.line] += this.footnote(r.note).length;
          return unitVariant(v.lines, v.cost, v.hyphenated, heights);
        })
      : variants;
    this.flows.push({
      // A drop cap's lines stay on one page.
      unit: flowUnit(noteVariants, { minHead: Math.max(2, cap?.lines ?? 0), minTail: 2, ...keep }),
      lines: (v) =>
        set.lines(counts[v]).map((line: SetLine, k) => ({
          x: inset + line.left,
          fragments:
            k === 0 && markerFragment
              ? [markerFragment, ...line.fragments]
              : k === 0 && cap
                ? [{ ...cap.fragment, x: -line.left }, ...line.fragments]
                : line.fragments,
          role: 'body' as const,
        })),
      paragraph: true,
      ...(withNotes
        ? {
            notes: (v: number, line: number) =>
              refs[v].filter((r) => r.line === line).flatMap((r) => this.footnote(r.note)),
          }
        : {}),
    });
  }

  /**
   * A footnote's lines: its marker raised before the first paragraph's text, every paragraph indented, in
   * the footnotes' size on the full measure, one grid line each (notes keep the page's register).
   */
  private footnote(note: Note): NoteLine[] {
    const known = this.footnotes.get(note);
    if (known) return known;
    const size = this.base.size * FOOTNOTE_SCALE;
    const out: NoteLine[] = [];
    const pos = note.pos;
    const runs = [...inlineRuns(note.blocks)];
    if (!runs.length) runs.push([]);
    runs.forEach((run, k) => {
      const inlines: Inline[] =
        k === 0
          ? [
              { type: 'superscript', children: [{ type: 'text', value: note.marker, pos }], pos },
              { type: 'text', value: '\u2009', pos },
              ...run,
            ]
          : run;
      const set = setParagraph(inlines, { ...this.base, size, measure: this.g.measure, indent: size });
      for (const line of set.lines(set.natural)) out.push({ x: line.left, fragments: line.fragments });
    });
    this.footnotes.set(note, out);
    return out;
  }

  /**
   * A table: its caption over it, then a unit per row (a row never splits; the head keeps with the first
   * row), centred in the measure, ruled above, under the head and below; a row that opens a page gets a
   * rule over it. Notes in a row's cells are the row's first line's.
   */
  private table(b: Extract<Block, { type: 'table' }>, inset: number, measure: number): void {
    if (!b.rows.length) return;
    const leading = this.g.leading;
    const t = setTable(b, this.settings({}), measure);
    this.space();
    if (t.tooWide) this.stats.tablesTooWide.push(b.pos);
    if (b.caption.length)
      this.paragraph(
        b.caption,
        this.settings({ measure, indent: 0, align: 'center' }),
        inset,
        { keepWithNext: true, minHead: Infinity, minTail: Infinity },
        ITALIC,
      );
    const left = inset + Math.max(0, (measure - t.width) / 2);
    const rule = (dy: number, height: number): FlowRule => ({ x: left, dy, width: t.width, height });
    // Rules between grid lines: under a baseline by a third of the leading, over one by two thirds.
    const above = -0.68 * leading;
    const below = 0.32 * leading;
    const rowLines = (row: TableRow) =>
      row.content.map((cells) => ({
        x: 0,
        fragments: cells.flatMap((c) => c.fragments.map((f) => ({ ...f, x: f.x + left + c.x }))),
        role: 'body' as const,
      }));
    // A row that opens a page under the table's head repeats the head over it, as long as the head is short
    // beside the page (a quarter of it at most).
    const headRows = t.rows.slice(0, t.heads);
    const headLines = headRows.reduce((n, row) => n + row.lines, 0);
    const repeat = headLines > 0 && headLines <= this.g.lines / 4;
    const repeated = repeat ? headRows.flatMap(rowLines) : [];
    t.rows.forEach((row, r) => {
      const rules: FlowRule[] = [];
      if (r === 0) rules.push(rule(above, TABLE_RULES.outer));
      if (row.head && r === t.heads - 1) rules.push(rule((row.lines - 1) * leading + below, TABLE_RULES.inner));
      if (r === t.rows.length - 1) rules.push(rule((row.lines - 1) * leading + below, TABLE_RULES.outer));
      const footnotes = this.footnotesAtFoot ? row.notes.filter((n) => n.kind === 'footnote') : [];
      const heights = footnotes.length ? [footnotes.reduce((h, n) => h + this.footnote(n).length, 0)] : undefined;
      const withHead = repeat && r >= t.heads;
      const own = rowLines(row);
      this.flows.push({
        unit: flowUnit([unitVariant(row.lines, 0, undefined, heights)], {
          minHead: Infinity,
          minTail: Infinity,
          keepWithNext: row.head,
          topLines: withHead ? headLines : 0,
        }),
        lines: () => own,
        paragraph: false,
        rules,
        ...(r > 0 ? { ruleAtTop: rule(above, TABLE_RULES.outer) } : {}),
        ...(withHead
          ? {
              head: {
                lines: repeated,
                rules: [
                  rule(above, TABLE_RULES.outer),
                  rule((headLines - 1) * leading + below, TABLE_RULES.inner),
                  ...rules.map((x) => ({ ...x, dy: x.dy + headLines * leading })),
                ],
              },
            }
          : {}),
        ...(footnotes.length ? { notes: () => footnotes.flatMap((n) => this.footnote(n)) } : {}),
      });
    });
    this.space();
    this.indentNext = false;
  }

  /**
   * A chapter's first paragraph (or the first after a scene break) as the design opens it: a drop cap
   * spanning its first lines, then words or the whole first line in small capitals. A paragraph too short
   * for the cap (fewer lines than it spans) opens with the small capitals alone; so does one that does not
   * start with a letter (after any opening quotes or brackets, which the cap takes with it).
   */
  private opening(inlines: Inline[], s: ParagraphSettings, chapterStart: boolean): void {
    const { dropCap, leadIn, capFace } = this.design.opening;
    const cap =
      chapterStart && dropCap && s.align === 'justify' ? this.dropCap(inlines, s, dropCap, capFace) : undefined;
    const leadWords = (settings: ParagraphSettings): { set: SetParagraph; words: number } => {
      if (leadIn !== 'line') {
        const set = setParagraph(inlines, { ...settings, smallCapWords: leadIn });
        return { set, words: leadIn };
      }
      // The whole first line: as many words as the line holds once they are in small capitals.
      let words = 4;
      let set = setParagraph(inlines, { ...settings, smallCapWords: words });
      for (let i = 0; i < 6; i++) {
        const held = firstLineWords(set.lines(set.natural)[0]);
        if (held === words || held === 0) break;
        words = held;
        set = setParagraph(inlines, { ...settings, smallCapWords: words });
      }
      return { set, words };
    };
    if (cap) {
      const withCap = { ...s, indent: 0, cutout: cap.cutout };
      const { set, words } = leadWords(withCap);
      // The paragraph runs on past the cap (set no shorter than that), or it opens with a plain letter.
      if (set.natural > cap.lines) {
        const counts = (c: number) => c > cap.lines && (leadIn !== 'line' || firstLineWords(set.lines(c)[0]) === words);
        this.paragraph(inlines, { ...withCap, smallCapWords: words }, 0, {}, undefined, undefined, {
          set,
          cap,
          counts,
        });
        return;
      }
    }
    const { set, words } = leadWords(s);
    const counts = leadIn === 'line' ? (c: number) => firstLineWords(set.lines(c)[0]) === words : undefined;
    this.paragraph(inlines, { ...s, smallCapWords: words }, 0, {}, undefined, undefined, { set, counts });
  }

  /**
   * The drop cap of a paragraph: its first letter (with the quotes or bracket before it) cut so that its
   * capitals stand from the first line's cap height to the baseline of line `lines`, and the room it
   * takes from those lines. Undefined when the paragraph does not open with a letter or a figure.
   */
  private dropCap(
    inlines: Inline[],
    s: ParagraphSettings,
    lines: number,
    face: 'display' | 'body',
  ): DropCap | undefined {
    const first = styledText(inlines)[0];
    if (first?.scale !== 1 || first.rise !== 0) return undefined;
    const m = /^[\u201c\u2018"'\u00ab\u2039([]*[\p{L}\p{N}]\p{M}*/u.exec(first.text);
    if (!m || m[0].length >= first.text.length) return undefined;
    const shaper = s.shaper;
    const style: TextStyle = face === 'display' ? { face: 'display', smallCaps: false } : REGULAR;
    const capHeight = (f: FaceName) => shaper.faces[f].capHeight / shaper.unitsPerEm(f);
    const size = ((lines - 1) * this.g.leading + capHeight('regular') * s.size) / capHeight(style.face);
    const fragment = glyphFragment(shaper, m[0], size, style);
    fragment.rise = -(lines - 1) * this.g.leading;
    const gap = 0.3 * s.size;
    return { lines, fragment, cutout: { lines, width: fragment.width + gap, chars: m[0].length } };
  }

  private markerFragment(marker: string, s: ParagraphSettings): Fragment {
    const f = glyphFragment(s.shaper, marker, s.size);
    f.x = -f.width - MARKER_GAP * s.size;
    return f;
  }

  private block(b: Block, inset: number, right: number): void {
    const em = this.g.fontSize;
    const measure = this.g.measure - inset - right;
    switch (b.type) {
      case 'paragraph': {
        const verse = isVerse(b);
        const first = this.firstParagraph;
        if (verse) {
          this.space();
          this.verse(b.children, inset, measure);
          this.space();
        } else {
          const align: Align = b.align ?? (this.base.align === 'left' ? 'left' : 'justify');
          const s = this.settings({
            measure,
            indent:
              this.indentNext && (align === 'justify' || (align === 'left' && !b.align)) ? em * this.indentEms : 0,
            align,
          });
          const opens = inset === 0 && this.scale === 1 && (first || (this.afterBreak && this.design.afterBreak));
          if (opens) this.opening(b.children, s, first);
          else this.paragraph(b.children, s, inset, {}, this.italic ? ITALIC : undefined);
        }
        // Verse opening a chapter or a scene (a song before the story) leaves the opening to the prose after it.
        if (!verse) {
          this.firstParagraph = false;
          this.afterBreak = false;
        }
        this.indentNext = !verse;
        break;
      }
      case 'heading': {
        // By rank (the structure numbers a chapter's sub-headings from 2): centred italic, centred small
        // capitals, then italic flush left.
        this.space();
        this.paragraph(
          b.children,
          this.settings({ measure, indent: 0, align: b.level >= 4 ? 'left' : 'center' }),
          inset,
          { keepWithNext: true, minHead: Infinity, minTail: Infinity },
          b.level === 3 ? SMALL_CAPS : ITALIC,
        );
        this.indentNext = false;
        break;
      }
      case 'sceneBreak': {
        const picture = this.design.sceneBreakImage;
        const size = picture ? this.assets.get(picture) : undefined;
        if (picture && size?.width && size.height) {
          // A picture an em high (as wide as it makes it, at most a third of the measure), on one line.
          let height = em;
          let width = (size.width / size.height) * height;
          if (width > measure / 3) {
            width = measure / 3;
            height = (size.height / size.width) * width;
          }
          this.afterBreak = true;
          this.flows.push({
            unit: flowUnit([unitVariant(1, 0)], { minHead: Infinity, minTail: Infinity, avoidPageEdge: true }),
            lines: () => [{ x: 0, fragments: [], role: 'ornament' as const }],
            image: { asset: picture, width, height, x: inset + (measure - width) / 2 },
            paragraph: false,
          });
          this.indentNext = false;
          break;
        }
        const ornament = ornamentGlyph(this.base.shaper, this.design.sceneBreak) ?? { text: '*', style: REGULAR };
        const fragment = glyphFragment(this.base.shaper, ornament.text, em, ornament.style);
        this.afterBreak = true;
        const width = fragment.width;
        this.flows.push({
          unit: flowUnit([unitVariant(1, 0)], { minHead: Infinity, minTail: Infinity, avoidPageEdge: true }),
          lines: () => [{ x: inset + (measure - width) / 2, fragments: [fragment], role: 'ornament' }],
          paragraph: false,
        });
        this.indentNext = false;
        break;
      }
      case 'blockQuote': {
        // Inset as the design says (classic: 2 em, twice the paragraph indent, so that a quoted line never
        // looks like an indented first line), in its size and style; a quote within a quote goes further in.
        const q = this.design.quoted.quote;
        const [scale, italic] = [this.scale, this.italic];
        this.space();
        this.indentNext = false;
        this.scale = scale * q.scale;
        this.italic = italic || q.italic;
        this.blocks(b.children, inset + q.left * em, right + q.right * em);
        [this.scale, this.italic] = [scale, italic];
        this.space();
        this.indentNext = false;
        break;
      }
      case 'note': {
        // An author's note: smaller type, inset, apart from the story; it takes nothing from the story's
        // opening (the first paragraph's small capitals).
        this.space();
        const first = this.firstParagraph;
        this.firstParagraph = false;
        this.indentNext = false;
        this.scale = NOTE_SCALE;
        this.blocks(b.children, inset + em, right + em);
        this.scale = 1;
        this.firstParagraph = first;
        this.space();
        this.indentNext = false;
        break;
      }
      case 'list': {
        this.space();
        const markers = b.items.map((_, k) => (b.ordered ? `${b.numbers[k]}.` : '\u2022'));
        // The text of every item starts at one indent, wide enough that the widest marker (`1870.`) hangs
        // inside the list's own frame, not into the margin or a block quote's indent.
        const widest = Math.max(...markers.map((m) => glyphFragment(this.base.shaper, m, em).width));
        const hang = Math.max(2 * em, widest + MARKER_GAP * em);
        b.items.forEach((item, k) => {
          item.forEach((ib, j) => {
            if (ib.type === 'paragraph' && j === 0) {
              this.paragraph(
                ib.children,
                this.settings({ measure: measure - hang, indent: 0, align: 'justify' }),
                inset + hang,
                {},
                undefined,
                markers[k],
              );
            } else this.block(ib, inset + hang, right);
          });
        });
        this.space();
        this.indentNext = false;
        break;
      }
      case 'preformatted': {
        this.space();
        this.paragraph(
          text(b.value.replace(/\n$/, '').replace(/\n/g, FORCED_BREAK)),
          this.settings({ measure: measure - em, indent: 0, align: 'left' }),
          inset + em,
        );
        this.space();
        this.indentNext = false;
        break;
      }
      case 'table': {
        this.table(b, inset, measure);
        break;
      }
      case 'figure': {
        const asset = this.assets.get(b.asset);
        if (!asset?.width || !asset.height) break;
        this.space();
        const maxH = (this.g.lines - 3) * this.g.leading;
        let width = measure;
        let height = (asset.height / asset.width) * width;
        // Never enlarge an image past 300 dpi, and never past the page.
        const natural = (asset.width / 300) * 72;
        if (width > natural) {
          width = natural;
          height = (asset.height / asset.width) * width;
        }
        if (height > maxH) {
          width *= maxH / height;
          height = maxH;
        }
        const lines = Math.ceil((height + 0.3 * this.g.leading) / this.g.leading);
        const hasCaption = b.caption.length > 0;
        this.flows.push({
          unit: flowUnit([unitVariant(lines, 0)], { minHead: Infinity, minTail: Infinity, keepWithNext: hasCaption }),
          lines: () => new Array(lines).fill(0).map(() => ({ x: 0, fragments: [], role: 'body' as const })),
          image: { asset: b.asset, width, height, x: inset + (measure - width) / 2 },
          paragraph: false,
        });
        if (hasCaption)
          this.paragraph(b.caption, this.settings({ measure, indent: 0, align: 'center' }), inset, {}, ITALIC);
        this.space();
        this.indentNext = false;
        break;
      }
    }
  }
}

type BodyPage = LaidPage;

const noStats = (): LayoutStats => ({
  paragraphs: 0,
  bodyLines: 0,
  hyphenatedLines: 0,
  paragraphsRebroken: 0,
  shortPages: 0,
  unevenSpreads: 0,
  forcedBreaks: 0,
  tablesTooWide: [],
  headsLeftOut: [],
});

function addStats(to: LayoutStats, from: LayoutStats): void {
  for (const k of Object.keys(to) as (keyof LayoutStats)[]) {
    if (k === 'headsLeftOut') to[k].push(...from[k]);
    else if (k === 'tablesTooWide') to[k].push(...from[k]);
    else to[k] += from[k];
  }
}

/** Whether a chapter is printed in the front matter (roman folios) rather than the body. */
function isPrintFront(chapter: Chapter): boolean {
  return MATTER[chapter.kind].place === 'front';
}

/** The geometry and paragraph settings every chapter of the book is laid out with. */
interface LayoutContext {
  /** Figures need the size of their images, nothing else of the book. */
  assets: ImageSizes;
  g: Geometry;
  base: ParagraphSettings;
  tools: LayoutTools;
  /** How chapters are headed (book.yaml chapterHeadings). */
  headings?: HeadingStyle;
  /** Where notes are set (book.yaml `notes.print`). */
  notes: NotePlacement['print'];
  design: Design;
}

/** Image sizes by asset id. */
type ImageSizes = Map<string, Pick<Asset, 'width' | 'height'>>;

function layoutContext(
  assets: ImageSizes,
  print: PrintSettings,
  tools: LayoutTools,
  pageEstimate: number,
  design: Design = DEFAULT_DESIGN,
): LayoutContext {
  const g = pageGeometry({
    trim: print.trim,
    bleed: print.bleed,
    fontSize: print.fontSize,
    leading: print.leading,
    pages: pageEstimate,
    margins: print.margins,
    ...(print.gutterEase !== undefined ? { gutterEase: print.gutterEase } : {}),
  });
  const base = proseSettings(tools.shaper, print.hyphenate ? tools.hyphenator : NO_HYPHENATION, g.fontSize, g.measure);
  if (design.align === 'left') base.align = 'left';
  if (design.expansion !== undefined) base.expansion = { stretch: design.expansion, shrink: design.expansion };
  return { assets, g, base, tools, notes: 'foot', design };
}

/** How running text is set, in the book and on its cover: justified, first lines indented one em. */
export function proseSettings(
  shaper: Shaper,
  hyphenator: Hyphenator,
  size: number,
  measure: number,
): ParagraphSettings {
  return {
    shaper,
    hyphenator,
    size,
    measure,
    indent: size,
    align: 'justify',
    space: { width: 1.2, stretch: 0.6, shrink: 0.3 },
    // pdfTeX's microtype default: glyphs widen or narrow by up to 2 %, so spaces vary less.
    expansion: { stretch: 0.02, shrink: 0.02 },
    tolerance: 200,
    // Lines a paragraph set a line longer or shorter for pagination may be looser.
    loosenessTolerance: 650,
    hyphenPenalty: 400,
    explicitHyphenPenalty: 50,
    pretolerance: 200,
  };
}

/** The pages of one chapter, before folios, running heads and its side of the spread are known. */
interface ChapterPages {
  pages: LaidPage[];
  stats: LayoutStats;
}

/** Lays out one chapter: pure, and independent of the chapters around it (a chapter opens on a recto). */
function layoutChapterPages(
  chapter: Chapter,
  ctx: LayoutContext,
  heads?: ReadonlyMap<Block, RunningHeads>,
): ChapterPages {
  const stats = noStats();
  return { pages: layoutChapter(chapter, { ...ctx, stats }, heads), stats };
}

/**
 * A chapter's pages from the memo when an earlier layout laid out the same chapter on the same page
 * geometry and settings (the build cache, or the first of two passes), else laid out now and kept.
 */
function rememberedChapter(
  chapter: Chapter,
  ctx: LayoutContext & { headings?: string; notes: string },
  print: PrintSettings,
): ChapterPages {
  const memo = ctx.tools.chapters;
  if (!memo) return layoutChapterPages(chapter, ctx);
  let model: Uint8Array;
  try {
    model = v8.serialize(chapter);
  } catch {
    // A chapter nested too deep to clone is laid out every time.
    return layoutChapterPages(chapter, ctx);
  }
  const { shaper } = ctx.tools;
  const key = crypto
    .createHash('sha256')
    .update(model)
    .update(JSON.stringify([ctx.g, ctx.headings, ctx.notes, print.hyphenate, ctx.base.hyphenator.patterns, ctx.design]))
    .digest('hex');
  const saved = memo.take(key);
  if (saved) {
    // Fresh objects each time: the book's make-up gives pages their side and moves their lines and images.
    const pages = saved.pages.map((p, i) => ({ ...structuredClone(p), lines: restorePlaced(saved.placed[i], shaper) }));
    return { pages, stats: structuredClone(saved.stats) };
  }
  const laid = layoutChapterPages(chapter, ctx);
  const placed = laid.pages.map((p) => savePlaced(p.lines, shaper));
  if (placed.every((p) => p !== undefined))
    memo.keep(key, {
      pages: structuredClone(laid.pages.map((p) => ({ ...p, lines: [] }))),
      placed,
      stats: structuredClone(laid.stats),
    });
  return laid;
}

/**
 * A body chapter's pages, its figures added to the book's: a part's page of its own (its title a third of
 * the way down), the Notes section, or a chapter (from the cache when it was laid out before).
 */
function chapterPages(
  chapter: Chapter,
  ctx: Ctx,
  print: PrintSettings,
  notes: ReturnType<typeof notesChapter>,
): BodyPage[] {
  if (chapter.kind === 'part') return [partPage(chapter, ctx)];
  const { stats, ...layout } = ctx;
  const laid =
    chapter === notes?.chapter
      ? layoutChapterPages(chapter, layout, notes.heads)
      : rememberedChapter(chapter, layout, print);
  addStats(stats, laid.stats);
  return laid.pages;
}

/** Lays out the book. `pageEstimate` chooses the gutter; the caller lays out again if the count disagrees. */
export function layoutBook(book: Book, print: PrintSettings, tools: LayoutTools, pageEstimate: number): LaidBook {
  const layout = {
    ...layoutContext(book.assets, print, tools, pageEstimate, book.design),
    headings: book.chapterHeadings,
    notes: book.notes?.print ?? 'foot',
    design: book.design ?? DEFAULT_DESIGN,
  };
  if (layout.design.manuscript) return layoutManuscript(book, layout, print);
  const { g } = layout;
  const stats = noStats();
  const ctx: Ctx = { ...layout, stats };
  const front = book.chapters.filter((c) => isPrintFront(c));
  const body = book.chapters.filter((c) => !isPrintFront(c));
  const notes = layout.notes === 'book-end' ? notesChapter(book) : undefined;
  if (notes) body.push(notes.chapter);

  // Body first: its page numbers go into the contents.
  const bodyPages: BodyPage[] = [];
  const chapterFolios = new Map<string, string>();
  for (const chapter of body) {
    if (bodyPages.length % 2 === 1) bodyPages.push({ recto: false, kind: 'blank', lines: [], images: [] });
    chapterFolios.set(chapter.id, String(bodyPages.length + 1));
    bodyPages.push(...chapterPages(chapter, ctx, print, notes));
    if (chapter.kind !== 'part') tools.progress?.(body.indexOf(chapter) + 1, body.length);
  }
  bodyPages.forEach((p, i) => {
    p.recto = i % 2 === 0;
    // A part's page counts but shows no folio, as a half-title does.
    if (p.kind !== 'blank' && p.kind !== 'front') p.folio = String(i + 1);
  });

  // Front matter: half-title, (blank), title page, copyright page, then dedication and the like on rectos,
  // the contents, forewords; always an even number of pages, so that page 1 of the body is a recto.
  const frontPages: BodyPage[] = [];
  const toRecto = () => {
    if (frontPages.length % 2 === 1) frontPages.push({ recto: false, kind: 'blank', lines: [], images: [] });
  };
  frontPages.push(halfTitle(book, g, tools.shaper, layout.design));
  frontPages.push({ recto: false, kind: 'blank', lines: [], images: [] });
  frontPages.push(titlePage(book, g, tools.shaper, layout.design));
  frontPages.push(copyrightPage(book, g, tools.shaper));
  for (const chapter of front.filter((c) => standsAlone(c.kind))) {
    toRecto();
    frontPages.push(centredPage(chapter, ctx));
  }
  const forewords = front.filter((c) => !standsAlone(c.kind));
  const forewordPages: BodyPage[][] = forewords.map((c) => layoutChapter(c, ctx));
  if (print.contents && body.length > 1) {
    toRecto();
    // Forewords follow the contents; their folios are known once the contents' length is.
    const entriesBefore = frontPages.length;
    const entries: { title: string; folio: string }[] = [];
    const contentsPages = (folioOf: (i: number) => string) => {
      entries.length = 0;
      let at =
        entriesBefore +
        contentsPageCount(
          [...forewords, ...body].map((c) => chapterLabel(c, book.chapterHeadings)),
          g,
          tools.shaper,
        );
      forewords.forEach((c, i) => {
        if (at % 2 === 1) at++;
        entries.push({ title: chapterLabel(c, book.chapterHeadings), folio: folioOf(at) });
        at += forewordPages[i].length;
      });
      for (const c of body)
        entries.push({ title: chapterLabel(c, book.chapterHeadings), folio: chapterFolios.get(c.id)! });
      return contentsLayout(entries, g, tools.shaper);
    };
    frontPages.push(...contentsPages((i) => roman(i + 1)));
  }
  forewords.forEach((_c, i) => {
    toRecto();
    frontPages.push(...forewordPages[i]);
  });
  toRecto();
  frontPages.forEach((p, i) => {
    p.recto = i % 2 === 0;
    if (p.kind === 'text' || p.kind === 'opening' || p.kind === 'contents') p.folio = roman(i + 1);
  });

  const pages: BodyPage[] = [...frontPages, ...bodyPages];
  if (pages.length % 2 === 1) pages.push({ recto: false, kind: 'blank', lines: [], images: [] });
  // A last page with text gets a blank leaf after it when the service prints on the last page.
  if (print.blankLastPage && pages[pages.length - 1].kind !== 'blank')
    pages.push(
      { recto: true, kind: 'blank', lines: [], images: [] },
      { recto: false, kind: 'blank', lines: [], images: [] },
    );
  const author = book.metadata.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  const heads = new Map<string, SetLine | undefined>();
  // A head that is too long for its line: the title before its colon or dash (the main title), else none
  // on those pages (never a cut word), reported.
  const fitted = new Map<string, string | undefined>();
  const fitHead = (head: string): string | undefined => {
    if (fitted.has(head)) return fitted.get(head);
    const fits = (t: string) => headLine(t, g, tools.shaper, headStyle) !== undefined;
    const main = head.split(/\s*(?::|\s[—–-]\s)\s*/)[0];
    const chosen = fits(head) ? head : main && main !== head && fits(main) ? main : undefined;
    if (chosen === undefined) stats.headsLeftOut.push(head);
    fitted.set(head, chosen);
    return chosen;
  };
  const titleHead = print.runningHead ?? book.metadata.title;
  const runningHeads = layout.design.runningHeads;
  const headStyle =
    runningHeads === 'none'
      ? undefined
      : runningHeads === 'italic'
        ? ITALIC
        : runningHeads === 'plain'
          ? REGULAR
          : SMALL_CAPS;
  pages.forEach((p, i) => {
    p.recto = i % 2 === 0;
    place(p, g);
    const head =
      p.kind !== 'text'
        ? undefined
        : p.heads
          ? p.recto
            ? p.heads.recto
            : p.heads.verso
          : p.recto
            ? titleHead
            : author.length
              ? author.join(' & ')
              : titleHead;
    const at = layout.design.furniture;
    furniture(p, g, tools.shaper, head === undefined || !headStyle ? undefined : fitHead(head), heads, headStyle, at);
  });
  return { geometry: g, pages, stats };
}

/**
 * A book in standard manuscript format, as agents and editors ask for it: a cover page (the author's
 * name, the length in words, the title and byline halfway down), then the chapters each on a new page,
 * printed on one side, with "Surname / Title / page" at the head of every page but the first and END
 * after the last line. No half-title, copyright page or contents, no folios at the foot.
 */
function layoutManuscript(book: Book, layout: LayoutContext, print: PrintSettings): LaidBook {
  const { g, tools } = layout;
  const stats = noStats();
  const ctx: Ctx = { ...layout, stats };
  const authors = book.metadata.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  const chapters = [...book.chapters];
  const notes = layout.notes === 'book-end' ? notesChapter(book) : undefined;
  if (notes) chapters.push(notes.chapter);
  // END, centred on the line after the last of the text.
  const lastText = chapters.map((c) => c.kind !== 'part' && c !== notes?.chapter).lastIndexOf(true);
  if (lastText >= 0) {
    const last = chapters[lastText];
    const end: Block = { type: 'paragraph', align: 'center', children: text('END'), pos: last.pos };
    chapters[lastText] = { ...last, blocks: [...last.blocks, end] };
  }
  const pages: BodyPage[] = [manuscriptCover(book, authors, g, tools.shaper)];
  for (const chapter of chapters) pages.push(...chapterPages(chapter, ctx, print, notes));
  const surname = (authors[0] ?? '').trim().split(/\s+/).at(-1) ?? '';
  const title = print.runningHead ?? book.metadata.title;
  pages.forEach((p, i) => {
    p.recto = true;
    p.folio = undefined;
    place(p, g);
    if (i === 0) return;
    const head = [surname, title, String(i)].filter(Boolean).join(' / ');
    const l = displayLines(head, g.fontSize, g.measure, tools.shaper, REGULAR, 'right')[0];
    p.lines.push({
      x: blockLeft(g, true) + g.measure - l.width,
      y: g.headBaseline,
      fragments: l.fragments,
      role: 'head',
    });
  });
  return { geometry: g, pages, stats };
}

/** A manuscript's cover page: the author top left, the length top right, title and byline halfway down. */
function manuscriptCover(book: Book, authors: string[], g: Geometry, shaper: Shaper): BodyPage {
  const line = (value: string, y: number, align: 'left' | 'right' | 'center'): PlacedLine => {
    const l = displayLines(value, g.fontSize, g.measure, shaper, REGULAR, align)[0];
    return { x: alignedX(align, g.measure, l.width), y, fragments: l.fragments, role: 'display' };
  };
  const words = bookWords(book);
  // Rounded as the format asks: to the nearest hundred under 10,000 words, else the nearest thousand.
  const rounded = words < 10_000 ? Math.max(100, Math.round(words / 100) * 100) : Math.round(words / 1000) * 1000;
  const byline = authors.length ? `by ${authors.join(' and ')}` : '';
  const middle = g.firstBaseline + Math.round(g.lines / 2 - 2) * g.leading;
  const lines = [
    ...(authors.length ? [line(authors.join(' and '), g.firstBaseline, 'left')] : []),
    line(`about ${rounded.toLocaleString('en-US')} words`, g.firstBaseline, 'right'),
    line(book.metadata.title, middle, 'center'),
    ...(book.metadata.subtitle ? [line(book.metadata.subtitle, middle + g.leading, 'center')] : []),
    ...(byline ? [line(byline, middle + (book.metadata.subtitle ? 3 : 2) * g.leading, 'center')] : []),
  ];
  return { recto: true, kind: 'front', images: [], lines };
}

/** Lines built relative to the text block get their final x once the page's side is known. */
function place(p: BodyPage, g: Geometry): void {
  const left = blockLeft(g, p.recto);
  for (const line of p.lines) line.x += left;
  for (const img of p.images) img.x += left;
  for (const rule of p.rules ?? []) rule.x += left;
}

interface Ctx extends LayoutContext {
  stats: LayoutStats;
}

/** Where a display line of `width` starts in the measure, set flush left, flush right or centred. */
function alignedX(align: 'left' | 'right' | 'center', measure: number, width: number): number {
  return align === 'left' ? 0 : align === 'right' ? measure - width : (measure - width) / 2;
}

/** A run of text in the roman face (or another), unbroken, as one fragment at x = 0. */
function glyphFragment(shaper: Shaper, value: string, size: number, style: TextStyle = REGULAR): Fragment {
  const run = shaper.shape(value, style);
  return { run, x: 0, size, rise: 0, width: (run.width * size) / shaper.unitsPerEm(style.face) };
}

/** Display text (titles, the copyright page, the contents) as ragged lines, centred by default: size in points. */
export function displayLines(
  value: Inline[] | string,
  size: number,
  width: number,
  shaper: Shaper,
  style: TextStyle = REGULAR,
  align: Align = 'center',
): SetLine[] {
  const inlines = typeof value === 'string' ? text(value) : value;
  const set = setParagraph(
    inlines,
    {
      shaper,
      hyphenator: NO_HYPHENATION,
      size,
      measure: width,
      indent: 0,
      align,
      space: { width: 1, stretch: 0, shrink: 0 },
      tolerance: 0,
      loosenessTolerance: 0,
      hyphenPenalty: 0,
      explicitHyphenPenalty: 0,
      pretolerance: -1,
    },
    style,
  );
  return set.lines(set.natural);
}

/**
 * Lays out a chapter's pages. `heads` gives running heads that start at some of its blocks (the book's
 * notes, each chapter's under its heading).
 */
function layoutChapter(chapter: Chapter, ctx: Ctx, heads?: ReadonlyMap<Block, RunningHeads>): BodyPage[] {
  const { g, stats } = ctx;
  const N = g.lines;
  // The opening: the heading sunk down the page as the design asks (classic: a fifth), the text a few
  // lines below it.
  const opening = chapterOpening(chapter, ctx);
  const titleBottom = opening.length ? opening[opening.length - 1].y : g.firstBaseline;
  let firstLine = Math.ceil((titleBottom - g.firstBaseline) / g.leading) + 3;
  if (firstLine > N - 4) firstLine = N - 4;

  const atFoot = ctx.notes === 'foot';
  const builder = new ChapterBuilder(ctx.assets, g, ctx.base, stats, atFoot, ctx.design);
  for (const b of chapter.blocks) {
    const h = heads?.get(b);
    if (h) builder.mark(h);
    builder.blocks([b], 0, 0);
  }
  // Footnotes stand at the foot of their page, endnotes after the chapter's text (every note there when
  // book.yaml says chapter-end; in the Notes section at the end for book-end).
  if (ctx.notes !== 'book-end')
    builder.notes(
      blockNotes(chapter.blocks).filter((note) => !atFoot || note.kind === 'endnote'),
      notesHeads(chapter, ctx.headings),
    );
  const flows = builder.flows;
  // Space at the very end vanishes.
  while (flows.length && flows[flows.length - 1].unit.discardable) flows.pop();
  const placement = paginate(
    flows.map((f) => f.unit),
    N,
    firstLine,
  );
  stats.shortPages += placement.shortPages;
  stats.unevenSpreads += placement.unevenSpreads;
  stats.forcedBreaks += placement.forcedBreaks;

  const pages: BodyPage[] = [];
  const pageAt = (i: number) => {
    while (pages.length <= i)
      pages.push({ recto: false, kind: pages.length === 0 ? 'opening' : 'text', lines: [], images: [] });
    return pages[i];
  };
  const first = pageAt(0);
  first.lines.push(...opening);
  flows.forEach((flow, i) => {
    const v = placement.variant[i];
    if (v < 0) return;
    const variant = flow.unit.variants[v];
    if (flow.paragraph) {
      if (variant.cost >= COSTS.changedParagraph) stats.paragraphsRebroken++;
      stats.hyphenatedLines += variant.hyphenated.filter(Boolean).length;
    }
    const { page, line } = placement.start[i];
    const headed = placement.headed[i] && flow.head !== undefined;
    const lines = headed ? [...flow.head!.lines, ...flow.lines(v)] : flow.lines(v);
    if (flow.image) {
      pageAt(page).images.push({
        asset: flow.image.asset,
        x: flow.image.x,
        y: g.firstBaseline + line * g.leading - 0.75 * g.fontSize,
        width: flow.image.width,
        height: flow.image.height,
      });
    }
    const slots = placement.slots[i];
    if (flow.rules || flow.ruleAtTop || headed) {
      const first = slots[0];
      const baseline = g.firstBaseline + first.line * g.leading;
      const target = pageAt(first.page);
      const drawn = headed
        ? flow.head!.rules
        : [...(flow.rules ?? []), ...(flow.ruleAtTop && first.line === 0 ? [flow.ruleAtTop] : [])];
      target.rules = [
        ...(target.rules ?? []),
        ...drawn.map((r) => ({ x: r.x, y: baseline + r.dy, width: r.width, height: r.height })),
      ];
    }
    lines.forEach((l, k) => {
      if (!l.fragments.length) return;
      const slot = slots[k];
      pageAt(slot.page).lines.push({
        x: l.x,
        y: g.firstBaseline + slot.line * g.leading,
        fragments: l.fragments,
        role: l.role,
      });
      if (l.role === 'body') stats.bodyLines++;
    });
  });
  // The footnotes at each page's foot, under a short rule: the notes end on the page's last line.
  const onPage = new Map<number, number>();
  for (const piece of placement.notes) {
    const flow = flows[piece.unit];
    // A line's index counts the lines a unit took before its own when it opened a page.
    const line = piece.line - (placement.headed[piece.unit] ? flow.unit.topLines : 0);
    const noteLines = flow.notes?.(placement.variant[piece.unit], line) ?? [];
    const page = pageAt(piece.page);
    const top = placement.depths[piece.page] - placement.noteLines[piece.page];
    let at = onPage.get(piece.page);
    if (at === undefined) {
      const ruleY = g.firstBaseline + top * g.leading - 0.3 * g.fontSize;
      page.rules = [
        ...(page.rules ?? []),
        { x: 0, y: ruleY, width: g.measure * FOOTNOTE_RULE.share, height: FOOTNOTE_RULE.weight },
      ];
      at = top + 1;
    }
    for (const nl of noteLines.slice(piece.from, piece.to)) {
      page.lines.push({ x: nl.x, y: g.firstBaseline + at * g.leading, fragments: nl.fragments, role: 'body' });
      at++;
    }
    onPage.set(piece.page, at);
  }
  // Running heads of notes: a page carries those in force at its top.
  if (builder.marks.length) {
    for (let k = 0; k < pages.length; k++) {
      let heads: RunningHeads | undefined;
      for (const m of builder.marks) {
        const at = placement.start[m.flow];
        if (!at || at.page > k || (at.page === k && at.line > 0)) break;
        heads = m.heads;
      }
      if (heads) pages[k].heads = heads;
    }
  }
  return pages;
}

/**
 * A chapter's heading as its design sets it: an ornament, the number ("Chapter Three", "III") and the
 * title, each in its own size and style, centred or flush left, the first sunk the design's share of the
 * page. Lines as placed on the opening page, x from the text block's left.
 */
function chapterOpening(chapter: Chapter, ctx: Ctx): PlacedLine[] {
  const d = ctx.design.chapter;
  return headingLines(chapterHeadingParts(chapter, ctx.headings, d), ctx, {
    sink: d.sink,
    titleScale: d.titleScale,
    pitch: 1.2,
  });
}

/**
 * A heading's lines in the design's way (see chapterOpening): `sink` the share of the text block's lines
 * above the first, `pitch` the distance of a block's lines in its own size.
 */
function headingLines(
  parts: HeadingParts,
  ctx: Ctx,
  o: { sink: number; titleScale: number; pitch: number },
): PlacedLine[] {
  const { g, tools, design } = ctx;
  const d = design.chapter;
  const half = (k: number) => Math.round(g.fontSize * k * 2) / 2;
  const width = g.measure * 0.85;
  const blocks: { lines: SetLine[]; size: number }[] = [];
  const ornament = ornamentGlyph(tools.shaper, d.ornament);
  if (ornament) {
    const size = half(2);
    blocks.push({ lines: displayLines(ornament.text, size, width, tools.shaper, ornament.style), size });
  }
  if (parts.number) {
    const size = half(d.numberScale);
    blocks.push({
      lines: displayLines(parts.number, size, width, tools.shaper, displayStyle(d.numberStyle), d.align),
      size,
    });
  }
  if (parts.title) {
    const size = half(o.titleScale);
    const title = d.titleCase === 'upper' ? upper(parts.title) : parts.title;
    blocks.push({ lines: displayLines(title, size, width, tools.shaper, displayStyle(d.titleStyle), d.align), size });
  }
  const sink = Math.max(2, Math.round(g.lines * o.sink));
  let y = g.firstBaseline + sink * g.leading;
  const out: PlacedLine[] = [];
  blocks.forEach((b, i) => {
    // Lines of a block a line of its size apart; blocks of different sizes half a body line further.
    if (i > 0) y += o.pitch * b.size + (b.size === blocks[i - 1].size ? 0 : 0.6 * g.fontSize);
    b.lines.forEach((l, k) => {
      if (k > 0) y += o.pitch * b.size;
      out.push({ x: alignedX(d.align, g.measure, l.width), y, fragments: l.fragments, role: 'display' });
    });
  });
  return out;
}

/**
 * Verse with its opening quote marks hung into the margin before it, as a careful typesetter sets a song:
 * the first line's letters line up with the lines under it, not the quote mark.
 */
function hangOpeningQuote(set: SetParagraph, shaper: Shaper): SetParagraph {
  const first = set.lines(set.natural)[0]?.fragments[0];
  if (!first) return set;
  const text = first.run.codePoints.map((c) => String.fromCodePoint(...c)).join('');
  const marks = [...openingMarks(text)].length;
  let hang = 0;
  for (let i = 0; i < marks; i++)
    hang += (first.run.advances[i] * first.size) / shaper.unitsPerEm(first.run.style.face);
  if (!(hang > 0)) return set;
  return {
    natural: set.natural,
    variants: set.variants,
    notes: (count) => set.notes(count),
    lines: (count) => set.lines(count).map((l, k) => (k === 0 ? { ...l, left: l.left - hang } : l)),
  };
}

/** A note's blocks as an endnote sets them: its marker ("3. ") leading the first paragraph, or alone before. */
function markedNote(note: Note): Block[] {
  const [first, ...rest] = note.blocks;
  const marker: Inline = { type: 'text', value: `${note.marker}.\u00a0`, pos: note.pos };
  return first?.type === 'paragraph'
    ? [{ ...first, children: [marker, ...first.children] }, ...rest]
    : [{ type: 'paragraph', children: [marker], pos: note.pos }, ...note.blocks];
}

/**
 * The book's notes gathered at its end (book.yaml `notes.print: book-end`): under a heading for each
 * chapter that has any, each note opening with its marker. Undefined when the book has no notes.
 */
function notesChapter(book: Book): { chapter: Chapter; heads: Map<Block, RunningHeads> } | undefined {
  const blocks: Block[] = [];
  const heads = new Map<Block, RunningHeads>();
  for (const chapter of book.chapters) {
    const notes = blockNotes(chapter.blocks);
    if (!notes.length) continue;
    const heading: Block = {
      type: 'heading',
      level: 2,
      children: text(chapterLabel(chapter, book.chapterHeadings)),
      pos: chapter.pos,
    };
    heads.set(heading, notesHeads(chapter, book.chapterHeadings));
    blocks.push(heading);
    for (const note of notes) blocks.push(...markedNote(note));
  }
  if (!blocks.length) return undefined;
  return {
    chapter: { id: 'notes', kind: 'appendix', title: text('Notes'), blocks, source: '', pos: blocks[0].pos },
    heads,
  };
}

/** The running heads over a chapter's notes: "Notes" on the verso, whose they are on the recto. */
function notesHeads(chapter: Chapter, style?: HeadingStyle): RunningHeads {
  const whose = chapter.number !== undefined ? `Chapter ${chapter.number}` : chapterLabel(chapter, style);
  return { verso: 'Notes', recto: `Notes to ${whose}` };
}

/** Dedication or epigraph: its text centred on a page of its own, a third of the way down. */
/**
 * A part's page: its heading as the design sets a chapter's (its ornament, "Part Two" read the design's
 * way, the title in the design's face and capitals, centred or flush left), larger and lower, a third of
 * the way down; the part's own text (an epigraph, a note) centred beneath it.
 */
function partPage(chapter: Chapter, ctx: Ctx): BodyPage {
  const { g } = ctx;
  const d = ctx.design.chapter;
  const parts = chapterHeadingParts(chapter, 'title', d);
  const given = parts.title ?? (parts.number ? undefined : text(chapterLabel(chapter)));
  const titleScale = 1.7;
  const lines = headingLines({ ...parts, title: given }, ctx, { sink: 0.3, titleScale, pitch: 1.25 });
  const last = lines[lines.length - 1];
  const size = Math.round(g.fontSize * titleScale * 2) / 2;
  const page = centredPage(chapter, ctx, (last?.y ?? g.firstBaseline) + size * 1.25 + 2 * g.leading);
  page.lines.unshift(...lines);
  return page;
}

function centredPage(chapter: Chapter, ctx: Ctx, from?: number): BodyPage {
  const { g } = ctx;
  const page: BodyPage = { recto: true, kind: 'front', lines: [], images: [] };
  let y = from ?? g.firstBaseline + Math.round(g.lines * 0.3) * g.leading;
  for (const b of chapter.blocks) {
    if (b.type !== 'paragraph' && b.type !== 'heading' && b.type !== 'blockQuote') continue;
    const inlines =
      b.type === 'blockQuote'
        ? b.children.flatMap((c) => (c.type === 'paragraph' ? [...c.children, ...text(' ')] : []))
        : b.children;
    const style = chapter.kind === 'dedication' ? ITALIC : REGULAR;
    const align = b.type === 'paragraph' && b.align === 'right' ? 'right' : 'center';
    const set = setParagraph(inlines, { ...ctx.base, measure: g.measure * 0.8, indent: 0, align }, style);
    for (const l of set.lines(set.natural)) {
      page.lines.push({ x: g.measure * 0.1 + l.left, y, fragments: l.fragments, role: 'display' });
      y += g.leading;
    }
    y += g.leading;
  }
  return page;
}

/** The book's title as the design sets display titles (its face, its capitals). */
function displayTitle(title: string, design: Design): { text: string; style: TextStyle } {
  const d = design.chapter;
  return { text: d.titleCase === 'upper' ? title.toUpperCase() : title, style: displayStyle(d.titleStyle) };
}

function halfTitle(book: Book, g: Geometry, shaper: Shaper, design: Design): BodyPage {
  const size = g.fontSize * 1.5;
  const title = displayTitle(book.metadata.title, design);
  const align = design.chapter.align;
  const lines = displayLines(title.text, size, g.measure * 0.85, shaper, title.style, align);
  const top = g.firstBaseline + Math.round(g.lines * 0.25) * g.leading;
  return {
    recto: true,
    kind: 'front',
    images: [],
    lines: lines.map((l, k) => ({
      x: alignedX(align, g.measure, l.width),
      y: top + k * size * 1.25,
      fragments: l.fragments,
      role: 'display' as const,
    })),
  };
}

/**
 * The title page in the design's way: the title in its display face and capitals, centred or flush left as
 * its chapters are, the design's ornament between the title and the byline; the subtitle in italic and the
 * byline and imprint in small capitals, or all plain where the design sets no italic or small-capital
 * display lines (large print).
 */
function titlePage(book: Book, g: Geometry, shaper: Shaper, design: Design): BodyPage {
  const t = book.matter.titlePage;
  const align = design.chapter.align;
  const out: PlacedLine[] = [];
  const line = (value: string, size: number, y: number, style: TextStyle = REGULAR): number => {
    for (const l of displayLines(value, size, g.measure * 0.9, shaper, style, align)) {
      out.push({ x: alignedX(align, g.measure, l.width), y, fragments: l.fragments, role: 'display' });
      y += size * 1.25;
    }
    return y;
  };
  const plain = design.plainDisplay === true;
  const smallCaps: TextStyle = plain ? REGULAR : { face: 'regular', smallCaps: true };
  let y = g.firstBaseline + Math.round(g.lines * 0.2) * g.leading;
  const title = displayTitle(t.title, design);
  y = line(title.text, g.fontSize * 2.2, y, title.style);
  if (t.subtitle) y = line(t.subtitle, g.fontSize * 1.3, y + g.fontSize * 0.6, plain ? REGULAR : ITALIC);
  const ornament = ornamentGlyph(shaper, design.chapter.ornament);
  if (ornament) {
    const size = Math.round(g.fontSize * 2 * 2) / 2;
    line(ornament.text, size, y + g.leading * 1.5, ornament.style);
  }
  if (t.byline) line(t.byline, g.fontSize * 1.4, y + g.leading * (ornament ? 4.5 : 3), smallCaps);
  if (t.publisher) line(t.publisher, g.fontSize, g.firstBaseline + (g.lines - 1) * g.leading, smallCaps);
  return { recto: true, kind: 'front', images: [], lines: out };
}

function copyrightPage(book: Book, g: Geometry, shaper: Shaper): BodyPage {
  const size = g.fontSize * 0.82;
  const leading = size * 1.35;
  const paras = book.matter.copyright;
  // Set flush left at the foot of the page, each statement its own short paragraph.
  const blocks = paras.map((p) => displayLines(p, size, g.measure * 0.9, shaper, REGULAR, 'left'));
  const total = blocks.reduce((n, b) => n + b.length, 0) + blocks.length - 1;
  let y = g.firstBaseline + (g.lines - 1) * g.leading - (total - 1) * leading;
  const lines: PlacedLine[] = [];
  for (const b of blocks) {
    for (const l of b) {
      lines.push({ x: 0, y, fragments: l.fragments, role: 'display' });
      y += leading;
    }
    y += leading;
  }
  return { recto: false, kind: 'front', images: [], lines };
}

const CONTENTS_PITCH = 1.5;

/**
 * The contents: its title, then each entry with a line and a half between entries (so each reads as its
 * own), the folio flush right on the entry's last line. A title too long for its line turns over, the
 * turned lines indented under it, never cut.
 */
function contentsLayout(entries: { title: string; folio: string }[], g: Geometry, shaper: Shaper): BodyPage[] {
  // Room kept for the folio at the right, and the indent of a title's turned lines.
  const room = 3 * g.fontSize;
  const hang = g.fontSize;
  const last = g.firstBaseline + (g.lines - 1) * g.leading;
  const pages: BodyPage[] = [];
  let page: BodyPage | undefined;
  let y = 0;
  const open = () => {
    page = { recto: true, kind: 'contents', lines: [], images: [] };
    y = g.firstBaseline + g.leading;
    if (!pages.length) {
      for (const l of displayLines('Contents', g.fontSize * 1.5, g.measure, shaper))
        page.lines.push({ x: (g.measure - l.width) / 2, y, fragments: l.fragments, role: 'display' });
    }
    y += 3 * g.leading;
    pages.push(page);
  };
  open();
  for (const e of entries) {
    const folio = displayLines(e.folio, g.fontSize, g.measure, shaper, REGULAR, 'left')[0];
    const lines = displayLines(e.title, g.fontSize, g.measure - room - hang, shaper, REGULAR, 'left');
    // An entry is never parted from its folio: it goes whole to the next page when it does not fit.
    if (y + (lines.length - 1) * g.leading > last && page!.lines.length > (pages.length === 1 ? 1 : 0)) open();
    lines.forEach((l, k) => {
      page!.lines.push({ x: k === 0 ? 0 : hang, y: y + k * g.leading, fragments: l.fragments, role: 'display' });
    });
    const end = y + (lines.length - 1) * g.leading;
    page!.lines.push({ x: g.measure - folio.width, y: end, fragments: folio.fragments, role: 'display' });
    y = end + CONTENTS_PITCH * g.leading;
  }
  return pages;
}

/** The pages the contents will take (their folios are not known yet: they do not change the count). */
function contentsPageCount(titles: string[], g: Geometry, shaper: Shaper): number {
  return contentsLayout(
    titles.map((title) => ({ title, folio: '000' })),
    g,
    shaper,
  ).length;
}

/** A running head set in small capitals on one line of four fifths of the measure, if it fits there. */
function headLine(head: string, g: Geometry, shaper: Shaper, style: TextStyle = SMALL_CAPS): SetLine | undefined {
  const lines = displayLines(head, g.fontSize, g.measure * 0.8, shaper, style);
  return lines.length === 1 ? lines[0] : undefined;
}

/**
 * Running head (on text pages) and folio (on every page that has one): centred over and under the text, or
 * flush with its outer edge (the fore-edge side, where a reader's thumb finds the folio).
 */
function furniture(
  p: BodyPage,
  g: Geometry,
  shaper: Shaper,
  head: string | undefined,
  heads: Map<string, SetLine | undefined>,
  headStyle?: TextStyle,
  at: Design['furniture'] = 'centre',
): void {
  const left = blockLeft(g, p.recto);
  const x = (width: number) => alignedX(at === 'centre' ? 'center' : p.recto ? 'right' : 'left', g.measure, width);
  if (head) {
    // The same two heads on every page: set once.
    if (!heads.has(head)) heads.set(head, headLine(head, g, shaper, headStyle));
    const l = heads.get(head);
    if (l) p.lines.push({ x: left + x(l.width), y: g.headBaseline, fragments: l.fragments, role: 'head' });
  }
  if (p.folio) {
    const l = displayLines(p.folio, g.fontSize, g.measure, shaper)[0];
    p.lines.push({ x: left + x(l.width), y: g.folioBaseline, fragments: l.fragments, role: 'folio' });
  }
}
