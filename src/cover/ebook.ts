/**
 * The ebook's cover image. Kindle, Kobo and Apple Books show a book in the library by a raster cover; a
 * book whose writer gave no cover artwork gets the typographic front of the print cover, rendered to PNG.
 *
 * The text is drawn as glyph outlines taken from the book's own fonts (fontkit), in an SVG that resvg
 * rasterises with no fonts of its own: the image is the same on every machine, and the same bytes on
 * every build. The writer's own cover image is checked for size instead.
 */
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import type { MessageInput } from '../diagnostics/diagnostic.js';
import type { Asset, Book } from '../model/book.js';
import type { PlacedLine } from '../pdf/layout/book.js';
import type { TrimSize } from '../pdf/layout/geometry.js';
import type { FaceName, Shaper } from '../pdf/layout/shaper.js';
import { colourOf, layoutFront } from './layout.js';
import { encodeOpaquePng } from './png.js';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** Stores recommend 1600 px on the long side; below 1000 a cover looks blurred in the library. */
export const EBOOK_COVER_PX = 1600;
const MIN_COVER_PX = 1000;
/**
 * The cover Octavo makes: 1.6 times as tall as wide, as the stores ask (KDP's 1600 × 2560 shape), and
 * within Apple's 4 million pixels.
 */
export const MADE_COVER = { width: 1560, height: 2496 };

const n = (v: number) => String(Math.round(v * 100) / 100);
/** Font units to points need more places than positions. */
const fine = (v: number) => String(Math.round(v * 1e6) / 1e6);

/** Outlines of the lines' glyphs as SVG paths, positioned in points, in one group of the given fill. */
export function glyphPaths(lines: PlacedLine[], faces: Record<FaceName, Font>, fill: string): string {
  const cache = new Map<string, string>();
  const out: string[] = [];
  for (const line of lines) {
    for (const f of line.fragments) {
      const face = faces[f.run.style.face];
      const k = f.size / face.unitsPerEm;
      const h = f.hscale ?? 1;
      let pen = line.x + f.x;
      f.run.glyphs.forEach((id, i) => {
        const key = `${f.run.style.face}:${id}`;
        let d = cache.get(key);
        if (d === undefined) {
          d = (face.getGlyph(id) as unknown as { path: { toSVG(): string } }).path.toSVG();
          cache.set(key, d);
        }
        const off = f.run.offsets?.[i] ?? { x: 0, y: 0 };
        if (d)
          out.push(
            `<path transform="translate(${n(pen + off.x * k * h)} ${n(line.y - f.rise - off.y * k)}) ` +
              `scale(${fine(k * h)} ${fine(-k)})" d="${d}"/>`,
          );
        pen += f.run.advances[i] * k * h;
      });
    }
  }
  return `<g fill="${fill}">${out.join('')}</g>`;
}

/**
 * The typographic front as a PNG of MADE_COVER's size: the print cover's front set on a page as wide as the
 * trim and 1.6 times as tall. A light cover gets a thin grey border, as the stores advise, so that it does
 * not melt into a white store page.
 */
export function typographicCover(book: Book, trim: TrimSize, shaper: Shaper): Asset {
  const background = book.coverDesign?.background ?? '#ffffff';
  const { dark } = colourOf(background);
  const ink = dark ? '#ffffff' : '#000000';
  const width = trim.width;
  const height = (trim.width * MADE_COVER.height) / MADE_COVER.width;
  const front = layoutFront(book, { x: 0, y: 0, width, height }, shaper, dark ? 1 : 0);
  const rule = front.rule;
  // About 3 px of the image, inside its edge.
  const line = (3 * width) / MADE_COVER.width;
  const border = dark
    ? ''
    : `<rect x="${fine(line / 2)}" y="${fine(line / 2)}" width="${fine(width - line)}" height="${fine(height - line)}" ` +
      `fill="none" stroke="#a0a0a0" stroke-width="${fine(line)}"/>`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ` +
    `${fine(width)} ${fine(height)}">` +
    `<rect width="${fine(width)}" height="${fine(height)}" fill="${background}"/>` +
    border +
    `<rect x="${n(rule.x)}" y="${n(rule.y)}" width="${n(rule.width)}" height="${n(rule.height)}" fill="${ink}"/>` +
    glyphPaths(front.lines, shaper.faces, ink) +
    '</svg>';
  const { Resvg } = load('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: MADE_COVER.width },
    font: { loadSystemFonts: false },
  }).render();
  // Opaque (the background fills it): our encoder, with the fewest channels; resvg's for anything else.
  const data = encodeOpaquePng(image.pixels, image.width, image.height) ?? new Uint8Array(image.asPng());
  return {
    id: 'img-cover',
    path: '(cover made from the title)',
    mediaType: 'image/png',
    extension: 'png',
    data,
    width: image.width,
    height: image.height,
    colour: 'colour',
  };
}

/** The writer's cover image, checked for the size e-readers and stores need. */
export function checkEbookCover(asset: Asset): MessageInput[] {
  const long = Math.max(asset.width ?? 0, asset.height ?? 0);
  if (!long || long >= MIN_COVER_PX) return [];
  return [
    {
      severity: 'warning',
      rule: 'cover-image-small',
      message:
        `the cover image ${asset.path} is ${asset.width} × ${asset.height} px; e-reader libraries and stores ` +
        `show it blurred below ${MIN_COVER_PX} px on the long side`,
      file: asset.path,
      hint:
        `Use an image of at least ${EBOOK_COVER_PX} px on its long side (for example ` +
        `${EBOOK_COVER_PX} × ${EBOOK_COVER_PX * 1.6}, the shape the stores ask for).`,
    },
  ];
}
