/**
 * The contact sheet of `octavo designs --preview`: the writer's own first chapter in every design, side by
 * side, one row a design: the chapter's opening page and the spread after it. A PNG (glyph outlines in an
 * SVG that resvg rasterises with no fonts of its own, as the ebook cover is made) and a PDF (each design's
 * own pages placed whole, their fonts embedded). Pure: the caller lays the book out and writes the files.
 */
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import type { Design } from '../design/design.js';
import type { Metadata } from '../model/book.js';
import { displayLines, type LaidBook, type LaidPage, type PlacedLine } from '../pdf/layout/book.js';
import type { FaceName, Shaper } from '../pdf/layout/shaper.js';
import { PrintWriter } from '../pdf/render/draw.js';
import { glyphPaths } from '../cover/ebook.js';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** One design's sample: the book laid out in it, its PDF, and the faces its glyphs come from. */
export interface DesignSample {
  design: Design;
  laid: LaidBook;
  pdf: Uint8Array;
  faces: Record<FaceName, Font>;
}

/** Points: the height every page is shown at, the label column, the gaps. */
const PAGE_H = 300;
const LABEL_W = 170;
const GAP = 18;
const SPREAD_GAP = 2;
const ROW_GAP = 34;
const MARGIN = 30;
/** The PNG's width in pixels. */
export const SHEET_PX = 2000;

/** The pages a row shows: the first chapter's opening page and the spread after it (what there is of it). */
export function samplePages(laid: LaidBook): number[] {
  const open = laid.pages.findIndex((p) => p.kind === 'opening');
  if (open < 0) return laid.pages.length ? [0] : [];
  return [open, open + 1, open + 2].filter((i) => i < laid.pages.length && laid.pages[i].kind !== 'blank');
}

interface Cell {
  page: number;
  x: number;
  width: number;
  scale: number;
}

interface Row {
  sample: DesignSample;
  y: number;
  cells: Cell[];
  label: PlacedLine[];
}

/** Where everything goes, in points from the sheet's top left. */
function arrange(samples: DesignSample[], shaper: Shaper): { rows: Row[]; width: number; height: number } {
  let y = MARGIN;
  let width = 0;
  const rows = samples.map((sample) => {
    const trim = sample.laid.geometry.trim;
    const scale = PAGE_H / trim.height;
    const w = trim.width * scale;
    let x = MARGIN + LABEL_W;
    const cells = samplePages(sample.laid).map((page, k) => {
      // The spread's two pages touch, as in the book; the opening stands apart.
      if (k === 1) x += GAP;
      if (k === 2) x += SPREAD_GAP;
      const cell = { page, x, width: w, scale };
      x += w;
      return cell;
    });
    width = Math.max(width, x + MARGIN);
    const label = labelLines(sample.design, shaper, MARGIN, y);
    const row = { sample, y, cells, label };
    y += PAGE_H + ROW_GAP;
    return row;
  });
  return { rows, width, height: y - ROW_GAP + MARGIN };
}

/** The design's name, and its description under it in a smaller size, in the label column. */
function labelLines(design: Design, shaper: Shaper, x: number, y: number): PlacedLine[] {
  const name = displayLines(design.id, 16, LABEL_W - 20, shaper, { face: 'regular', smallCaps: true }, 'left');
  const about = displayLines(design.description, 8.5, LABEL_W - 20, shaper, undefined, 'left');
  return [
    ...name.map((l, k) => ({ x: x + l.left, y: y + 16 + k * 19, fragments: l.fragments, role: 'display' as const })),
    ...about.map((l, k) => ({
      x: x + l.left,
      y: y + 16 + name.length * 19 + 6 + k * 11,
      fragments: l.fragments,
      role: 'display' as const,
    })),
  ];
}

const n = (v: number) => String(Math.round(v * 100) / 100);
const fine = (v: number) => String(Math.round(v * 1e6) / 1e6);

/** A page drawn small: white, a hairline round it, its text, and its pictures and rules as grey boxes. */
function pageSvg(page: LaidPage, faces: Record<FaceName, Font>, cell: Cell, y: number, trimW: number, trimH: number) {
  const boxes = [
    ...page.images.map((i) => ({ x: i.x, y: i.y, width: i.width, height: i.height })),
    ...(page.rules ?? []),
  ].map((b) => `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" fill="#bbbbbb"/>`);
  return (
    `<g transform="translate(${n(cell.x)} ${n(y)}) scale(${fine(cell.scale)})">` +
    `<rect width="${n(trimW)}" height="${n(trimH)}" fill="#ffffff" stroke="#999999" stroke-width="${fine(0.6 / cell.scale)}"/>` +
    `${boxes.join('')}${glyphPaths(page.lines, faces, '#000000')}</g>`
  );
}

/** The contact sheet as a PNG, SHEET_PX wide. `shaper` sets the labels (Octavo's classic faces). */
export function contactSheetPng(samples: DesignSample[], shaper: Shaper): Uint8Array {
  const { rows, width, height } = arrange(samples, shaper);
  const parts: string[] = [];
  for (const row of rows) {
    const { trim } = row.sample.laid.geometry;
    for (const cell of row.cells)
      parts.push(pageSvg(row.sample.laid.pages[cell.page], row.sample.faces, cell, row.y, trim.width, trim.height));
    parts.push(glyphPaths(row.label, shaper.faces, '#000000'));
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${fine(width)} ` +
    `${fine(height)}"><rect width="${fine(width)}" height="${fine(height)}" fill="#eeeeee"/>${parts.join('')}</svg>`;
  const { Resvg } = load('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: SHEET_PX },
    font: { loadSystemFonts: false },
  }).render();
  return new Uint8Array(image.asPng());
}

/**
 * The contact sheet as a PDF: one page, each design's pages placed whole from its own PDF (fonts and all),
 * the labels set in Octavo's classic faces and embedded too.
 */
export async function contactSheetPdf(
  samples: DesignSample[],
  shaper: Shaper,
  fonts: Record<FaceName, Uint8Array>,
  metadata: Metadata,
): Promise<Uint8Array> {
  const { rows, width, height } = arrange(samples, shaper);
  // The labels, drawn once on a page of the sheet's size, then laid under the pages.
  const writer = new PrintWriter({ metadata, fonts, pdfx: false });
  writer.page(width, height, [0, 0, width, height]);
  for (const row of rows) for (const line of row.label) writer.text(line, 0, 0);
  const labels = await writer.finish();

  const { PDFDocument, grayscale } = load('pdf-lib') as typeof import('pdf-lib');
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(`${metadata.title}: the designs`);
  out.setProducer('Octavo');
  out.setCreator('octavo designs --preview');
  const date = new Date(metadata.modified);
  out.setCreationDate(date);
  out.setModificationDate(date);
  const sheet = out.addPage([width, height]);
  const [labelPage] = await out.embedPdf(labels, [0]);
  sheet.drawPage(labelPage, { x: 0, y: 0, width, height });
  for (const row of rows) {
    const source = await PDFDocument.load(row.sample.pdf, { updateMetadata: false });
    const embedded = await out.embedPages(
      row.cells.map((c) => source.getPage(c.page)),
      row.cells.map((c) => {
        // The trimmed page, without its bleed.
        const box = source.getPage(c.page).getTrimBox();
        return { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height };
      }),
    );
    row.cells.forEach((cell, k) => {
      const h = row.sample.laid.geometry.trim.height * cell.scale;
      const y = height - row.y - h;
      sheet.drawRectangle({ x: cell.x, y, width: cell.width, height: h, color: grayscale(1) });
      sheet.drawPage(embedded[k], { x: cell.x, y, width: cell.width, height: h });
      sheet.drawRectangle({
        x: cell.x,
        y,
        width: cell.width,
        height: h,
        borderColor: grayscale(0.6),
        borderWidth: 0.6,
      });
    });
  }
  return out.save({ useObjectStreams: false });
}
