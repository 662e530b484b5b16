/**
 * The full-wrap print cover: its size from the interior's page count and the paper, read back from the PDF;
 * spine text from 80 pages; the artwork, the blurb and the barcode box; the cover's own preflight.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { coverPreflight, renderCover } from '../src/cover/index.js';
import { BARCODE, COVER_BLEED } from '../src/cover/geometry.js';
import { encodeOpaquePng } from '../src/cover/png.js';
import { printOptions } from '../src/pdf/index.js';
import { loadBook } from '../src/pipeline.js';
import {
  cleanup,
  compileEpub,
  compilePdf,
  epubcheck,
  makeBook,
  octavo,
  png,
  readEpub,
  tempDir,
} from './helpers/book.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

const BLURB =
  'cover:\n  background: "#1d2a44"\n  imprint: "Octavo Press"\n  blurb: |\n    Paris, 1890. The ballet girl who ' +
  "knew the Opera's secrets has grown up.\n\n    *Meg Giry* follows Raoul and Meg in the weeks after the chandelier fell.\n";

function coverBook(yaml = '', files: Record<string, string | Uint8Array> = {}): string {
  return makeBook({
    'book.yaml': `title: "Meg Giry"\nauthor: "Anonymous"\nlanguage: en\n${yaml}`,
    'manuscript/01-one.md': '# One\n\nRaoul walked slowly out of the hospital.\n',
    ...files,
  });
}

async function cover(dir: string, pages: number) {
  const { book, config } = loadBook(dir, { sourceDateEpoch: 1700000000 });
  return renderCover(book, printOptions(config), pages);
}

async function boxes(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPages()[0].node;
  const box = (name: string) =>
    page
      .lookup(PDFName.of(name), PDFArray)
      .asArray()
      .map((v) => (v as PDFNumber).asNumber());
  return { doc, pages: doc.getPageCount(), media: box('MediaBox'), trim: box('TrimBox'), bleed: box('BleedBox') };
}

describe('the print cover', () => {
  it.each([
    [24, 'white', 0.002252],
    [151, 'white', 0.002252],
    [300, 'cream', 0.0025],
    [828, 'cream', 0.0025],
  ] as const)('at %d pages on %s paper is bleed + back + spine + front + bleed wide', async (pages, paper, perPage) => {
    const { bytes } = await cover(coverBook(`print:\n  paper: ${paper}\n`), pages);
    const { pages: count, media, trim, bleed } = await boxes(bytes);
    expect(count).toBe(1);
    const spine = pages * perPage;
    const inches = (pt: number) => pt / 72;
    expect(inches(media[2] - media[0])).toBeCloseTo(0.125 + 6 + spine + 6 + 0.125, 2);
    expect(inches(media[3] - media[1])).toBeCloseTo(0.125 + 9 + 0.125, 2);
    // The trim box is the sheet less the bleed on every edge; the bleed box the whole sheet.
    expect(trim.map(inches)).toEqual(
      [0.125, 0.125, inches(media[2]) - 0.125, inches(media[3]) - 0.125].map((v) => expect.closeTo(v, 4)),
    );
    expect(bleed).toEqual(media);
  });

  it('puts title and author on the spine from 80 pages, reading top to bottom, and none at 79', async () => {
    const dir = coverBook();
    const at79 = await cover(dir, 79);
    const at80 = await cover(dir, 80);
    expect(at79.laid.spineText).toBe(false);
    expect(at79.laid.lines.filter((l) => l.rotate)).toHaveLength(0);
    expect(at80.laid.spineText).toBe(true);
    const spine = at80.laid.geometry.spineRect;
    const spineLines = at80.laid.lines.filter((l) => l.rotate);
    expect(spineLines).toHaveLength(2);
    for (const l of spineLines) {
      expect(l.rotate).toBe('down');
      expect(l.x).toBeGreaterThan(spine.x);
      expect(l.x).toBeLessThan(spine.x + spine.width);
    }
    // The title starts near the top, the author's name ends near the foot.
    expect(spineLines[0].y).toBeLessThan(spineLines[1].y);
    const reverse = await cover(coverBook('print:\n  spineDirection: bottom-to-top\n'), 80);
    expect(reverse.laid.lines.filter((l) => l.rotate).every((l) => l.rotate === 'up')).toBe(true);
  });

  it('keeps the front on the right, the back on the left and the barcode box clear', async () => {
    const { laid } = await cover(coverBook(BLURB), 200);
    const g = laid.geometry;
    const flat = laid.lines.filter((l) => !l.rotate);
    const onFront = flat.filter((l) => l.x >= g.front.x);
    const onBack = flat.filter((l) => l.x < g.spineRect.x);
    expect(onFront.length).toBeGreaterThanOrEqual(2); // title and author
    expect(onBack.length).toBeGreaterThanOrEqual(2); // the blurb
    expect(laid.barcode).toEqual({
      x: g.back.x + g.back.width - BARCODE.inset - BARCODE.width,
      y: g.back.y + g.back.height - BARCODE.inset - BARCODE.height,
      width: BARCODE.width,
      height: BARCODE.height,
    });
    for (const l of onBack) expect(l.y).toBeLessThan(laid.barcode.y);
    // White text on the dark background the design asks for.
    expect(flat.every((l) => l.gray === 1)).toBe(true);
    expect(laid.background).toBeDefined();
  });

  it('embeds its fonts, declares PDF/X-1a when it has no RGB artwork, and passes qpdf', async () => {
    const { bytes } = await cover(coverBook(BLURB), 200);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const descriptors = [...doc.context.enumerateIndirectObjects()]
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
    expect(descriptors.length).toBeGreaterThan(0);
    for (const d of descriptors) expect(d.has(PDFName.of('FontFile2'))).toBe(true);
    expect(Buffer.from(bytes).toString('latin1')).toContain('/GTS_PDFXVersion');
    if (has('qpdf')) {
      const file = path.join(tempDir(), 'cover.pdf');
      fs.writeFileSync(file, bytes);
      expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
        'No syntax or stream encoding errors',
      );
    }
  });

  it('fills the front with the artwork, warns below 300 dpi, and makes no PDF/X claim for RGB', async () => {
    const { laid, diagnostics, bytes } = await cover(coverBook('', { 'assets/cover-front.png': png(400, 600) }), 200);
    const art = laid.images[0];
    const g = laid.geometry;
    // Cropped to fill the front and its bleed, never stretched: the aspect ratio is the image's.
    expect(art.width / art.height).toBeCloseTo(400 / 600, 6);
    expect(art.clip).toEqual({ x: g.front.x, y: 0, width: g.front.width + COVER_BLEED, height: g.height });
    expect(art.width).toBeGreaterThanOrEqual(art.clip.width - 0.01);
    expect(art.height).toBeGreaterThanOrEqual(art.clip.height - 0.01);
    const low = diagnostics.find((d) => d.rule === 'cover-image-resolution');
    expect(low?.message).toMatch(/assets\/cover-front\.png prints at \d+ dpi on the cover; print needs 300/);
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('/GTS_PDFXVersion');
    // No typographic title over the artwork.
    expect(laid.lines.filter((l) => !l.rotate && l.x >= g.front.x)).toHaveLength(0);
  });

  it("typesets the blurb by the book's rules and reports each change at its place in book.yaml", async () => {
    const dir = coverBook('cover:\n  blurb: |\n    First line.\n\n    She said "yes" -- at last.\n');
    const run = await octavo(['changes', dir]);
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('book.yaml:'));
    // book.yaml: title, author, language, cover:, blurb: |, "First line.", a blank line, then the quote on line 8.
    expect(lines).toContain('book.yaml:8:14  info  opening quote  quotes');
    expect(lines.some((l) => /^book\.yaml:8:\d+ {2}info {2}replaced "--" with a dash {2}dashes$/.test(l))).toBe(true);
    const { laid } = await cover(dir, 200);
    const text = laid.lines
      .flatMap((l) => l.fragments.map((f) => String.fromCodePoint(...f.run.codePoints.flat())))
      .join(' ');
    expect(text).toContain('“yes”');
  });

  it('flags text moved over the barcode box or into the trim margin', async () => {
    const dir = coverBook(BLURB);
    const { book, config } = loadBook(dir, {});
    const { laid } = await cover(dir, 200);
    const options = printOptions(config);
    const rules = (l: typeof laid) => coverPreflight(book, l, options).map((d) => d.rule);
    expect(rules(laid)).toEqual([]);
    const line = laid.lines.find((l) => !l.rotate && l.x < laid.geometry.spineRect.x)!;
    const moved = (x: number, y: number) => ({
      ...laid,
      lines: laid.lines.map((l) => (l === line ? { ...l, x, y } : l)),
      textAreas: laid.textAreas.map((t) => (t.line === line ? { ...t, line: { ...line, x, y } } : t)),
    });
    expect(rules(moved(laid.barcode.x + 10, laid.barcode.y + 20))).toContain('cover-barcode-covered');
    expect(rules(moved(laid.geometry.back.x + 2, line.y))).toEqual(['cover-safe-area']);
  });

  it('says when the blurb is too long for the back', async () => {
    const long =
      `cover:\n  blurb: ` +
      `|\n${'    A sentence of the back-cover text that goes on and on about the book.\n\n'.repeat(40)}`;
    const { diagnostics, laid } = await cover(coverBook(long), 200);
    expect(laid.blurbOverflow).toBeGreaterThan(0);
    expect(diagnostics.find((d) => d.rule === 'cover-blurb-long')?.message).toMatch(
      /^the back-cover text is \d+ lines too long to fit above the barcode$/,
    );
  });

  it('is written beside the interior by compile, and the report gives its size', async () => {
    const { run, path: interior } = await compilePdf(coverBook());
    const coverFile = path.join(
      path.dirname(interior),
      'cover',
      path.basename(interior).replace(/\.pdf$/, '-cover.pdf'),
    );
    // dist/ itself holds the interior as its only PDF: tools that take the first PDF there get the book.
    expect(fs.readdirSync(path.dirname(interior)).filter((f) => f.endsWith('.pdf'))).toEqual([path.basename(interior)]);
    expect(fs.existsSync(coverFile)).toBe(true);
    expect(run.stdout).toMatch(/cover: 12\.\d{3} × 9\.250 in with bleed, no spine text \(under 80 pages\)/);
  }, 60_000);

  it("needs IngramSpark's pages per inch, and uses it for the spine", async () => {
    const out = tempDir();
    const run = await octavo(['compile', coverBook('print:\n  service: ingramspark\n'), '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the cover's spine needs print.ppi");
    expect(fs.readdirSync(out)).toEqual([]);
    const { laid } = await cover(coverBook('print:\n  service: ingramspark\n  ppi: 444\n'), 444);
    expect(laid.geometry.spine).toBeCloseTo(72, 6); // 444 pages at 444 pages per inch
  });

  it('gives an EPUB without cover artwork a cover made from the title, 1.6:1, and keeps it valid', async () => {
    const { epub } = await compileEpub(coverBook('cover:\n  background: "#1d2a44"\n'));
    expect((await epubcheck(epub)).messages).toEqual([]);
    const { opf } = await readEpub(epub);
    expect(opf).toMatch(
      /<item id="img-cover" href="images\/img-cover\.png" media-type="image\/png" properties="cover-image" \/>/,
    );
    const zip = await JSZip.loadAsync(epub);
    const image = await zip.file('OEBPS/images/img-cover.png')!.async('uint8array');
    const view = new DataView(image.buffer, image.byteOffset);
    const [width, height] = [view.getUint32(16), view.getUint32(20)];
    // 1.6 times as tall as wide, as the stores ask, and within Apple's 4 million pixels.
    expect([width, height]).toEqual([1560, 2496]);
    expect(width * height).toBeLessThanOrEqual(4_000_000);
    // Not a blank rectangle: the title's letters are there, light on the dark background.
    const pixels = inflatePng(image);
    const shades = new Set<number>();
    for (let i = 0; i < pixels.length; i += 997) shades.add(pixels[i]);
    expect(shades.size).toBeGreaterThan(2);
  }, 60_000);

  it('gives a white cover a thin grey border, so that it does not vanish on a white store page', async () => {
    const { epub } = await compileEpub(coverBook(''));
    const zip = await JSZip.loadAsync(epub);
    const image = await zip.file('OEBPS/images/img-cover.png')!.async('uint8array');
    const edge = await greyAt(image, 1, 1200);
    expect(edge).toBeLessThan(200);
    expect(edge).toBeGreaterThan(100);
    expect(await greyAt(image, 30, 1200)).toBeGreaterThan(250);
  }, 60_000);

  it("warns when the writer's cover image is too small for e-reader libraries", async () => {
    const { run } = await compileEpub(coverBook('', { 'assets/cover.png': png(400, 600) }));
    expect(run.stdout).toContain(
      'the cover image assets/cover.png is 400 × 600 px; e-reader libraries and stores show it blurred below 1000 ' +
        'px on the long side',
    );
  }, 60_000);
});

/** The decompressed image data of a PNG (its IDAT chunks inflated): enough to see it is not blank. */
/** The grey level of pixel (x, y) of an 8-bit RGB or RGBA PNG: the rows unfiltered as the PNG format says. */
/** The grey of one pixel, as an independent decoder (sharp's libspng) reads the PNG. */
async function greyAt(png: Uint8Array, x: number, y: number): Promise<number> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return data[(y * info.width + x) * info.channels];
}

function inflatePng(png: Uint8Array): Buffer {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return zlib.inflateSync(Buffer.concat(parts));
}

describe("the made cover's PNG", () => {
  /** What an independent decoder (sharp, libspng) reads back: RGBA pixels, and the file's channels. */
  async function decode(file: Uint8Array) {
    const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { pixels: new Uint8Array(data), width: info.width, height: info.height, channels: file[25] };
  }
  /** An opaque image of runs, repeated rows and antialiased edges, grey or in colour. */
  function picture(width: number, height: number, colour: boolean): Uint8Array {
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const v = y % 7 < 3 ? 255 : (x * 37 + Math.floor(y / 7) * 11) % 256;
        rgba.set([v, colour ? (v + x) % 256 : v, colour ? (v * 3) % 256 : v, 255], i);
      }
    return rgba;
  }

  it('holds the pixels it was given, grey in one channel and colour in three', async () => {
    for (const colour of [false, true]) {
      const rgba = picture(301, 97, colour);
      const file = encodeOpaquePng(rgba, 301, 97)!;
      const back = await decode(file);
      expect([back.width, back.height]).toEqual([301, 97]);
      expect(back.channels).toBe(colour ? 2 : 0);
      expect(Buffer.from(back.pixels).equals(Buffer.from(rgba))).toBe(true);
    }
  });

  it('leaves an image that is not opaque to the renderer', () => {
    const rgba = picture(10, 10, true);
    rgba[4 * 57 + 3] = 128;
    expect(encodeOpaquePng(rgba, 10, 10)).toBeUndefined();
  });
});

describe('pictures for the ebook stores', () => {
  /** A CMYK JPEG as a designer hands over print artwork: a gradient, so that resampling has work to do. */
  async function cmykJpeg(width: number, height: number): Promise<Buffer> {
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        raw[i] = (x * 255) / width;
        raw[i + 1] = (y * 255) / height;
        raw[i + 2] = 128;
      }
    return sharp(raw, { raw: { width, height, channels: 3 } })
      .toColourspace('cmyk')
      .jpeg({ quality: 90 })
      .toBuffer();
  }

  it('puts an RGB copy within 4 million pixels of a CMYK 2000 × 3200 cover into the EPUB; print keeps the original', async () => {
    const artwork = await cmykJpeg(2000, 3200);
    expect((await sharp(artwork).metadata()).space).toBe('cmyk');
    const dir = coverBook('', { 'assets/cover.jpg': artwork });
    const out = tempDir();
    const run = await octavo(['compile', dir, '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'ebook: the cover image assets/cover.jpg (2000 × 3200 px) is CMYK, which KDP and Kobo do not take, and has ' +
        "6.4 million pixels, over Apple Books' 4 million: the EPUB has an RGB copy of 1581 × 2530 px; the print " +
        'cover keeps the original',
    );
    const epub = new Uint8Array(fs.readFileSync(path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.epub'))!)));
    expect((await epubcheck(epub)).messages).toEqual([]);
    const { opf } = await readEpub(epub);
    const href =
      /<item id="img-[0-9a-f]{12}" href="(images\/img-[0-9a-f]{12}\.jpg)" media-type="image\/jpeg" properties="cover-image" \/>/.exec(
        opf,
      );
    expect(href).not.toBeNull();
    const copy = await (await JSZip.loadAsync(epub)).file(`OEBPS/${href![1]}`)!.async('nodebuffer');
    const meta = await sharp(copy).metadata();
    expect(meta.space).toBe('srgb');
    expect(meta.channels).toBe(3);
    expect(meta.width! * meta.height!).toBeLessThanOrEqual(4_000_000);
    expect(meta.width! * meta.height!).toBeGreaterThan(3_990_000);
    expect(Math.abs(meta.width! / meta.height! - 2000 / 3200)).toBeLessThan(0.001);
    // The colours survive the conversion: the dark top left stays dark, the light bottom right light.
    const { data, info } = await sharp(copy).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * 3] + data[(y * info.width + x) * 3 + 1];
    expect(at(2, 2)).toBeLessThan(120);
    expect(at(info.width - 3, info.height - 3)).toBeGreaterThan(400);
    // The print cover holds the artwork as it was given: 2000 × 3200, four components.
    const coverFile = path.join(out, 'cover', fs.readdirSync(path.join(out, 'cover'))[0]);
    const coverPdf = fs.readFileSync(coverFile);
    const doc = await PDFDocument.load(coverPdf, { updateMetadata: false });
    const images = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o) => o instanceof PDFRawStream || o instanceof PDFDict)
      .map((o) => (o instanceof PDFRawStream ? o.dict : (o as PDFDict)))
      .filter((d) => d.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(1);
    expect(String(images[0].get(PDFName.of('ColorSpace')))).toBe('/DeviceCMYK');
    expect(String(images[0].get(PDFName.of('Width')))).toBe('2000');
    if (has('qpdf')) expect(spawnSync('qpdf', ['--check', coverFile]).status).toBe(0);
  }, 120_000);

  it('scales a picture over 4 million pixels in the text for the EPUB, and leaves smaller ones byte for byte', async () => {
    const big = png(3000, 2000);
    const small = png(300, 200);
    const dir = coverBook('', {
      'manuscript/01-one.md': '# One\n\n![The harbour](assets/harbour.png)\n\n![The quay](assets/quay.png)\n',
      'assets/harbour.png': big,
      'assets/quay.png': small,
    });
    const { epub, run } = await compileEpub(dir);
    expect(run.stdout).toContain(
      "ebook: assets/harbour.png (3000 × 2000 px) has 6.0 million pixels, over Apple Books' 4 million: the EPUB has " +
        'an RGB copy of 2449 × 1633 px; print keeps the original',
    );
    expect((await epubcheck(epub)).messages).toEqual([]);
    const zip = await JSZip.loadAsync(epub);
    const pictures = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => f.startsWith('OEBPS/images/'))
        .map(async (f) => zip.file(f)!.async('nodebuffer')),
    );
    const sizes = await Promise.all(pictures.map(async (p) => sharp(p).metadata()));
    // The generated cover, the scaled harbour, the quay as it was.
    expect(sizes.map((m) => `${m.format} ${m.width}×${m.height}`).sort()).toEqual([
      'png 1560×2496',
      'png 2449×1633',
      'png 300×200',
    ]);
    expect(pictures.some((p) => p.equals(small))).toBe(true);
  }, 120_000);
});
