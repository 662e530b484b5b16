/**
 * The full-wrap print cover's size: back, spine and front side by side, with bleed on every outer edge.
 * Width = bleed + trim width + spine + trim width + bleed; height = bleed + trim height + bleed. The spine
 * comes from the interior's final page count and the paper. All lengths in points (1/72 in); rectangles
 * from the top left of the whole sheet.
 */
import { INCH, type TrimSize } from '../pdf/layout/geometry.js';

/** Bleed on every outer edge of a cover (KDP and IngramSpark both ask for 0.125 in). */
export const COVER_BLEED = 0.125 * INCH;
/** Text and logos stay this far inside each trim edge and each fold. */
export const SAFETY = 0.125 * INCH;
/** Spine text stays this far from each fold. */
export const SPINE_CLEARANCE = 0.0625 * INCH;
/** KDP prints no spine text on a book of fewer pages. */
export const MIN_SPINE_TEXT_PAGES = 80;
/** The white box KDP prints the barcode into, at the lower right of the back. */
export const BARCODE = { width: 2 * INCH, height: 1.2 * INCH, inset: 0.25 * INCH };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CoverGeometry {
  trim: TrimSize;
  pages: number;
  bleed: number;
  spine: number;
  /** The whole sheet, bleed included. */
  width: number;
  height: number;
  /** The trimmed panels. */
  back: Rect;
  spineRect: Rect;
  front: Rect;
  /** The whole cover after trimming. */
  trimBox: Rect;
}

export function coverGeometry(trim: TrimSize, pages: number, spine: number): CoverGeometry {
  const b = COVER_BLEED;
  const width = 2 * b + 2 * trim.width + spine;
  const height = 2 * b + trim.height;
  return {
    trim,
    pages,
    bleed: b,
    spine,
    width,
    height,
    back: { x: b, y: b, width: trim.width, height: trim.height },
    spineRect: { x: b + trim.width, y: b, width: spine, height: trim.height },
    front: { x: b + trim.width + spine, y: b, width: trim.width, height: trim.height },
    trimBox: { x: b, y: b, width: 2 * trim.width + spine, height: trim.height },
  };
}
