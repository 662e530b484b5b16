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
