/**
 * Draws laid-out pages with pdfkit. Glyph runs are written as they were measured (glyph ids and advances
 * from the layout's shaper), so text lands exactly where the layout put it. pdfkit supplies the file
 * structure, font subsetting and embedding; the content streams are written here, in DeviceGray only.
 *
 * The file is built to PDF/X-1a:2001 (ISO 15930-1): PDF 1.3, every font embedded, no RGB, no
 * transparency, no annotations, a TrimBox and BleedBox on every page, an OutputIntent naming a registered
 * print condition, GTS_PDFXVersion and Trapped in the document information.
 */
import { deferBrotli } from '../load-fontkit.js';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { constants, deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';
import type { EmbeddedFont } from 'pdfkit';
import type { Asset, Metadata } from '../../model/book.js';
import type { LaidBook, PlacedLine } from '../layout/book.js';
import { FACE_NAMES, type FaceName, type ShapedRun } from '../layout/shaper.js';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** A PDF name value for pdfkit (a plain string would be written as a name too, but the info dictionary
 * turns strings into text strings). */
class PdfName {
  constructor(private readonly name: string) {}
  get [Symbol.toStringTag](): string {
    return 'PdfName';
  }
  toString(): string {
    return `/${this.name}`;
  }
}

export interface DrawInput {
  laid: LaidBook;
  metadata: Metadata;
  assets: Map<string, Asset>;
  fonts: Record<FaceName, Uint8Array>;
}

/** A pdfkit stream object before it is written (pdfkit 0.20's PDFReference). */
interface PendingStream {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
}

const n = (v: number) => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** PDF date from ISO 8601 (`2024-05-17T10:00:00Z`). */
function pdfDate(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export interface WriterOptions {
  metadata: Metadata;
  fonts: Record<FaceName, Uint8Array>;
  /** Declare PDF/X-1a:2001 (only when everything in the file meets it: no RGB images). */
  pdfx: boolean;
}

/**
 * A print PDF being written: pdfkit for the file, fonts and images; content streams written here. The
 * interior (drawPdf) and the cover (src/cover) are both drawn with it.
 */
export class PrintWriter {
  private readonly doc: InstanceType<typeof PDFDocument>;
  private readonly done: Promise<Uint8Array>;
  private readonly fonts = {} as Record<FaceName, EmbeddedFont>;
  private readonly defaultAdvance = new Map<number, number>();
  private readonly runTexts = new WeakMap<ShapedRun, string>();
  private readonly upems = new Map<EmbeddedFont, number>();
  private ops: string[] = [];

  constructor(o: WriterOptions) {
    // Loaded on first use: pdfkit and its font engine take a sixth of a second to load, which an EPUB-only
    // build or `octavo --version` should not pay.
    deferBrotli();
    const Doc = load('pdfkit') as typeof PDFDocument;
    const { metadata } = o;
    const authors = metadata.creators.filter((c) => c.role === 'aut').map((c) => c.name);
    const date = pdfDate(metadata.modified);
    const doc = new Doc({
      autoFirstPage: false,
      pdfVersion: '1.3',
      compress: true,
      font: o.fonts.regular,
      lang: metadata.language,
      info: definedOnly({
        Title: metadata.title,
        Author: authors.join(', ') || undefined,
        Subject: metadata.description,
        Keywords: metadata.subjects.length ? metadata.subjects.join(', ') : undefined,
        Creator: 'Octavo',
        Producer: 'Octavo with PDFKit',
        CreationDate: date,
        ModDate: date,
        ...(o.pdfx ? { GTS_PDFXVersion: 'PDF/X-1:2001', GTS_PDFXConformance: 'PDF/X-1a:2001' } : {}),
        Trapped: new PdfName('False'),
      }),
    });
    this.doc = doc;
    const chunks: Uint8Array[] = [];
    doc.on('data', (c) => chunks.push(c));
    this.done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    if (o.pdfx) {
      const intent = doc.ref({
        Type: 'OutputIntent',
        S: 'GTS_PDFX',
        OutputConditionIdentifier: new String('CGATS TR 001'),
        OutputCondition: new String('SWOP (Publication) coated paper'),
        RegistryName: new String('http://www.color.org'),
        Info: new String('CGATS TR 001-1995 (SWOP)'),
      });
      intent.end();
      doc._root.data.OutputIntents = [intent];
    }
    // A face standing in for another (the writer gave no bold) is the same file: embedded once.
    const embedded = new Map<Uint8Array, EmbeddedFont>();
    for (const face of FACE_NAMES) {
      const known = embedded.get(o.fonts[face]);
      if (known) {
        this.fonts[face] = known;
        continue;
      }
      doc.registerFont(face, o.fonts[face]);
      doc.font(face);
      this.fonts[face] = doc._font;
      embedded.set(o.fonts[face], doc._font);
    }
  }

  /** Starts a page of the given size; `trim` is the TrimBox [x0, y0, x1, y1] (PDF coordinates, from the
   * bottom left); the BleedBox is the whole page. */
  page(width: number, height: number, trim: [number, number, number, number]): void {
    this.flush();
    this.sealPage();
    this.doc.addPage({ size: [width, height], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.doc.page.dictionary.data.TrimBox = trim;
    this.doc.page.dictionary.data.BleedBox = [0, 0, width, height];
    this.ops.push('0 g');
  }

  /** A rectangle filled with a CMYK colour (0–1 each); x and y from the top left. */
  fill(x: number, y: number, width: number, height: number, cmyk: readonly [number, number, number, number]): void {
    this.ops.push(`${cmyk.map(n).join(' ')} k`, `${n(x)} ${n(y)} ${n(width)} ${n(height)} re f`, '0 g');
  }

  /** An image at the given place and size, cut to `clip` when given. */
  image(
    data: Uint8Array,
    x: number,
    y: number,
    width: number,
    height: number,
    clip?: { x: number; y: number; width: number; height: number },
  ): void {
    if (clip) this.ops.push('q', `${n(clip.x)} ${n(clip.y)} ${n(clip.width)} ${n(clip.height)} re W n`);
    this.flush();
    this.doc.image(data, x, y, { width, height });
    if (clip) this.ops.push('Q');
  }

  text(line: PlacedLine, ox: number, oy: number): void {
    this.drawLine(line, ox, oy, this.ops);
  }

  finish(): Promise<Uint8Array> {
    this.flush();
    this.sealPage();
    for (const font of new Set(Object.values(this.fonts))) tagSubset(font);
    this.doc.end();
    return this.done;
  }

  private flush(): void {
    // As bytes: pdfkit turns a string into bytes one character at a time; the content is ASCII.
    if (this.ops.length && this.doc.page) this.doc.addContent(Buffer.from(`${this.ops.join('\n')}\n`, 'latin1'));
    this.ops = [];
  }

  /**
   * Compresses the finished page's content stream (pdfkit's own operators and ours, in order) at zlib's
   * fastest level: pdfkit would use the default level, which on a book's text takes three to four times as
   * long for streams a quarter smaller. pdfkit then writes the stream as it is.
   */
  private sealPage(): void {
    const content = (this.doc.page as unknown as { content: PendingStream } | undefined)?.content;
    if (!content?.compress || content.buffer.length === 0) return;
    const packed = deflateSync(Buffer.concat(content.buffer), { level: constants.Z_BEST_SPEED });
    content.buffer = [packed];
    content.compress = false;
    content.data.Filter = 'FlateDecode';
    content.data.Length = packed.length;
  }

  private unitsPerEm(font: EmbeddedFont): number {
    let u = this.upems.get(font);
    if (u === undefined) {
      u = font.font.unitsPerEm;
      this.upems.set(font, u);
    }
    return u;
  }

  /**
   * One text object a line. Fragments in the same font, size, rise and scale share one TJ array, the gap
   * between them written as a position adjustment (as TeX's drivers do); any other change of style starts a
   * new text position. Kerning inside a run is an adjustment too.
   */
  private drawLine(line: PlacedLine, ox: number, oy: number, ops: string[]): void {
    if (!line.fragments.some((f) => f.run.glyphs.length)) return;
    ops.push('BT');
    if (line.gray) ops.push(`${n(line.gray)} g`);
    // The text matrix: along the line, then the glyphs' up direction (y runs down the page here).
    const dir = line.rotate === 'down' ? [0, 1] : line.rotate === 'up' ? [0, -1] : [1, 0];
    const up = line.rotate === 'down' ? [1, 0] : line.rotate === 'up' ? [-1, 0] : [0, -1];
    const at = (along: number, rise: number) => [
      ox + line.x + dir[0] * along + up[0] * rise,
      oy + line.y + dir[1] * along + up[1] * rise,
    ];
    const tm = (h: number, along: number, rise: number) => {
      const [x, y] = at(along, rise);
      return `${n(dir[0] * h)} ${n(dir[1] * h)} ${n(up[0])} ${n(up[1])} ${n(x)} ${n(y)} Tm`;
    };
    let current: { font: EmbeddedFont; size: number; rise: number; h: number; end: number } | undefined;
    let tj: string[] = [];
    const flush = () => {
      if (tj.length) ops.push(`[${tj.join('')}] TJ`);
      tj = [];
    };
    for (const f of line.fragments) {
      const run = f.run;
      if (!run.glyphs.length) continue;
      const font = this.fonts[run.style.face];
      if (this.doc.page.fonts[font.id] == null) this.doc.page.fonts[font.id] = font.ref();
      const upem = this.unitsPerEm(font);
      const h = f.hscale ?? 1;
      if (run.offsets) {
        // Marks placed off the pen position: each glyph at its own spot.
        flush();
        if (!current || current.font !== font || current.size !== f.size) ops.push(`/${font.id} ${n(f.size)} Tf`);
        let pen = f.x;
        run.glyphs.forEach((id, i) => {
          const off = run.offsets![i];
          ops.push(
            tm(h, pen + (off.x * f.size * h) / upem, f.rise + (off.y * f.size) / upem),
            `<${this.hex(font, run, i, id)}> Tj`,
          );
          pen += (run.advances[i] * f.size * h) / upem;
        });
        current = { font, size: f.size, rise: NaN, h: NaN, end: NaN };
        continue;
      }
      if (current && current.font === font && current.size === f.size && current.rise === f.rise && current.h === h) {
        // Same style: the gap from the last pen position, in thousandths of the (scaled) text size.
        const gap = f.x - current.end;
        if (Math.abs(gap) > 1e-6) tj.push(` ${n((-gap * 1000) / (f.size * h))} `);
      } else {
        flush();
        if (!current || current.font !== font || current.size !== f.size) ops.push(`/${font.id} ${n(f.size)} Tf`);
        ops.push(tm(h, f.x, f.rise));
      }
      tj.push(this.runText(font, run));
      current = { font, size: f.size, rise: f.rise, h, end: f.x + f.width };
    }
    flush();
    if (line.gray) ops.push('0 g');
    ops.push('ET');
  }

  /**
   * A run's glyphs as TJ operands, its kerning as adjustments. Runs are shared by every occurrence of a word
   * (the shaper caches them), so each is written once: the subset and ToUnicode entries are made then.
   */
  private runText(font: EmbeddedFont, run: ShapedRun): string {
    let text = this.runTexts.get(run);
    if (text !== undefined) return text;
    const upem = this.unitsPerEm(font);
    text = '';
    let pending = '';
    run.glyphs.forEach((id, i) => {
      pending += this.hex(font, run, i, id);
      const adjust = run.advances[i] - this.advanceOf(font, run.style.face, id);
      if (adjust !== 0) {
        text += `<${pending}>${n((-adjust * 1000) / upem)}`;
        pending = '';
      }
    });
    if (pending) text += `<${pending}>`;
    this.runTexts.set(run, text);
    return text;
  }

  private advanceOf(font: EmbeddedFont, face: FaceName, id: number): number {
    const key = FACE_NAMES.indexOf(face) * 0x10000 + id;
    const known = this.defaultAdvance.get(key);
    if (known !== undefined) return known;
    const a = font.font.getGlyph(id).advanceWidth;
    this.defaultAdvance.set(key, a);
    return a;
  }

  private hex(font: EmbeddedFont, run: ShapedRun, i: number, id: number): string {
    const gid = font.subset.includeGlyph(id);
    if (font.widths[gid] == null)
      font.widths[gid] = (this.advanceOf(font, run.style.face, id) * 1000) / this.unitsPerEm(font);
    if (font.unicode[gid] == null) font.unicode[gid] = run.codePoints[i];
    return `0000${gid.toString(16)}`.slice(-4);
  }
}

/**
 * The book's interior, built to PDF/X-1a:2001. Pages carry bleed on the outside edge only (the right of a
 * recto, the left of a verso), so the trim box sits against the spine.
 */
/** Process black: the one ink of a black-and-white interior. */
const BLACK = [0, 0, 0, 1] as const;

export function drawPdf(input: DrawInput): Promise<Uint8Array> {
  const { laid } = input;
  const g = laid.geometry;
  const w = new PrintWriter({ metadata: input.metadata, fonts: input.fonts, pdfx: true });
  const bleed = g.bleed;
  const mediaW = g.trim.width + bleed;
  const mediaH = g.trim.height + 2 * bleed;
  for (const page of laid.pages) {
    const trimX = page.recto ? 0 : bleed;
    const trimY = bleed;
    w.page(mediaW, mediaH, [trimX, trimY, trimX + g.trim.width, trimY + g.trim.height]);
    for (const line of page.lines) w.text(line, trimX, trimY);
    for (const rule of page.rules ?? []) w.fill(trimX + rule.x, trimY + rule.y, rule.width, rule.height, BLACK);
    for (const img of page.images) {
      const asset = input.assets.get(img.asset);
      if (asset && (asset.mediaType === 'image/jpeg' || asset.mediaType === 'image/png'))
        w.image(asset.data, trimX + img.x, trimY + img.y, img.width, img.height);
    }
  }
  return w.finish();
}

/**
 * Names a font subset's tag (the six capitals before "+" in its font name) from a hash of its glyphs, as
 * the PDF specification asks, so that two subsets of one font never share a tag (pdfkit numbers them by
 * the order fonts were loaded in: every file's first font was BZZZZZ). pdfkit makes the tag from the
 * font's resource id when it embeds the font, after the last page: the id is set so that it makes ours.
 * The pages' resources already name the font by its old id, which stays theirs.
 */
function tagSubset(font: EmbeddedFont): void {
  const glyphs = [...((font.subset as unknown as { glyphs: number[] }).glyphs ?? [])].sort((a, b) => a - b);
  const digest = createHash('sha256')
    .update(`${font.font.postscriptName}\n${glyphs.join(',')}`)
    .digest();
  // pdfkit's tag letter k is the id's character k + 1, shifted by 17 (so 'A' comes from '0').
  const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26)));
  font.id = `F${tag.map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join('')}`;
}
