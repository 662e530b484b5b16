/**
 * The designs a writer picks from (book.yaml `design:`), each a file of this folder, and the one the
 * book gets: the named design with the writer's overrides laid over it.
 */
import { classic } from './classic.js';
import type { Design, FontFamily, NumberForm } from './design.js';
import { fantasy } from './fantasy.js';
import { largePrint } from './large-print.js';
import { literary } from './literary.js';
import { manuscript } from './manuscript.js';
import { modern } from './modern.js';
import { romance } from './romance.js';

export type { Design } from './design.js';

export const DESIGNS: readonly Design[] = [classic, literary, modern, fantasy, romance, largePrint, manuscript];

export const DESIGN_IDS = ['classic', 'literary', 'modern', 'fantasy', 'romance', 'large-print', 'manuscript'] as const;
export type DesignId = (typeof DESIGN_IDS)[number];

export const DEFAULT_DESIGN: Design = classic;

/** What book.yaml's `design:` may change of the design it names. */
export interface DesignOverrides {
  name?: DesignId;
  chapterNumber?: NumberForm;
  chapterLabel?: boolean;
  dropCap?: boolean | 2 | 3;
  leadIn?: boolean | number | 'line';
  sceneBreak?: string;
  /** A picture for the ornament between scenes: its path in the book folder (the reader loads it). */
  sceneBreakImage?: string;
  ornament?: string | false;
  fonts?: { body?: FontFamily; display?: FontFamily };
  ebookFonts?: boolean;
}

/** The design book.yaml asks for: a name, or a mapping of a name and overrides; classic when absent. */
export function resolveDesign(given: DesignId | DesignOverrides | undefined): Design {
  const o: DesignOverrides = typeof given === 'string' ? { name: given } : (given ?? {});
  const base = DESIGNS.find((d) => d.id === (o.name ?? DEFAULT_DESIGN.id)) ?? DEFAULT_DESIGN;
  const leadIn =
    o.leadIn === undefined ? base.opening.leadIn : o.leadIn === true ? 2 : o.leadIn === false ? 0 : o.leadIn;
  const dropCap =
    o.dropCap === undefined ? base.opening.dropCap : o.dropCap === true ? base.opening.dropCap || 3 : o.dropCap || 0;
  return {
    ...base,
    fonts: { ...base.fonts, ...o.fonts },
    chapter: {
      ...base.chapter,
      ...(o.chapterNumber ? { number: o.chapterNumber } : {}),
      ...(o.chapterLabel !== undefined ? { label: o.chapterLabel } : {}),
      ...(o.ornament !== undefined ? { ornament: o.ornament === false ? [] : [o.ornament] } : {}),
    },
    opening: { ...base.opening, dropCap, leadIn },
    ...(o.sceneBreak ? { sceneBreak: [o.sceneBreak, ...base.sceneBreak] } : {}),
    ...(o.ebookFonts !== undefined ? { ebookFonts: o.ebookFonts } : {}),
  };
}
