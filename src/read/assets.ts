/** Images the manuscript refers to and the cover: resolved inside the book folder and read into memory. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BookError, type RuleId } from '../diagnostics/diagnostic.js';
import type { Asset, Block, Inline } from '../model/book.js';
import type { Span } from '../model/position.js';
import { urlScheme } from '../parse/urls.js';
import { isInside } from './files.js';

export const ASSETS_DIR = 'assets';
const MAX_IMAGE_BYTES = 30 * 1024 * 1024;

/** The media type from the file's first bytes, never from its name. */
export function sniffImage(
  data: Uint8Array,
): Pick<Asset, 'mediaType' | 'extension' | 'width' | 'height' | 'colour'> | undefined {
  const b = data;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // IHDR colour type: 0 grayscale, 4 grayscale with alpha, 6 colour with alpha, 2 and 3 colour.
    const type = b.length > 25 ? b[25] : undefined;
    const colour = type === 0 ? 'gray' : type === 4 || type === 6 ? 'alpha' : 'colour';
    return {
      mediaType: 'image/png',
      extension: 'png',
      width: b.length >= 24 ? view.getUint32(16) : undefined,
      height: b.length >= 24 ? view.getUint32(20) : undefined,
      colour,
    };
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return { mediaType: 'image/jpeg', extension: 'jpg', ...jpegFrame(b) };
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { mediaType: 'image/gif', extension: 'gif' };
  return undefined;
}

/** Size and colour from the JPEG start-of-frame segment: one component is grayscale, three RGB, four CMYK. */
function jpegFrame(b: Uint8Array): { width?: number; height?: number; colour: 'gray' | 'colour' | 'cmyk' } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return { colour: 'colour' };
    const marker = b[i + 1];
    const len = (b[i + 2] << 8) | b[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        height: (b[i + 5] << 8) | b[i + 6],
        width: (b[i + 7] << 8) | b[i + 8],
        colour: b[i + 9] === 1 ? 'gray' : b[i + 9] === 4 ? 'cmyk' : 'colour',
      };
    }
    i += 2 + len;
  }
  return { colour: 'colour' };
}

function fail(message: string, pos: Span | undefined, hint: string, rule: RuleId = 'bad-image'): never {
  throw new BookError({ rule, message, file: pos?.file, start: pos?.start, end: pos?.end, hint });
}

/** Reads one image; `ref` is the manuscript's text, resolved against `fromDir` (relative to the book). */
export function loadImage(
  bookDir: string,
  ref: string,
  fromDir: string,
  pos: Span | undefined,
  assets: Map<string, Asset>,
): string {
  const scheme = urlScheme(ref);
  if (scheme === 'http' || scheme === 'https' || ref.startsWith('//')) {
    fail(
      `the image ${ref} is on the web; Octavo never downloads anything while building`,
      pos,
      `Download the image into ${ASSETS_DIR}/ and refer to it as ${ASSETS_DIR}/<name>.`,
      'remote-image',
    );
  }
  if (scheme === 'file')
    fail(
      `the image ${ref} uses a file: URL`,
      pos,
      `Copy the image into ${ASSETS_DIR}/ and refer to it by its path inside the book, such as ${ASSETS_DIR}/map.png.`,
      'unsafe-path',
    );
  if (scheme === 'data')
    fail(
      'a data: image cannot be checked or optimised',
      pos,
      `Save the image into ${ASSETS_DIR}/ and refer to it by path.`,
    );
  if (scheme !== undefined)
    fail(
      `the image ${ref} has an unsupported address`,
      pos,
      `Put the image in ${ASSETS_DIR}/ and refer to it by path.`,
    );
  let decoded = ref;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    /* keep as written */
  }
  const realBook = fs.realpathSync(bookDir);
  // Relative to the chapter file (as Markdown previewers read it), else relative to the book folder.
  const candidates = [path.resolve(bookDir, fromDir, decoded), path.resolve(bookDir, decoded)].filter(
    (c) => isInside(path.resolve(bookDir), c) || isInside(realBook, c),
  );
  if (candidates.length === 0) {
    fail(
      `the image ${ref} lies outside the book folder`,
      pos,
      `Copy it into ${ASSETS_DIR}/ and refer to it as ${ASSETS_DIR}/${path.basename(decoded)}.`,
      'unsafe-path',
    );
  }
  const abs = candidates.find((c) => fs.existsSync(c));
  if (!abs)
    fail(
      `the image ${ref} does not exist`,
      pos,
      `Check the file name; images belong in ${ASSETS_DIR}/ and are referred to as ${ASSETS_DIR}/<name>.`,
      'missing-image',
    );
  const real = fs.realpathSync(abs);
  if (!isInside(realBook, real))
    fail(
      `the image ${ref} is a link to a file outside the book folder`,
      pos,
      'Replace the link with a copy of the image.',
      'unsafe-path',
    );
  const stat = fs.statSync(real);
  if (!stat.isFile()) fail(`the image ${ref} is not a file`, pos, 'Refer to an image file.');
  if (stat.size > MAX_IMAGE_BYTES)
    fail(
      `the image ${ref} is ${(stat.size / 1048576).toFixed(0)} MB, too large for a book`,
      pos,
      'Save it smaller (a full-page image needs about 2400 px on its long side).',
    );
  const data = new Uint8Array(fs.readFileSync(real));
  const kind = sniffImage(data);
  if (!kind)
    fail(
      `the image ${ref} is not a JPEG, PNG or GIF file`,
      pos,
      'Save it as JPEG (photographs) or PNG (drawings, maps).',
    );
  const id = `img-${crypto.createHash('sha256').update(data).digest('hex').slice(0, 12)}`;
  if (!assets.has(id))
    assets.set(id, { id, path: path.relative(bookDir, abs).split(path.sep).join('/'), data, ...kind });
  return id;
}

/** A picture a document holds itself (a Word or OpenDocument package's media), checked as a file is. */
export function embeddedImage(
  ref: string,
  data: Uint8Array,
  file: string,
  pos: Span | undefined,
  assets: Map<string, Asset>,
): string {
  if (data.length > MAX_IMAGE_BYTES)
    fail(
      `the picture ${ref} in ${file} is ${(data.length / 1048576).toFixed(0)} MB, too large for a book`,
      pos,
      'Make it smaller in the document (a full-page image needs about 2400 px on its long side).',
    );
  const kind = sniffImage(data);
  if (!kind)
    fail(
      `the picture ${ref} in ${file} is not a JPEG, PNG or GIF image`,
      pos,
      'Insert it again as JPEG (photographs) or PNG (drawings, maps).',
    );
  const id = `img-${crypto.createHash('sha256').update(data).digest('hex').slice(0, 12)}`;
  if (!assets.has(id)) assets.set(id, { id, path: `${file}/${ref}`, data, ...kind });
  return id;
}

function resolveInlines(nodes: Inline[], load: (ref: string, pos: Span) => string): void {
  for (const node of nodes) {
    if (node.type === 'image') node.asset = load(node.asset, node.pos);
    // A note's pictures, once (a second reference shares the note).
    else if (node.type === 'noteRef' && !node.again) resolveImages(node.note.blocks, load);
    else if ('children' in node) resolveInlines(node.children, load);
  }
}

/** Replaces every image reference in the blocks with the id of the loaded asset. */
export function resolveImages(blocks: Block[], load: (ref: string, pos: Span) => string): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'figure':
        block.asset = load(block.asset, block.pos);
        resolveInlines(block.caption, load);
        break;
      case 'paragraph':
      case 'heading':
        resolveInlines(block.children, load);
        break;
      case 'blockQuote':
      case 'note':
        resolveImages(block.children, load);
        break;
      case 'list':
        for (const item of block.items) resolveImages(item, load);
        break;
      case 'table':
        resolveInlines(block.caption, load);
        for (const row of block.rows) for (const cell of row) resolveInlines(cell.children, load);
        break;
      default:
        break;
    }
  }
}

/** A cover image: the one book.yaml names, else the first of assets/<stem>.(jpg|jpeg|png) that exists
 * (the front: `cover`, `cover-front`). */
export function findCover(
  bookDir: string,
  configured: string | undefined,
  stems = ['cover', 'cover-front'],
): string | undefined {
  if (configured) return configured;
  for (const stem of stems) {
    for (const ext of ['jpg', 'jpeg', 'png']) {
      const rel = `${ASSETS_DIR}/${stem}.${ext}`;
      if (fs.existsSync(path.join(bookDir, rel))) return rel;
    }
  }
  return undefined;
}
