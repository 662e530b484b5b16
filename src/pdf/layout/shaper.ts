/**
 * Turns text into positioned glyphs with the font's own advances and kerning, and remembers the result.
 * The layout measures with these runs and the renderer draws the very same runs, so the widths the
 * line breaker used and the widths on the page cannot disagree.
 *
 * Shaping a word with fontkit costs about 0.1 ms, too much for a novel's hundred thousand words. Most words
 * are a row of glyphs with pair kerning, so a word is assembled from cached single glyphs and pairs kerned
 * from the font's own GPOS table (`opentype.ts`); a pair with a glyph that a ligature, a contextual form or
 * a mark could involve is asked of fontkit, and a word in which any pair does something other than kern
 * (a ligature, a mark) goes to fontkit whole.
 */
import type { Font } from 'fontkit';
import { ParagraphMemo } from './memo.js';
import { FontTables } from './opentype.js';

/**
 * The text faces, then the design's display face (chapter titles, drop caps) and a face for ornaments the
 * text face lacks (EB Garamond's fleurons). A face standing in for another is the same font: embedded once.
 */
export type FaceName = 'regular' | 'italic' | 'bold' | 'boldItalic' | 'display' | 'symbol';
export const FACE_NAMES: readonly FaceName[] = ['regular', 'italic', 'bold', 'boldItalic', 'display', 'symbol'];

export interface TextStyle {
  face: FaceName;
  smallCaps: boolean;
}

/** Glyphs of one run of text in one style; advances and offsets in font units. */
export interface ShapedRun {
  style: TextStyle;
  glyphs: number[];
  advances: number[];
  /** Mark positioning, only when a glyph is moved off its pen position. */
  offsets: { x: number; y: number }[] | null;
  /** The characters each glyph stands for (for text extraction). */
  codePoints: number[][];
  /** Total advance in font units. */
  width: number;
}

interface GlyphInfo {
  id: number;
  advance: number;
}

const COMPLEX = null;

/** One shared `[cp]` per code point: most glyphs stand for one character (runs are never mutated). */
const ONE_CODE_POINT = new Map<number, number[]>();
function oneCodePoint(cp: number): number[] {
  let a = ONE_CODE_POINT.get(cp);
  if (!a) {
    a = [cp];
    ONE_CODE_POINT.set(cp, a);
  }
  return a;
}

class StyleShaper {
  private readonly runs = new Map<string, ShapedRun>();
  private readonly texts = new WeakMap<ShapedRun, string>();
  /** Runs an earlier build shaped, made into runs when first asked for. */
  private readonly seeded = new Map<string, SavedRun>();
  private readonly singles = new Map<number, GlyphInfo | null>();
  private readonly pairs = new Map<number | string, number | null>();
  private readonly features: string[] | undefined;

  constructor(
    private readonly font: Font,
    /** The face's GPOS and GSUB tables, read when a word is first shaped here (not for runs kept from an earlier build). */
    private readonly tablesOf: () => FontTables,
    readonly style: TextStyle,
  ) {
    this.features = style.smallCaps ? ['smcp'] : undefined;
  }

  private single(cp: number): GlyphInfo | null {
    let info = this.singles.get(cp);
    if (info === undefined) {
      const run = this.font.layout(String.fromCodePoint(cp), this.features);
      const p = run.positions[0];
      info =
        run.glyphs.length === 1 && !p.xOffset && !p.yOffset && p.xAdvance === run.glyphs[0].advanceWidth
          ? { id: run.glyphs[0].id, advance: p.xAdvance }
          : COMPLEX;
      this.singles.set(cp, info);
    }
    return info;
  }

  /**
   * The kerning between two glyphs (keyed by code point, or past 0x10FFFF by ligature glyph), or null when
   * the pair shapes into something other than two glyphs.
   */
  private kern(a: number, b: number, ga: GlyphInfo, gb: GlyphInfo): number | null {
    // By glyph: contextual rules see glyphs, not characters. A small integer key keeps the map fast.
    const key = ga.id < 0x8000 && gb.id < 0x8000 ? ga.id * 0x8000 + gb.id : `${ga.id},${gb.id}`;
    let k = this.pairs.get(key);
    if (k === undefined) {
      const tables = this.tablesOf();
      if (tables.plain && !tables.isInvolved(ga.id) && !tables.isInvolved(gb.id)) k = tables.kern(ga.id, gb.id);
      else if (a >= 0x110000 || b >= 0x110000) k = COMPLEX;
      else {
        // A glyph that a contextual form or a mark could involve: ask fontkit what the pair becomes.
        const run = this.font.layout(String.fromCodePoint(a, b), this.features);
        const [pa, pb] = run.positions;
        const plain =
          run.glyphs.length === 2 &&
          run.glyphs[0].id === ga.id &&
          run.glyphs[1].id === gb.id &&
          !pa.xOffset &&
          !pa.yOffset &&
          !pb.xOffset &&
          !pb.yOffset &&
          pb.xAdvance === gb.advance;
        k = plain ? pa.xAdvance - ga.advance : COMPLEX;
      }
      this.pairs.set(key, k);
    }
    return k;
  }

  /** The runs shaped so far, without their style (the shaper's own): for the next build's cache. */
  saved(): SavedRun[] {
    return [...this.runs].map(([text, r]) => [text, r.glyphs, r.advances, r.offsets, r.codePoints, r.width]);
  }

  /** Runs an earlier build shaped with the same font. */
  seed(runs: SavedRun[]): void {
    for (const saved of runs) if (!this.runs.has(saved[0])) this.seeded.set(saved[0], saved);
  }

  /** Runs shaped by this build (not taken from an earlier one). */
  shapedHere = 0;

  /** The text a run of this shaper's was shaped from. */
  textOf(run: ShapedRun): string | undefined {
    return this.texts.get(run);
  }

  shape(text: string): ShapedRun {
    let run = this.runs.get(text);
    if (!run) {
      const saved = this.seeded.get(text);
      if (saved) {
        const [, glyphs, advances, offsets, codePoints, width] = saved;
        run = { style: this.style, glyphs, advances, offsets, codePoints, width };
      } else {
        run = this.assemble(text) ?? this.viaFontkit(text);
        this.shapedHere++;
      }
      this.runs.set(text, run);
      this.texts.set(run, text);
    }
    return run;
  }

  private assemble(text: string): ShapedRun | undefined {
    const cps: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i)!;
      cps.push(c);
      if (c > 0xffff) i++;
    }
    const glyphs: number[] = [];
    const advances: number[] = [];
    const codePoints: number[][] = [];
    let width = 0;
    let prevKey = -1;
    let prev: GlyphInfo | null = null;
    for (let i = 0; i < cps.length; ) {
      const cp = cps[i];
      let g = this.single(cp);
      if (!g) return undefined;
      let used = 1;
      // Pairs are cached by code point; a ligature by its glyph, offset past any code point.
      let key = cp;
      const tables = this.tablesOf();
      const lig = tables.beginsLigature(g.id)
        ? tables.ligature(g.id, (k) => (i + k < cps.length ? this.single(cps[i + k])?.id : undefined))
        : undefined;
      if (lig) {
        g = this.ligatureGlyph(lig.glyph);
        used = lig.length;
        key = 0x110000 + lig.glyph;
      }
      if (prev) {
        const k = this.kern(prevKey, key, prev, g);
        if (k === null) return undefined;
        advances[advances.length - 1] += k;
        width += k;
      }
      glyphs.push(g.id);
      advances.push(g.advance);
      codePoints.push(used === 1 ? oneCodePoint(cp) : cps.slice(i, i + used));
      width += g.advance;
      prev = g;
      prevKey = key;
      i += used;
    }
    return { style: this.style, glyphs, advances, offsets: null, codePoints, width };
  }

  private readonly ligatures = new Map<number, GlyphInfo>();

  private ligatureGlyph(id: number): GlyphInfo {
    let g = this.ligatures.get(id);
    if (!g) {
      g = { id, advance: this.font.getGlyph(id).advanceWidth };
      this.ligatures.set(id, g);
    }
    return g;
  }

  private viaFontkit(text: string): ShapedRun {
    const r = this.font.layout(text, this.features);
    const offsets = r.positions.some((p) => p.xOffset || p.yOffset)
      ? r.positions.map((p) => ({ x: p.xOffset, y: p.yOffset }))
      : null;
    return {
      style: this.style,
      glyphs: r.glyphs.map((g) => g.id),
      advances: r.positions.map((p) => p.xAdvance),
      offsets,
      codePoints: r.glyphs.map((g) => g.codePoints),
      width: r.positions.reduce((sum, p) => sum + p.xAdvance, 0),
    };
  }

  /** Advance of one character without kerning: enough to divide a measured word among its syllables. */
  advance(cp: number): number {
    return this.single(cp)?.advance ?? this.font.layout(String.fromCodePoint(cp), this.features).advanceWidth;
  }
}

/** A shaped run as the build cache keeps it: text, glyphs, advances, offsets, code points, width. */
export type SavedRun = [string, number[], number[], ShapedRun['offsets'], number[][], number];
/** Every style's runs, by style key (`regular`, `italic+smcp`, …). */
export type SavedShaping = Record<string, SavedRun[]>;

/** The book's four faces, each shaped with or without small caps. */
export class Shaper {
  private readonly shapers = new Map<string, StyleShaper>();
  private readonly tables = new Map<FaceName, FontTables>();
  private readonly smallCaps = new Map<FaceName, boolean>();
  private readonly bounds = new Map<string, { minX: number; maxX: number; advance: number }>();
  /** fontkit decodes `unitsPerEm` from the head table on every read. */
  private readonly upem: Record<FaceName, number>;
  /**
   * The items the paragraph setter made of each word, per style and setting (src/pdf/layout/items.ts): they
   * depend on these fonts' measures, so they live and die with the shaper, one per build.
   */
  readonly itemCache = new Map<string, Map<string, unknown>>();
  /** Paragraphs set by an earlier build with these fonts (the build cache), and those this build set. */
  paragraphs = new ParagraphMemo();

  constructor(readonly faces: Record<FaceName, Font>) {
    this.upem = {
      regular: faces.regular.unitsPerEm,
      italic: faces.italic.unitsPerEm,
      bold: faces.bold.unitsPerEm,
      boldItalic: faces.boldItalic.unitsPerEm,
      display: faces.display.unitsPerEm,
      symbol: faces.symbol.unitsPerEm,
    };
  }

  /**
   * What this shaper has shaped, to seed the next build's (shaping is most of the cost of laying out a
   * novel the first time, and the same words come back). Valid for these very fonts only.
   */
  saved(): SavedShaping {
    const out: SavedShaping = {};
    for (const [key, s] of this.shapers) out[key] = s.saved();
    return out;
  }

  /** Whether this build shaped any run an earlier one had not (the cache is then worth writing again). */
  shapedAny(): boolean {
    return [...this.shapers.values()].some((s) => s.shapedHere > 0);
  }

  /** Words an earlier build shaped with these fonts: they are not shaped again. */
  seed(saved: SavedShaping): void {
    for (const [key, runs] of Object.entries(saved)) {
      const [face, smcp] = key.split('+');
      if (!FACE_NAMES.includes(face as FaceName) || (smcp !== undefined && smcp !== 'smcp')) continue;
      this.for({ face: face as FaceName, smallCaps: smcp === 'smcp' }).seed(runs);
    }
  }

  private for(style: TextStyle): StyleShaper {
    const key = `${style.face}${style.smallCaps ? '+smcp' : ''}`;
    let s = this.shapers.get(key);
    if (!s) {
      const face = style.face;
      const tablesOf = () => {
        let tables = this.tables.get(face);
        if (!tables) {
          tables = new FontTables(this.faces[face]);
          this.tables.set(face, tables);
        }
        return tables;
      };
      s = new StyleShaper(this.faces[face], tablesOf, { face, smallCaps: style.smallCaps });
      this.shapers.set(key, s);
    }
    return s;
  }

  shape(text: string, style: TextStyle): ShapedRun {
    return this.for(style).shape(text);
  }

  /** The text a run was shaped from, when this shaper made it. */
  textOf(run: ShapedRun): string | undefined {
    const key = `${run.style.face}${run.style.smallCaps ? '+smcp' : ''}`;
    return this.shapers.get(key)?.textOf(run);
  }

  /** Width of text in points at a size. */
  width(text: string, style: TextStyle, size: number): number {
    return (this.shape(text, style).width * size) / this.upem[style.face];
  }

  advance(cp: number, style: TextStyle): number {
    return this.for(style).advance(cp);
  }

  /** Whether the face has true small capitals (OpenType `smcp`); without them they are synthesised. */
  hasSmallCaps(face: FaceName): boolean {
    let has = this.smallCaps.get(face);
    if (has === undefined) {
      has = this.faces[face].availableFeatures.includes('smcp');
      this.smallCaps.set(face, has);
    }
    return has;
  }

  hasGlyph(text: string, face: FaceName): boolean {
    return [...text].every((ch) => this.faces[face].hasGlyphForCodePoint(ch.codePointAt(0)!));
  }

  unitsPerEm(face: FaceName): number {
    return this.upem[face];
  }

  /** How far a run's ink reaches past its first and last pen positions, in points (positive = outwards). */
  overhang(run: ShapedRun, size: number): { left: number; right: number } {
    if (run.glyphs.length === 0) return { left: 0, right: 0 };
    const scale = size / this.upem[run.style.face];
    const first = this.glyphBounds(run.style.face, run.glyphs[0]);
    const lastIndex = run.glyphs.length - 1;
    const last = this.glyphBounds(run.style.face, run.glyphs[lastIndex]);
    return { left: Math.max(0, -first.minX * scale), right: Math.max(0, (last.maxX - last.advance) * scale) };
  }

  private glyphBounds(face: FaceName, id: number): { minX: number; maxX: number; advance: number } {
    const key = `${face}:${id}`;
    let b = this.bounds.get(key);
    if (!b) {
      const glyph = this.faces[face].getGlyph(id);
      // The control box (from the glyph's header in a TrueType font): it holds the outline, and unlike the
      // exact box it needs no curve evaluated. A little larger at most, so the safe-area check stays safe.
      const bbox = (glyph as unknown as { cbox: typeof glyph.bbox }).cbox;
      b = Number.isFinite(bbox.minX)
        ? { minX: bbox.minX, maxX: bbox.maxX, advance: glyph.advanceWidth }
        : { minX: 0, maxX: 0, advance: glyph.advanceWidth };
      this.bounds.set(key, b);
    }
    return b;
  }
}
