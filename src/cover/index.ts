/**
 * The print cover back end: the model and the interior's final page count in, `<slug>-cover.pdf` out, one
 * full-wrap page sized so that its spine matches the interior, with its own preflight.
 */
import type { MessageInput, RuleId } from '../diagnostics/diagnostic.js';
import type { Book } from '../model/book.js';
import { printFonts } from '../pdf/fonts.js';
import { INCH, spineWidth } from '../pdf/layout/geometry.js';
import { createHyphenator } from '../pdf/layout/hyphenate.js';
import { Shaper } from '../pdf/layout/shaper.js';
import type { PrintOptions } from '../pdf/index.js';
import type { PlacedLine } from '../pdf/layout/book.js';
import { PrintWriter } from '../pdf/render/draw.js';
import { MIN_SPINE_TEXT_PAGES } from './geometry.js';
import { layoutCover, type LaidCover } from './layout.js';

export interface CoverResult {
  bytes: Uint8Array;
  laid: LaidCover;
  diagnostics: MessageInput[];
}

const MIN_DPI = 300;

export async function renderCover(book: Book, options: PrintOptions, pages: number): Promise<CoverResult> {
  const fonts = printFonts(book.fonts, book.design);
  const shaper = new Shaper(fonts.faces);
  const spine = spineWidth(pages, options.paper, options.service, options.ppi);
  const laid = layoutCover(
    book,
    { trim: options.trim, pages, spine, fontSize: options.fontSize, direction: options.spineDirection },
    shaper,
    createHyphenator(book.metadata.language),
  );
  const diagnostics = coverPreflight(book, laid, options);
  const g = laid.geometry;
  // PDF/X-1a allows no RGB: a cover with RGB photographs is declared plain PDF (KDP takes RGB covers).
  const pdfx = laid.images.every((img) => {
    const colour = book.assets.get(img.asset)?.colour;
    return colour === 'gray' || colour === 'cmyk';
  });
  const w = new PrintWriter({ metadata: book.metadata, fonts: fonts.data, pdfx });
  w.page(g.width, g.height, [g.trimBox.x, g.trimBox.y, g.trimBox.x + g.trimBox.width, g.trimBox.y + g.trimBox.height]);
  if (laid.background) w.fill(0, 0, g.width, g.height, laid.background);
  for (const img of laid.images) {
    const asset = book.assets.get(img.asset);
    if (asset && (asset.mediaType === 'image/jpeg' || asset.mediaType === 'image/png'))
      w.image(asset.data, img.x, img.y, img.width, img.height, img.clip);
  }
  for (const f of laid.fills) w.fill(f.rect.x, f.rect.y, f.rect.width, f.rect.height, f.cmyk);
  for (const line of laid.lines) w.text(line, 0, 0);
  return { bytes: await w.finish(), laid, diagnostics };
}

/** Where a horizontal line's text ends. */
function rightEdge(line: PlacedLine): number {
  const last = line.fragments[line.fragments.length - 1];
  return line.x + (last ? last.x + last.width : 0);
}

/** The cover's own checks: artwork resolution and colour, the spine, the blurb's length, the safe area. */
export function coverPreflight(book: Book, laid: LaidCover, options: PrintOptions): MessageInput[] {
  const out: MessageInput[] = [];
  const warn = (rule: RuleId, message: string, hint: string, file = 'book.yaml') =>
    out.push({ severity: 'warning', rule, message, file, hint });
  for (const img of laid.images) {
    const asset = book.assets.get(img.asset);
    if (!asset?.width) continue;
    const dpi = Math.round(asset.width / (img.width / INCH));
    if (dpi < MIN_DPI) {
      warn(
        'cover-image-resolution',
        `${asset.path} prints at ${dpi} dpi on the cover; print needs ${MIN_DPI}`,
        `Use an image at least ${Math.ceil((img.width / INCH) * MIN_DPI)} × ` +
          `${Math.ceil((img.height / INCH) * MIN_DPI)} pixels.`,
        asset.path,
      );
    }
    if (options.service === 'ingramspark' && asset.colour !== 'gray' && asset.colour !== 'cmyk') {
      warn(
        'cover-image-colour',
        `${asset.path} is RGB; IngramSpark asks for covers in CMYK (PDF/X-1a)`,
        'Convert the artwork to CMYK in an image editor and save it as JPEG, or print with KDP, which takes RGB ' +
          'covers.',
        asset.path,
      );
    }
  }
  if (laid.spineTooThin) {
    warn(
      'cover-spine-thin',
      `the spine is ${(laid.geometry.spine / INCH).toFixed(3)} in wide, too thin for legible text`,
      'The spine is left without text; a thicker paper (paper: cream) or more pages widen it.',
    );
  } else if (laid.geometry.pages >= MIN_SPINE_TEXT_PAGES && !laid.spineText) {
    warn(
      'cover-spine-text',
      'the title and author are too long for the spine',
      'Shorten the title or the imprint on the spine (cover.imprint), or leave the imprint out.',
    );
  }
  if (laid.blurbOverflow) {
    warn(
      'cover-blurb-long',
      `the back-cover text is ${laid.blurbOverflow} line${laid.blurbOverflow === 1 ? '' : 's'} too long to fit ` +
        `above the barcode`,
      'Shorten cover.blurb; the lines that do not fit are left off the cover.',
    );
  }
  const outside = laid.textAreas.filter(
    ({ line, area }) => line.x < area.x - 0.01 || rightEdge(line) > area.x + area.width + 0.01,
  );
  // Nothing may print over the barcode box: a text line's box (ascenders to descenders) must stay clear.
  const b = laid.barcode;
  const overBarcode = laid.lines.filter((line) => {
    if (line.rotate) return false;
    const size = line.fragments[0]?.size ?? 0;
    return (
      line.x < b.x + b.width && rightEdge(line) > b.x && line.y + 0.3 * size > b.y && line.y - size < b.y + b.height
    );
  });
  if (overBarcode.length)
    warn(
      'cover-barcode-covered',
      `${overBarcode.length} line${overBarcode.length === 1 ? '' : 's'} of cover text print over the barcode box`,
      'Shorten the back-cover text; the lower right of the back must stay free for the barcode.',
    );
  if (outside.length)
    warn(
      'cover-safe-area',
      `${outside.length} line${outside.length === 1 ? '' : 's'} of cover text run into the 0.125 in trim margin`,
      "Shorten the title or the author's name, or a word too long for the cover.",
    );
  return out;
}
