/**
 * Turns text into positioned glyphs with the font's own advances and kerning, and remembers the result.
 * The layout measures with these runs and the renderer draws the very same runs, so the widths the
 * line breaker used and the widths on the page cannot disagree.
 *
 * Shaping a word with fontkit costs about 0.1 ms, too much for a novel's hundred thousand words. Most words
 * are a row of glyphs with pair kerning, so a word is assembled from cached single glyphs and cached pairs;
 * a word in which any pair does something else (a ligature, a mark, a contextual form) goes to fontkit whole.
 */
import type { Font } from 'fontkit';

export type FaceName = 'regular' | 'italic' | 'bold' | 'boldItalic';
export const FACE_NAMES: readonly FaceName[] = ['regular', 'italic', 'bold', 'boldItalic'];

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

/** Characters whose pairs are shaped in advance. */
const COMMON = 'abcdefghijklmnopqrstuvwxyz.,;:!?\u2019\u201d';

class StyleShaper {
  private readonly runs = new Map<string, ShapedRun>();
  private readonly singles = new Map<number, GlyphInfo | null>();
  private readonly pairs = new Map<string, number | null>();
  private readonly features: string[] | undefined;

  constructor(
    private readonly font: Font,
    readonly style: TextStyle,
  ) {
    this.features = style.smallCaps ? ['smcp'] : undefined;
  }

  private single(cp: number): GlyphInfo | null {
    let info = this.singles.get(cp);
    if (info === undefined) {
      const run = this.font.layout(String.fromCodePoint(cp), this.features);
      const p = run.positions[0];
      info = run.glyphs.length === 1 && !p.xOffset && !p.yOffset && p.xAdvance === run.glyphs[0].advanceWidth ? { id: run.glyphs[0].id, advance: p.xAdvance } : COMPLEX;
      this.singles.set(cp, info);
    }
    return info;
  }

  /**
   * Shapes every pair of common characters in one fontkit call (pairs separated by spaces): one call of
   * a few thousand glyphs costs far less than thousands of calls of two.
   */
  private prefetch(): void {
    const cps = [...COMMON].map((c) => c.codePointAt(0)!).filter((cp) => this.single(cp));
    let text = '';
    for (const a of cps) for (const b of cps) text += `${String.fromCodePoint(a, b)} `;
    const run = this.font.layout(text, this.features);
    const space = this.single(32);
    let g = 0;
    for (const a of cps) {
      for (const b of cps) {
        const ga = this.single(a)!;
        const gb = this.single(b)!;
        const key = `${a},${b}`;
        // Expect exactly [a, b, space]; anything else (a ligature, a substitution) is shaped the slow way.
        const glyphs = run.glyphs;
        const ok =
          g + 2 < glyphs.length &&
          glyphs[g].id === ga.id && glyphs[g].codePoints.length === 1 && glyphs[g].codePoints[0] === a &&
          glyphs[g + 1].id === gb.id && glyphs[g + 1].codePoints.length === 1 && glyphs[g + 1].codePoints[0] === b &&
          space !== null && glyphs[g + 2].id === space.id &&
          !run.positions[g].xOffset && !run.positions[g].yOffset && !run.positions[g + 1].xOffset && !run.positions[g + 1].yOffset;
        if (ok) {
          this.pairs.set(key, run.positions[g].xAdvance - ga.advance);
          g += 3;
        } else {
          // Resynchronise on the next space that follows this pair.
          let used = 0;
          while (g < glyphs.length && used < 2) {
            used += glyphs[g].codePoints.length;
            g++;
          }
          while (g < glyphs.length && glyphs[g].codePoints[0] !== 32) g++;
          g++;
        }
      }
    }
    this.prefetched = true;
  }

  private prefetched = false;

  /** The kerning between two glyphs, or null when the pair shapes into something other than two glyphs. */
  private kern(a: number, b: number, ga: GlyphInfo, gb: GlyphInfo): number | null {
    if (!this.prefetched && !this.style.smallCaps) this.prefetch();
    const key = `${a},${b}`;
    let k = this.pairs.get(key);
    if (k === undefined) {
      const run = this.font.layout(String.fromCodePoint(a, b), this.features);
      const [pa, pb] = run.positions;
      const plain = run.glyphs.length === 2 && run.glyphs[0].id === ga.id && run.glyphs[1].id === gb.id && !pa.xOffset && !pa.yOffset && !pb.xOffset && !pb.yOffset && pb.xAdvance === gb.advance;
      k = plain ? pa.xAdvance - ga.advance : COMPLEX;
      this.pairs.set(key, k);
    }
    return k;
  }

  shape(text: string): ShapedRun {
    let run = this.runs.get(text);
    if (!run) {
      run = this.assemble(text) ?? this.viaFontkit(text);
      this.runs.set(text, run);
    }
    return run;
  }

  private assemble(text: string): ShapedRun | undefined {
    const glyphs: number[] = [];
    const advances: number[] = [];
    const codePoints: number[][] = [];
    let width = 0;
    let prevCp = -1;
    let prev: GlyphInfo | null = null;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const g = this.single(cp);
      if (!g) return undefined;
      if (prev) {
        const k = this.kern(prevCp, cp, prev, g);
        if (k === null) return undefined;
        advances[advances.length - 1] += k;
        width += k;
      }
      glyphs.push(g.id);
      advances.push(g.advance);
      codePoints.push([cp]);
      width += g.advance;
      prev = g;
      prevCp = cp;
    }
    return { style: this.style, glyphs, advances, offsets: null, codePoints, width };
  }

  private viaFontkit(text: string): ShapedRun {
    const r = this.font.layout(text, this.features);
    const offsets = r.positions.some((p) => p.xOffset || p.yOffset) ? r.positions.map((p) => ({ x: p.xOffset, y: p.yOffset })) : null;
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

/** The book's four faces, each shaped with or without small caps. */
export class Shaper {
  private readonly shapers = new Map<string, StyleShaper>();
  private readonly bounds = new Map<string, { minX: number; maxX: number }>();
  /** fontkit decodes `unitsPerEm` from the head table on every read. */
  private readonly upem: Record<FaceName, number>;

  constructor(readonly faces: Record<FaceName, Font>) {
    this.upem = { regular: faces.regular.unitsPerEm, italic: faces.italic.unitsPerEm, bold: faces.bold.unitsPerEm, boldItalic: faces.boldItalic.unitsPerEm };
  }

  private for(style: TextStyle): StyleShaper {
    const key = `${style.face}${style.smallCaps ? '+smcp' : ''}`;
    let s = this.shapers.get(key);
    if (!s) {
      s = new StyleShaper(this.faces[style.face], { face: style.face, smallCaps: style.smallCaps });
      this.shapers.set(key, s);
    }
    return s;
  }

  shape(text: string, style: TextStyle): ShapedRun {
    return this.for(style).shape(text);
  }

  /** Width of text in points at a size. */
  width(text: string, style: TextStyle, size: number): number {
    return (this.shape(text, style).width * size) / this.upem[style.face];
  }

  advance(cp: number, style: TextStyle): number {
    return this.for(style).advance(cp);
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
    const lastAdvance = this.faces[run.style.face].getGlyph(run.glyphs[lastIndex]).advanceWidth;
    return { left: Math.max(0, -first.minX * scale), right: Math.max(0, (last.maxX - lastAdvance) * scale) };
  }

  private glyphBounds(face: FaceName, id: number): { minX: number; maxX: number } {
    const key = `${face}:${id}`;
    let b = this.bounds.get(key);
    if (!b) {
      const bbox = this.faces[face].getGlyph(id).bbox;
      b = Number.isFinite(bbox.minX) ? { minX: bbox.minX, maxX: bbox.maxX } : { minX: 0, maxX: 0 };
      this.bounds.set(key, b);
    }
    return b;
  }
}
