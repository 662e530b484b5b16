/**
 * The ebook's copies of the book's pictures. The stores and reading systems take less than print does:
 * KDP and Kobo take RGB images only (a CMYK JPEG shows with inverted or muddy colours, or is refused),
 * and Apple Books takes no image over 4 million pixels (KDP's own ideal cover, 1600 × 2560, is already
 * over). A picture that breaks either rule goes into the EPUB as an sRGB copy within 4 MP at the same
 * aspect, in its own format; the print edition keeps the original. Each copy is reported.
 *
 * sharp (libvips) does the decoding, the colour conversion through the image's own ICC profile (or a
 * standard CMYK one) and the resampling; its output is the same bytes on every build. It is loaded only
 * when a picture needs a copy.
 */
import { createRequire } from 'node:module';
import type { MessageInput } from '../diagnostics/diagnostic.js';
import type { Asset, Book } from '../model/book.js';
import { sniffImage } from '../read/assets.js';

/** Apple Books' limit for any image in a book. */
export const MAX_EBOOK_PIXELS = 4_000_000;
/** A picture larger than this is refused rather than decoded (a decompression bomb in 30 MB of JPEG). */
const MAX_DECODED_PIXELS = 200_000_000;

type Sharp = typeof import('sharp').default;
const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** The size within `limit` pixels at the same aspect, or undefined when the picture is within it already. */
export function fitPixels(width: number, height: number, limit = MAX_EBOOK_PIXELS): [number, number] | undefined {
  if (width * height <= limit) return undefined;
  const scale = Math.sqrt(limit / (width * height));
  let w = Math.max(1, Math.floor(width * scale));
  let h = Math.max(1, Math.round((w * height) / width));
  while (w * h > limit) {
    w -= 1;
    h = Math.max(1, Math.round((w * height) / width));
  }
  return [w, h];
}

/** Why a picture cannot go into the ebook as it is: CMYK, too many pixels, or both. */
function reasons(asset: Asset): { cmyk: boolean; size?: [number, number] } | undefined {
  if (asset.mediaType !== 'image/jpeg' && asset.mediaType !== 'image/png') return undefined;
  const cmyk = asset.colour === 'cmyk';
  const size = asset.width && asset.height ? fitPixels(asset.width, asset.height) : undefined;
  return cmyk || size ? { cmyk, size } : undefined;
}

const px = (w: number | undefined, h: number | undefined) => `${w} × ${h} px`;

/**
 * The book with each picture the ebook cannot take as it is replaced by a copy that it can (same id, so
 * the text's references hold), and a note for each. A picture that cannot be decoded stays as it is,
 * with a warning.
 */
export async function ebookImages(book: Book): Promise<{ book: Book; messages: MessageInput[] }> {
  const todo = [...book.assets.values()].filter((a) => reasons(a));
  if (!todo.length) return { book, messages: [] };
  const sharp = load('sharp') as Sharp;
  const assets = new Map(book.assets);
  const messages: MessageInput[] = [];
  for (const asset of todo) {
    const why = reasons(asset)!;
    const what = asset.id === book.cover ? `the cover image ${asset.path}` : asset.path;
    const keeps = asset.id === book.cover ? 'the print cover keeps the original' : 'print keeps the original';
    let data: Uint8Array;
    try {
      let img = sharp(asset.data, { limitInputPixels: MAX_DECODED_PIXELS, failOn: 'error' });
      if (why.size) img = img.resize(why.size[0], why.size[1], { fit: 'fill', kernel: 'lanczos3' });
      img = img.toColourspace('srgb');
      const out =
        asset.mediaType === 'image/jpeg'
          ? img.jpeg({ quality: 90, chromaSubsampling: '4:4:4' })
          : img.png({ compressionLevel: 9, adaptiveFiltering: true });
      data = new Uint8Array(await out.toBuffer());
    } catch (err) {
      messages.push({
        severity: 'warning',
        rule: 'bad-image',
        message:
          `${what} could not be converted for the ebook (${(err as Error).message.split('\n')[0]}); it goes ` +
          `into the EPUB as it is${why.cmyk ? ', in CMYK, which KDP and Kobo do not take' : ''}`,
        file: asset.path,
        hint: 'Save the picture again as an RGB JPEG or PNG in an image editor.',
      });
      continue;
    }
    const sniffed = sniffImage(data);
    assets.set(asset.id, { ...asset, ...sniffed, data });
    const changed = [
      why.cmyk ? 'is CMYK, which KDP and Kobo do not take' : '',
      why.size
        ? `has ${(((asset.width ?? 0) * (asset.height ?? 0)) / 1e6).toFixed(1)} million pixels, over Apple ` +
          "Books' 4 million"
        : '',
    ].filter(Boolean);
    messages.push({
      severity: 'info',
      rule: 'ebook-image',
      message:
        `${what} (${px(asset.width, asset.height)}) ${changed.join(', and ')}: the EPUB has an RGB copy of ` +
        `${px(sniffed?.width, sniffed?.height)}; ${keeps}`,
      file: asset.path,
    });
  }
  return { book: { ...book, assets }, messages };
}
