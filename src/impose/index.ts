/**
 * Printer's sheets for hand binding: any book PDF in, a PDF of landscape sheets out, two book pages on each
 * side, in signature order for double-sided printing (flip on the short edge), optional fold and sewing
 * marks. Bytes in, bytes out; the pages are copied whole (pdf-lib embeds each as a form), so fonts stay
 * embedded and nothing is re-rendered.
 */
import { createRequire } from 'node:module';
import type { PDFDocument as PdfDoc, PDFEmbeddedPage, PDFPage } from 'pdf-lib';
import { BookError } from '../diagnostics/diagnostic.js';
import { planImposition, type ImpositionPlan, type PlanOptions } from './plan.js';

// pdf-lib is loaded when a book is imposed, not when Octavo starts (it is large, and most runs never need it).
const load = typeof require === 'function' ? require : createRequire(import.meta.url);
type PdfLib = typeof import('pdf-lib');
const pdfLib = (): PdfLib => load('pdf-lib') as PdfLib;

/** Sheet sizes, landscape, in points. */
export const SHEET_PAPERS = {
  letter: { width: 792, height: 612, name: 'US Letter' },
  a4: { width: 841.89, height: 595.28, name: 'A4' },
  legal: { width: 1008, height: 612, name: 'US Legal' },
  tabloid: { width: 1224, height: 792, name: 'Tabloid (11 × 17 in)' },
  a3: { width: 1190.55, height: 841.89, name: 'A3' },
} as const;
export type SheetPaper = keyof typeof SHEET_PAPERS;

export interface ImposeOptions extends PlanOptions {
  paper: SheetPaper;
  /** Fold marks on every side, sewing stations on each signature's centre spread. */
  marks?: boolean;
  /** The file's dates (SOURCE_DATE_EPOCH), so that the same input gives the same bytes. */
  date: Date;
  /** The name shown in the file's title. */
  title?: string;
}

export interface Imposed {
  bytes: Uint8Array;
  plan: ImpositionPlan;
  /** The book page's size (its trim box) and the scale it is printed at. */
  page: { width: number; height: number };
  scale: number;
  sides: number;
}

/** What a home printer cannot reach at the sheet's edge, kept clear when pages must be scaled to fit. */
const UNPRINTABLE = 18;
const MARK = 12;
const INCH = 72;

/** The part of a book page that is the page: its trim box (the bleed is cut off when folded by hand). */
function trimOf(page: PDFPage) {
  const t = page.getTrimBox();
  return { left: t.x, bottom: t.y, right: t.x + t.width, top: t.y + t.height, width: t.width, height: t.height };
}

async function read(input: Uint8Array, shown: string): Promise<PdfDoc> {
  const { PDFDocument, EncryptedPDFError } = pdfLib();
  try {
    return await PDFDocument.load(input, { updateMetadata: false });
  } catch (err) {
    if (err instanceof EncryptedPDFError) {
      throw new BookError({
        rule: 'impose-input',
        message: `${shown} is encrypted; its pages cannot be copied onto sheets`,
        hint: 'Export the book again without a password or copy protection.',
      });
    }
    throw new BookError({
      rule: 'impose-input',
      message: `${shown} is not a PDF that can be read (${(err as Error).message.split('\n')[0]})`,
      hint: 'Give the book as a PDF, such as dist/<book>.pdf from octavo compile.',
    });
  }
}

/**
 * Sewing stations down a page of this height: kettle stitches half an inch from head and tail, others evenly between.
 */
export function sewingStations(height: number): number[] {
  const inner = height >= 7 * INCH ? 3 : height >= 4 * INCH ? 2 : 1;
  const head = Math.min(INCH / 2, height / 8);
  const span = height - 2 * head;
  return Array.from({ length: inner + 2 }, (_, i) => head + (span * i) / (inner + 1));
}

export async function impose(input: Uint8Array, shown: string, options: ImposeOptions): Promise<Imposed> {
  const { PDFDocument, grayscale } = pdfLib();
  const source = await read(input, shown);
  const pages = source.getPages();
  if (pages.length === 0) throw new BookError({ rule: 'impose-input', message: `${shown} has no pages` });
  const trims = pages.map(trimOf);
  const page = { width: Math.max(...trims.map((t) => t.width)), height: Math.max(...trims.map((t) => t.height)) };
  const paper = SHEET_PAPERS[options.paper];
  const half = paper.width / 2;
  // Actual size when two pages fit side by side; else as large as fits within what a printer can reach.
  const scale =
    page.width <= half && page.height <= paper.height
      ? 1
      : Math.min((half - UNPRINTABLE) / page.width, (paper.height - 2 * UNPRINTABLE) / page.height);
  const plan = planImposition(pages.length, options);

  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(`${options.title ?? source.getTitle() ?? shown} (imposed for binding)`);
  out.setProducer('Octavo');
  out.setCreator('octavo impose');
  out.setCreationDate(options.date);
  out.setModificationDate(options.date);
  const embedded: PDFEmbeddedPage[] = await out.embedPages(pages, trims);

  const gray = grayscale(0.45);
  let sides = 0;
  for (const sheet of plan.sheets) {
    const centre = sheet.number === plan.sheets.filter((s) => s.signature === sheet.signature).at(-1)!.number;
    for (const [which, side] of [
      ['front', sheet.front],
      ['back', sheet.back],
    ] as const) {
      const sidePage = out.addPage([paper.width, paper.height]);
      sides++;
      // Each page's inner edge lies on the fold, its outer edge towards the sheet's edge.
      for (const [at, number] of [
        ['left', side.left],
        ['right', side.right],
      ] as const) {
        if (number === null) continue;
        const form = embedded[number - 1];
        const t = trims[number - 1];
        const w = t.width * scale;
        const h = t.height * scale;
        sidePage.drawPage(form, { x: at === 'left' ? half - w : half, y: (paper.height - h) / 2, width: w, height: h });
      }
      if (!options.marks) continue;
      const h = page.height * scale;
      const top = (paper.height + h) / 2;
      const bottom = (paper.height - h) / 2;
      // The fold: short lines beyond the head and the tail, on the sheet's centre line.
      const foot = Math.max(0, bottom - MARK);
      sidePage.drawLine({
        start: { x: half, y: foot },
        end: { x: half, y: Math.max(foot + 4, bottom - 2) },
        thickness: 0.5,
        color: gray,
      });
      sidePage.drawLine({
        start: { x: half, y: Math.min(paper.height - 4, top + 2) },
        end: { x: half, y: Math.min(paper.height, top + MARK) },
        thickness: 0.5,
        color: gray,
      });
      // Sewing stations on the centre spread, where the thread runs: a short tick across the fold at each.
      if (centre && which === 'back') {
        for (const y of sewingStations(page.height)) {
          const at = top - y * scale;
          sidePage.drawLine({
            start: { x: half - 4, y: at },
            end: { x: half + 4, y: at },
            thickness: 0.6,
            color: gray,
          });
        }
      }
    }
  }
  const bytes = await out.save({ useObjectStreams: false, addDefaultPage: false });
  return { bytes, plan, page, scale, sides };
}

/** What to tell the binder: sheets, signatures, blanks, how to print and fold. */
export function impositionSummary(result: Imposed, paper: SheetPaper): string[] {
  const { plan } = result;
  const bySize = new Map<number, number>();
  for (const s of plan.signatures) bySize.set(s.sheets, (bySize.get(s.sheets) ?? 0) + 1);
  const sizes = [...bySize]
    .sort((a, b) => b[0] - a[0])
    .map(([sheets, n]) => `${n} of ${sheets} sheet${sheets === 1 ? '' : 's'} (${sheets * 4} pages)`);
  const inches = (pt: number) => `${+(pt / INCH).toFixed(2)}`;
  return [
    `${plan.pages} pages on ${plan.sheets.length} sheet${plan.sheets.length === 1 ? '' : 's'} of ` +
      `${SHEET_PAPERS[paper].name} (${result.sides} sides), in ${plan.signatures.length} signature${plan.signatures.length === 1 ? '' : 's'}: ${sizes.join(', ')}`,
    plan.blanks
      ? `${plan.blanks} blank page${plan.blanks === 1 ? '' : 's'} after the last page ` +
        `complete${plan.blanks === 1 ? 's' : ''} the last sheet`
      : 'no blank pages',
    `pages ${inches(result.page.width)} × ${inches(result.page.height)} in, printed at ` +
      `${Math.round(result.scale * 100)} %${result.scale < 1 ? ' (scaled to fit the sheet; a larger sheet prints them at full size)' : ''}`,
    "print double-sided, flip on the short edge; keep the sheets in order, fold each signature's sheets together, " +
      'and stack the signatures in order',
  ];
}
