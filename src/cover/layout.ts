/**
 * The print cover laid out: back, spine and front on one sheet. Pure: the model, the interior's page count
 * and a shaper in; filled rectangles, placed images and lines of glyphs out, for the renderer to draw.
 *
 * Without artwork the front is typographic: the title large a quarter of the way down, a short rule, the
 * author near the foot, in the book's own face. The back carries the blurb, set justified by the same
 * line breaker as the interior, and keeps the lower right free for the barcode KDP prints. The spine
 * carries title and author (and the imprint) only when the book is thick enough to hold them.
 */
import type { Asset, Book } from '../model/book.js';
import { displayLines, proseSettings, type PlacedLine } from '../pdf/layout/book.js';
import { INCH, type TrimSize } from '../pdf/layout/geometry.js';
import type { Hyphenator } from '../pdf/layout/hyphenate.js';
import { setParagraph, type SetLine } from '../pdf/layout/paragraph.js';
import type { Shaper } from '../pdf/layout/shaper.js';
import {
  BARCODE,
  coverGeometry,
  MIN_SPINE_TEXT_PAGES,
  SAFETY,
  SPINE_CLEARANCE,
  type CoverGeometry,
  type Rect,
} from './geometry.js';

export type Cmyk = readonly [number, number, number, number];

export interface CoverSettings {
  trim: TrimSize;
  pages: number;
  spine: number;
  /** Body text size of the interior: the blurb is set a little larger. */
  fontSize: number;
  direction: 'top-to-bottom' | 'bottom-to-top';
}

export interface PlacedCoverImage {
  asset: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The panel (with its bleed) the image is cut to. */
  clip: Rect;
}

export interface LaidCover {
  geometry: CoverGeometry;
  /** The colour under everything, when the design has one. */
  background?: Cmyk;
  /** Rectangles over the artwork: the rule on the front, the barcode box. */
  fills: { rect: Rect; cmyk: Cmyk }[];
  images: PlacedCoverImage[];
  /** Lines with x and y from the sheet's top left. */
  lines: PlacedLine[];
  barcode: Rect;
  /** Whether the spine carries text; when the book is thick enough but the spine cannot hold legible text. */
  spineText: boolean;
  spineTooThin: boolean;
  /** Lines of the blurb that did not fit above the barcode. */
  blurbOverflow: number;
  /** Where text must stay: each line's panel, less the safety margin. */
  textAreas: { line: PlacedLine; area: Rect }[];
}

const WHITE: Cmyk = [0, 0, 0, 0];
const BLACK: Cmyk = [0, 0, 0, 1];

/** A #rrggbb colour as CMYK (the plain conversion, without a colour profile), and whether it is dark. */
export function colourOf(hex: string): { cmyk: Cmyk; dark: boolean } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const k = 1 - Math.max(r, g, b);
  const cmyk: Cmyk = k >= 1 ? [0, 0, 0, 1] : [(1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k];
  return { cmyk, dark: 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 };
}

/** An image scaled to fill a rectangle (never stretched: the overflow is cut off by the clip). */
function fillWith(asset: Asset, rect: Rect): PlacedCoverImage | undefined {
  if (!asset.width || !asset.height) return undefined;
  const scale = Math.max(rect.width / asset.width, rect.height / asset.height);
  const width = asset.width * scale;
  const height = asset.height * scale;
  return {
    asset: asset.id,
    x: rect.x + (rect.width - width) / 2,
    y: rect.y + (rect.height - height) / 2,
    width,
    height,
    clip: rect,
  };
}

function inset(r: Rect, by: number): Rect {
  return { x: r.x + by, y: r.y + by, width: r.width - 2 * by, height: r.height - 2 * by };
}

function authorOf(book: Book): string {
  return book.metadata.creators
    .filter((c) => c.role === 'aut')
    .map((c) => c.name)
    .join(' & ');
}

/**
 * A typographic front in a panel: the title large a quarter of the way down (the subtitle in italic under
 * it), a short rule, the author's name in small capitals near the foot. Shared by the print cover and the
 * ebook's cover image. `ink` is the text's gray (1 on a dark background).
 */
export function layoutFront(book: Book, panel: Rect, shaper: Shaper, ink: number): { lines: PlacedLine[]; rule: Rect } {
  const m = book.metadata;
  const lines: PlacedLine[] = [];
  const margin = 0.6 * INCH;
  const measure = panel.width - 2 * margin;
  const titleSize = Math.min(40, Math.max(24, Math.round(panel.width * 0.075)));
  let y = panel.y + panel.height * 0.25;
  const centred = (set: SetLine[], leading: number) => {
    for (const l of set) {
      y += leading;
      lines.push({
        x: panel.x + margin + (measure - l.width) / 2,
        y,
        fragments: l.fragments,
        role: 'display',
        gray: ink,
      });
    }
  };
  centred(displayLines(m.title, titleSize, measure, shaper), titleSize * 1.15);
  if (m.subtitle) {
    y += titleSize * 0.3;
    centred(
      displayLines(m.subtitle, titleSize * 0.45, measure, shaper, { face: 'italic', smallCaps: false }),
      titleSize * 0.6,
    );
  }
  y += titleSize * 0.9;
  const rule = { x: panel.x + panel.width / 2 - 0.375 * INCH, y, width: 0.75 * INCH, height: 0.75 };
  const author = authorOf(book);
  if (author) {
    y = panel.y + panel.height * 0.8;
    centred(displayLines(author, titleSize * 0.55, measure, shaper, { face: 'regular', smallCaps: true }), 0);
  }
  return { lines, rule };
}

export function layoutCover(book: Book, s: CoverSettings, shaper: Shaper, hyphenator: Hyphenator): LaidCover {
  const geo = coverGeometry(s.trim, s.pages, s.spine);
  const { back, front, spineRect: spine, bleed } = geo;
  const design = book.coverDesign ?? { blurb: [] };
  const colour = design.background ? colourOf(design.background) : { cmyk: WHITE, dark: false };
  const ink = colour.dark ? 1 : 0;
  const fills: LaidCover['fills'] = [];
  const images: PlacedCoverImage[] = [];
  const lines: PlacedLine[] = [];
  const textAreas: LaidCover['textAreas'] = [];
  const put = (l: PlacedLine, area: Rect) => {
    lines.push(l);
    textAreas.push({ line: l, area });
  };

  // Artwork fills its panel and the bleed beyond it.
  const frontArt = book.cover ? book.assets.get(book.cover) : undefined;
  const backArt = design.back ? book.assets.get(design.back) : undefined;
  if (backArt) {
    const img = fillWith(backArt, { x: 0, y: 0, width: back.x + back.width, height: geo.height });
    if (img) images.push(img);
  }
  if (frontArt) {
    const img = fillWith(frontArt, { x: front.x, y: 0, width: front.width + bleed, height: geo.height });
    if (img) images.push(img);
  }

  // The front, typographic, when there is no artwork.
  const m = book.metadata;
  const author = authorOf(book);
  if (!frontArt) {
    const typographic = layoutFront(book, front, shaper, ink);
    for (const l of typographic.lines) put(l, inset(front, SAFETY));
    fills.push({ rect: typographic.rule, cmyk: colour.dark ? WHITE : BLACK });
  }

  // The back: the blurb above the barcode box.
  const barcode: Rect = {
    x: back.x + back.width - BARCODE.inset - BARCODE.width,
    y: back.y + back.height - BARCODE.inset - BARCODE.height,
    width: BARCODE.width,
    height: BARCODE.height,
  };
  let blurbOverflow = 0;
  if (design.blurb.length) {
    const margin = 0.75 * INCH;
    const size = s.fontSize + 0.5;
    const leading = Math.round(size * 1.35 * 2) / 2;
    const settings = proseSettings(shaper, hyphenator, size, back.width - 2 * margin);
    const bottom = barcode.y - 0.25 * INCH;
    let y = back.y + margin;
    let first = true;
    const safe = inset(back, SAFETY);
    for (const block of design.blurb) {
      if (block.type !== 'paragraph' && block.type !== 'heading') continue;
      const heading = block.type === 'heading';
      const set = setParagraph(
        block.children,
        { ...settings, indent: first || heading ? 0 : size, align: heading ? 'center' : 'justify' },
        heading ? { face: 'italic', smallCaps: false } : undefined,
      );
      for (const l of set.lines(set.natural)) {
        y += leading;
        if (y > bottom) blurbOverflow++;
        else put({ x: back.x + margin + l.left, y, fragments: l.fragments, role: 'body', gray: ink }, safe);
      }
      first = heading;
    }
  }
  fills.push({ rect: barcode, cmyk: WHITE });

  // The spine: title from one end, author towards the other, read as the direction says.
  const canHold = s.pages >= MIN_SPINE_TEXT_PAGES;
  const room = spine.width - 2 * SPINE_CLEARANCE;
  const capHeight = shaper.faces.regular.capHeight / shaper.faces.regular.unitsPerEm || 0.66;
  // Small capitals only (no ascenders or descenders): the capitals' height must fit between the clearances.
  const spineSize = Math.min(s.fontSize * 1.1, room / capHeight);
  const spineTooThin = canHold && spineSize < 6;
  let spineText = false;
  if (canHold && !spineTooThin) {
    const end = 0.5 * INCH;
    const gap = 0.4 * INCH;
    const down = s.direction === 'top-to-bottom';
    const rotate = down ? 'down' : 'up';
    // The baseline sits so that the capitals are centred across the spine.
    const x = spine.x + spine.width / 2 + ((down ? -1 : 1) * capHeight * spineSize) / 2;
    // Where a line that starts `from` points along the spine (from its top, or its foot) begins.
    const at = (from: number) => (down ? spine.y + from : spine.y + spine.height - from);
    const lineOf = (value: string, smallCaps: boolean, size: number) =>
      displayLines(value, size, spine.height, shaper, { face: 'regular', smallCaps })[0];
    const title = lineOf(m.title, true, spineSize);
    const name = author ? lineOf(author, true, spineSize) : undefined;
    const imprint = design.imprint ? lineOf(design.imprint, true, spineSize * 0.8) : undefined;
    const length = 2 * end + title.width + (name ? gap + name.width : 0) + (imprint ? gap + imprint.width : 0);
    if (length <= spine.height) {
      spineText = true;
      lines.push({ x, y: at(end), fragments: title.fragments, role: 'display', rotate, gray: ink });
      let fromFoot = end;
      for (const l of [imprint, name]) {
        if (!l) continue;
        lines.push({
          x,
          y: at(spine.height - fromFoot - l.width),
          fragments: l.fragments,
          role: 'display',
          rotate,
          gray: ink,
        });
        fromFoot += l.width + gap;
      }
    }
  }

  return {
    geometry: geo,
    background: design.background ? colour.cmyk : undefined,
    fills,
    images,
    lines,
    barcode,
    spineText,
    spineTooThin,
    blurbOverflow,
    textAreas,
  };
}
