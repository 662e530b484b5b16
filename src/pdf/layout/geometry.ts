/**
 * Page geometry of a printed book: trim size, bleed, mirrored margins with the gutter that the page count
 * needs, and the text block on a baseline grid. All lengths in PostScript points (1/72 in).
 */

export const INCH = 72;
export const MM = 72 / 25.4;

export interface TrimSize {
  /** The name a writer gives in book.yaml (`6x9`), or `custom`. */
  name: string;
  width: number;
  height: number;
}

/** Trim sizes that KDP Print and IngramSpark both offer for paperbacks, with the book sizes that suit them. */
export const TRIM_SIZES: Record<string, TrimSize & { fontSize: number; leading: number }> = {
  '5x8': { name: '5x8', width: 5 * INCH, height: 8 * INCH, fontSize: 10.5, leading: 13.5 },
  '5.25x8': { name: '5.25x8', width: 5.25 * INCH, height: 8 * INCH, fontSize: 10.5, leading: 13.5 },
  '5.5x8.5': { name: '5.5x8.5', width: 5.5 * INCH, height: 8.5 * INCH, fontSize: 11, leading: 14 },
  '6x9': { name: '6x9', width: 6 * INCH, height: 9 * INCH, fontSize: 11.5, leading: 14.5 },
  a5: { name: 'a5', width: 148 * MM, height: 210 * MM, fontSize: 11, leading: 14 },
};

export const DEFAULT_TRIM = '6x9';

/** Bleed on the outside, top and bottom edges when the book has images or colour running off the page. */
export const BLEED = 0.125 * INCH;

/**
 * KDP's minimum inside margin (gutter) by page count (KDP Help, "Set trim size, bleed, and margins").
 * IngramSpark asks for at least 0.5 in everywhere, which the defaults below meet too.
 */
export function minimumGutter(pages: number): number {
  if (pages <= 150) return 0.375 * INCH;
  if (pages <= 300) return 0.5 * INCH;
  if (pages <= 500) return 0.625 * INCH;
  if (pages <= 700) return 0.75 * INCH;
  return 0.875 * INCH;
}

export interface Margins {
  top: number;
  bottom: number;
  inside: number;
  outside: number;
}

export interface Geometry {
  trim: TrimSize;
  /** Bleed added on the outside, top and bottom (0 without bleed). */
  bleed: number;
  margins: Margins;
  fontSize: number;
  /** Baseline-to-baseline distance of the body text: the grid. */
  leading: number;
  /** Width of the text block. */
  measure: number;
  /** Body lines on a full page. */
  lines: number;
  /** Baseline of the first body line, from the top of the trimmed page. */
  firstBaseline: number;
  /** Baseline of the running head. */
  headBaseline: number;
  /** Baseline of the folio (page number) at the foot. */
  folioBaseline: number;
}

export interface GeometryOptions {
  trim: TrimSize;
  bleed: boolean;
  fontSize: number;
  leading: number;
  /** Page count the gutter is chosen for. */
  pages: number;
  margins?: Partial<Margins>;
  /** Space kept beyond the minimum gutter when `margins` gives no inside margin (GUTTER_EASE unless said). */
  gutterEase?: number;
}

/** Space kept beyond KDP's minimum gutter, so that text does not run into the fold of a thick book. */
const GUTTER_EASE = 0.25 * INCH;

export function pageGeometry(o: GeometryOptions): Geometry {
  const margins: Margins = {
    top: o.margins?.top ?? 0.6 * INCH,
    bottom: o.margins?.bottom ?? 0.6 * INCH,
    outside: o.margins?.outside ?? 0.5 * INCH,
    inside: o.margins?.inside ?? minimumGutter(o.pages) + (o.gutterEase ?? GUTTER_EASE),
  };
  const { fontSize, leading } = o;
  const measure = o.trim.width - margins.inside - margins.outside;
  // The running head sits at the top of the live area, its cap height below the margin; the folio's baseline
  // stands on the bottom margin. Body text keeps two grid lines clear of both.
  const headBaseline = margins.top + 0.75 * fontSize;
  const firstBaseline = headBaseline + 2 * leading;
  const folioBaseline = o.trim.height - margins.bottom;
  const lines = Math.floor((folioBaseline - 2 * leading - firstBaseline) / leading) + 1;
  return {
    trim: o.trim,
    bleed: o.bleed ? BLEED : 0,
    margins,
    fontSize,
    leading,
    measure,
    lines,
    firstBaseline,
    headBaseline,
    folioBaseline,
  };
}

/** Left edge of the text block on a page, from the trimmed page's left edge. */
export function blockLeft(g: Geometry, recto: boolean): number {
  return recto ? g.margins.inside : g.margins.outside;
}

/**
 * Spine width for a page count: KDP's factors per page (KDP Help, "Paperback cover calculator"), or the
 * pages-per-inch value IngramSpark gives for the chosen paper.
 */
export function spineWidth(
  pages: number,
  paper: 'white' | 'cream',
  service: 'kdp' | 'ingramspark' = 'kdp',
  ppi?: number,
): number {
  if (service === 'ingramspark' && ppi) return (pages / ppi) * INCH;
  return pages * (paper === 'cream' ? 0.0025 : 0.002252) * INCH;
}
