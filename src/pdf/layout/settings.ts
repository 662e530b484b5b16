/** How a paragraph is set: its measure, size, alignment and the breaker's tolerances. */
import type { Hyphenator } from './hyphenate.js';
import type { Shaper } from './shaper.js';

export type Align = 'justify' | 'left' | 'center' | 'right';

export interface ParagraphSettings {
  shaper: Shaper;
  hyphenator: Hyphenator;
  /** Font size in points. */
  size: number;
  /** Width of the text block in points. */
  measure: number;
  /** First-line indent in points. */
  indent: number;
  align: Align;
  /** Number of words at the start set in small caps (a chapter's opening). */
  smallCapWords?: number;
  /**
   * A drop cap's room: the first `chars` characters of the text are left out (the cap sets them), and the
   * first `lines` lines are `width` points shorter, starting that far in.
   */
  cutout?: Cutout;
  /** Interword glue in multiples of the font's own space: natural width, stretch, shrink. */
  space: { width: number; stretch: number; shrink: number };
  /** How far glyphs of a justified line may widen and narrow, as a share of their width (0.02 is 2 %). */
  expansion?: { stretch: number; shrink: number };
  /** Largest badness of the natural breaking's lines... */
  tolerance: number;
  /** ...and of the lines of a paragraph made a line longer or shorter for pagination. */
  loosenessTolerance: number;
  hyphenPenalty: number;
  explicitHyphenPenalty: number;
  /** Hyphenate capitalised words (names) too: the last resort before loose lines. */
  hyphenateNames?: boolean;
  /** Try without hyphenation first at this tolerance (TeX's \pretolerance); negative skips that pass. */
  pretolerance: number;
}

export interface Cutout {
  lines: number;
  width: number;
  chars: number;
}

/** No drop cap. */
export const NO_CUTOUT: Cutout = { lines: 0, width: 0, chars: 0 };

/** The measure of line `line` (from 0) of a paragraph: shorter beside a drop cap. */
export function lineMeasure(s: ParagraphSettings, line: number): number {
  return s.cutout && line < s.cutout.lines ? s.measure - s.cutout.width : s.measure;
}

/**
 * The settings as one object shape, whatever spread made them (a settings object per call site would make
 * the breaker's reads polymorphic).
 */
export function settingsShape(s: ParagraphSettings): ParagraphSettings {
  return {
    shaper: s.shaper,
    hyphenator: s.hyphenator,
    size: s.size,
    measure: s.measure,
    indent: s.indent,
    align: s.align,
    smallCapWords: s.smallCapWords ?? 0,
    cutout: s.cutout ?? NO_CUTOUT,
    space: s.space,
    expansion: s.expansion,
    tolerance: s.tolerance,
    loosenessTolerance: s.loosenessTolerance,
    hyphenPenalty: s.hyphenPenalty,
    explicitHyphenPenalty: s.explicitHyphenPenalty,
    hyphenateNames: s.hyphenateNames ?? false,
    pretolerance: s.pretolerance,
  };
}
