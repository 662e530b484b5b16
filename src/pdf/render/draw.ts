/**
 * Draws laid-out pages with pdfkit. Glyph runs are written as they were measured (glyph ids and advances
 * from the layout's shaper), so text lands exactly where the layout put it. pdfkit supplies the file
 * structure, font subsetting and embedding; the content streams are written here, in DeviceGray only.
 *
 * The file is built to PDF/X-1a:2001 (ISO 15930-1): PDF 1.3, every font embedded, no RGB, no
 * transparency, no annotations, a TrimBox and BleedBox on every page, an OutputIntent naming a registered
 * print condition, GTS_PDFXVersion and Trapped in the document information.
 */
import { createRequire } from 'node:module';
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

export async function drawPdf(input: DrawInput): Promise<Uint8Array> {
  // Loaded on first use: pdfkit and its font engine take a sixth of a second to load, which an EPUB-only
  // build or `octavo --version` should not pay.
  const Doc = load('pdfkit') as typeof PDFDocument;
  const { laid, metadata } = input;
  const g = laid.geometry;
  const authors = metadata.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  const date = pdfDate(metadata.modified);
  const doc = new Doc({
    autoFirstPage: false,
    pdfVersion: '1.3',
    compress: true,
    font: input.fonts.regular,
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
      GTS_PDFXVersion: 'PDF/X-1:2001',
      GTS_PDFXConformance: 'PDF/X-1a:2001',
      Trapped: new PdfName('False'),
    }),
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

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

  const fonts = {} as Record<FaceName, EmbeddedFont>;
  // A face standing in for another (the writer gave no bold) is the same file: embedded once.
  const embedded = new Map<Uint8Array, EmbeddedFont>();
  for (const face of ['regular', 'italic', 'bold', 'boldItalic'] as FaceName[]) {
    const known = embedded.get(input.fonts[face]);
    if (known) {
      fonts[face] = known;
      continue;
    }
    doc.registerFont(face, input.fonts[face]);
    doc.font(face);
    fonts[face] = doc._font;
    embedded.set(input.fonts[face], doc._font);
  }
  const defaultAdvance = new Map<number, number>();
  const runTexts = new WeakMap<ShapedRun, string>();
  const upems = new Map<EmbeddedFont, number>();
  const unitsPerEm = (font: EmbeddedFont) => {
    let u = upems.get(font);
    if (u === undefined) {
      u = font.font.unitsPerEm;
      upems.set(font, u);
    }
    return u;
  };

  const bleed = g.bleed;
  const mediaW = g.trim.width + bleed;
  const mediaH = g.trim.height + 2 * bleed;
  for (const page of laid.pages) {
    doc.addPage({ size: [mediaW, mediaH], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    // The bleed is on the outside edge: the right of a recto, the left of a verso.
    const trimX = page.recto ? 0 : bleed;
    const trimY = bleed;
    const box = (x0: number, y0: number, x1: number, y1: number) => [x0, y0, x1, y1];
    doc.page.dictionary.data.TrimBox = box(trimX, trimY, trimX + g.trim.width, trimY + g.trim.height);
    doc.page.dictionary.data.BleedBox = box(0, 0, mediaW, mediaH);
    const ops: string[] = ['0 g'];
    for (const line of page.lines) drawLine(line, trimX, trimY, ops);
    doc.addContent(ops.join('\n'));
    for (const img of page.images) {
      const asset = input.assets.get(img.asset);
      if (asset && (asset.mediaType === 'image/jpeg' || asset.mediaType === 'image/png')) doc.image(asset.data, trimX + img.x, trimY + img.y, { width: img.width, height: img.height });
    }
  }
  doc.end();
  return done;

  /**
   * One text object a line. Fragments in the same font, size, rise and scale share one TJ array, the gap
   * between them written as a position adjustment (as TeX's drivers do); any other change of style starts a
   * new text position. Kerning inside a run is an adjustment too.
   */
  function drawLine(line: PlacedLine, ox: number, oy: number, ops: string[]): void {
    if (!line.fragments.some((f) => f.run.glyphs.length)) return;
    ops.push('BT');
    let current: { font: EmbeddedFont; size: number; rise: number; h: number; end: number } | undefined;
    let tj: string[] = [];
    const flush = () => {
      if (tj.length) ops.push(`[${tj.join('')}] TJ`);
      tj = [];
    };
    for (const f of line.fragments) {
      const run = f.run;
      if (!run.glyphs.length) continue;
      const font = fonts[run.style.face];
      if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
      const upem = unitsPerEm(font);
      const h = f.hscale ?? 1;
      const x = ox + line.x + f.x;
      const baseline = oy + line.y - f.rise;
      if (run.offsets) {
        // Marks placed off the pen position: each glyph at its own spot.
        flush();
        if (!current || current.font !== font || current.size !== f.size) ops.push(`/${font.id} ${n(f.size)} Tf`);
        let pen = x;
        run.glyphs.forEach((id, i) => {
          const off = run.offsets![i];
          ops.push(`${n(h)} 0 0 -1 ${n(pen + (off.x * f.size * h) / upem)} ${n(baseline - (off.y * f.size) / upem)} Tm`, `<${hex(font, run, i, id)}> Tj`);
          pen += (run.advances[i] * f.size * h) / upem;
        });
        current = { font, size: f.size, rise: NaN, h: NaN, end: NaN };
        continue;
      }
      if (current && current.font === font && current.size === f.size && current.rise === f.rise && current.h === h) {
        // Same style: the gap from the last pen position, in thousandths of the (scaled) text size.
        const gap = x - current.end;
        if (Math.abs(gap) > 1e-6) tj.push(` ${n((-gap * 1000) / (f.size * h))} `);
      } else {
        flush();
        if (!current || current.font !== font || current.size !== f.size) ops.push(`/${font.id} ${n(f.size)} Tf`);
        ops.push(`${n(h)} 0 0 -1 ${n(x)} ${n(baseline)} Tm`);
      }
      tj.push(runText(font, run));
      current = { font, size: f.size, rise: f.rise, h, end: x + f.width };
    }
    flush();
    ops.push('ET');
  }

  /**
   * A run's glyphs as TJ operands, its kerning as adjustments. Runs are shared by every occurrence of a word
   * (the shaper caches them), so each is written once: the subset and ToUnicode entries are made then.
   */
  function runText(font: EmbeddedFont, run: ShapedRun): string {
    let text = runTexts.get(run);
    if (text !== undefined) return text;
    const upem = unitsPerEm(font);
    text = '';
    let pending = '';
    run.glyphs.forEach((id, i) => {
      pending += hex(font, run, i, id);
      const adjust = run.advances[i] - advanceOf(font, run.style.face, id);
      if (adjust !== 0) {
        text += `<${pending}>${n((-adjust * 1000) / upem)}`;
        pending = '';
      }
    });
    if (pending) text += `<${pending}>`;
    runTexts.set(run, text);
    return text;
  }

  function advanceOf(font: EmbeddedFont, face: FaceName, id: number): number {
    const key = FACE_NAMES.indexOf(face) * 0x10000 + id;
    const known = defaultAdvance.get(key);
    if (known !== undefined) return known;
    const a = font.font.getGlyph(id).advanceWidth;
    defaultAdvance.set(key, a);
    return a;
  }

  function hex(font: EmbeddedFont, run: ShapedRun, i: number, id: number): string {
    const gid = font.subset.includeGlyph(id);
    if (font.widths[gid] == null) font.widths[gid] = (advanceOf(font, run.style.face, id) * 1000) / unitsPerEm(font);
    if (font.unicode[gid] == null) font.unicode[gid] = run.codePoints[i];
    return `0000${gid.toString(16)}`.slice(-4);
  }
}
