/**
 * The print back end: the model in, a print-ready PDF out. Layout (pure) chooses every line and page;
 * the preflight checks the result against the print service's rules; the renderer draws it.
 */
import type { BookConfig } from '../config/schema.js';
import { BookError, type MessageInput } from '../diagnostics/diagnostic.js';
import { bookWords, type Book } from '../model/book.js';
import { printFonts, type PrintFonts } from './fonts.js';
import { type LaidBook, type LaidPage, type LayoutStats, layoutBook, type PrintSettings } from './layout/book.js';
import { DEFAULT_TRIM, type Margins, minimumGutter, spineWidth, TRIM_SIZES, type TrimSize } from './layout/geometry.js';
import { createHyphenator } from './layout/hyphenate.js';
import { Memo, ParagraphMemo, type SavedChapter } from './layout/memo.js';
import { type Design, resolveDesign } from '../design/index.js';
import { type FaceName, type SavedShaping, Shaper } from './layout/shaper.js';
import { preflight, type PrintService } from './preflight.js';
import { drawPdf } from './render/draw.js';

export interface PrintOptions extends PrintSettings {
  service: PrintService;
  paper: 'white' | 'cream';
  /** IngramSpark's pages per inch (the spine width). */
  ppi?: number;
  spineDirection: 'top-to-bottom' | 'bottom-to-top';
}

export interface PdfResult {
  bytes: Uint8Array;
  laid: LaidBook;
  /** Spine width in points for the cover designer. */
  spine: number;
  diagnostics: MessageInput[];
  times: { layout: number; draw: number };
  /** What the layout shaped, for the next build's cache (undefined: nothing an earlier build had not). */
  shaping: (() => SavedShaping) | undefined;
  /** The paragraphs the layout set, for the next build's cache (undefined: the earlier build's, unchanged). */
  paragraphs: Map<string, Uint8Array> | undefined;
  /** The chapters the layout laid out, for the next build's cache (undefined: the earlier build's, unchanged). */
  chapters: Map<string, Uint8Array> | undefined;
}

/**
 * The print settings from book.yaml, with the defaults for the trim and the book's design (book.yaml's,
 * or the one `--design` names).
 */
export function printOptions(config: BookConfig, design: Design = resolveDesign(config.design)): PrintOptions {
  const p = config.print ?? {};
  if (p.service === 'ingramspark' && p.ppi === undefined) {
    throw new BookError({
      rule: 'print-ppi-missing',
      message: "print.service is ingramspark, and the cover's spine needs print.ppi, the pages per inch of your paper",
      file: 'book.yaml',
      hint:
        "Add ppi: under print:, with the pages-per-inch figure IngramSpark's cover template generator shows for " +
        'your paper and page count.',
    });
  }
  const named = typeof p.trim === 'string' ? TRIM_SIZES[p.trim] : undefined;
  // A design with a page of its own (a manuscript's US Letter) takes it when book.yaml names no trim.
  const base = design.page && p.trim === undefined ? designPage(design.page) : TRIM_SIZES[DEFAULT_TRIM];
  const trim: TrimSize =
    named ?? (typeof p.trim === 'object' ? { name: 'custom', width: p.trim.width, height: p.trim.height } : base);
  // A custom trim takes the type size of the standard trim nearest in width.
  const nearest =
    named ??
    Object.values(TRIM_SIZES).reduce((a, b) =>
      Math.abs(b.width - trim.width) < Math.abs(a.width - trim.width) ? b : a,
    );
  // The design's type: a size of its own (large print, a manuscript), or the trim's scaled to its face's
  // x-height; book.yaml print.fontSize over both.
  const type = designType(design, nearest);
  const fontSize = p.fontSize ?? type.fontSize;
  const margins = marginsFor(
    design.page && p.trim === undefined
      ? {
          ...p,
          margins: {
            // The gutter grows with the page count, as for any book (a large-print book runs long); a
            // manuscript is not bound, and keeps its inch all round.
            ...(design.manuscript ? { inside: design.page.margin } : {}),
            outside: design.page.outside ?? design.page.margin,
            top: design.page.margin,
            bottom: design.page.margin,
            ...p.margins,
          },
        }
      : p,
    trim,
  );
  return {
    trim,
    bleed: p.bleed ?? false,
    fontSize,
    leading: p.fontSize ? Math.round(p.fontSize * (type.leading / type.fontSize) * 2) / 2 : type.leading,
    contents: p.contents ?? !design.manuscript,
    hyphenate: p.hyphenate ?? design.hyphenate,
    service: p.service ?? 'kdp',
    paper: p.paper ?? 'white',
    ppi: p.ppi,
    spineDirection: p.spineDirection ?? 'top-to-bottom',
    ...(config.runningHead ? { runningHead: config.runningHead } : {}),
    ...(Object.keys(margins).length ? { margins } : {}),
    ...(design.page?.gutterEase !== undefined && p.trim === undefined && margins.inside === undefined
      ? { gutterEase: design.page.gutterEase }
      : {}),
    // IngramSpark prints its barcode on the last page, which must be blank.
    ...(p.service === 'ingramspark' ? { blankLastPage: true } : {}),
  };
}

/** A design's own page as a trim size, with the type size of the nearest standard trim. */
function designPage(page: NonNullable<Design['page']>): TrimSize & { fontSize: number; leading: number } {
  const letter = page.width === 8.5 * 72 && page.height === 11 * 72;
  return { name: letter ? 'US Letter' : 'custom', width: page.width, height: page.height, fontSize: 12, leading: 24 };
}

/** The body size and leading a design sets on a trim, to the nearest quarter point. */
function designType(
  design: Design,
  trim: { fontSize: number; leading: number },
): { fontSize: number; leading: number } {
  if ('size' in design.type) return { fontSize: design.type.size, leading: design.type.leading };
  const quarter = (x: number) => Math.round(x * 4) / 4;
  const k = design.type.scale;
  return k === 1 ? trim : { fontSize: quarter(trim.fontSize * k), leading: quarter(trim.leading * k) };
}

/** The narrowest text block a book page can take (about 40 characters of body type) and the shortest. */
const MIN_MEASURE = 2.5 * 72;
const MIN_TEXT_HEIGHT = 4 * 72;

/**
 * The writer's margins over the service's: IngramSpark keeps all ink half an inch from every trim edge,
 * measured on the glyphs (a protruding comma or an italic swash reaches past the text block), so its
 * outside margin keeps a little more. Margins that leave no room for a page of text are refused here,
 * before anything is laid out; the service's minimums for the final page count are the preflight's.
 */
function marginsFor(p: NonNullable<BookConfig['print']>, trim: TrimSize): Partial<Margins> {
  const margins: Partial<Margins> = { ...(p.service === 'ingramspark' ? { outside: 0.5625 * 72 } : {}), ...p.margins };
  const inches = (v: number) => `${Math.round((v / 72) * 1000) / 1000} in`;
  const measure = trim.width - (margins.inside ?? minimumGutter(0) + 0.25 * 72) - (margins.outside ?? 0.5 * 72);
  const height = trim.height - (margins.top ?? 0.6 * 72) - (margins.bottom ?? 0.6 * 72);
  const fail = (message: string) => {
    throw new BookError({
      rule: 'config-invalid-value',
      message,
      file: 'book.yaml',
      hint: 'Narrow print.margins, or choose a larger trim (print.trim).',
    });
  };
  if (measure < MIN_MEASURE)
    fail(
      `print.margins leave a text block ${inches(Math.max(0, measure))} wide on a ${inches(trim.width)} page; a book ` +
        `page needs at least ${inches(MIN_MEASURE)} (about 40 characters a line)`,
    );
  if (height < MIN_TEXT_HEIGHT)
    fail(
      `print.margins leave ${inches(Math.max(0, height))} between the top and bottom margins on a ` +
        `${inches(trim.height)} page; a book page needs at least ${inches(MIN_TEXT_HEIGHT)}`,
    );
  return margins;
}

/** A first guess of the page count, so that the gutter is usually right the first time. */
function estimatePages(book: Book, o: PrintOptions, words: number): number {
  const measure = o.trim.width - 1.25 * 72;
  const lines = Math.floor((o.trim.height - 1.2 * 72) / o.leading) - 3;
  const wordsPerLine = measure / (o.fontSize * 0.45 * 6);
  return Math.round(words / (wordsPerLine * lines) + 1.5 * book.chapters.length + 8);
}

const FACE_WORDS: Record<FaceName, string> = {
  regular: 'regular',
  italic: 'italic (emphasised)',
  bold: 'bold (strong)',
  boldItalic: 'bold italic',
  display: 'display',
  symbol: 'ornament',
};

/** A warning for each face the writer did not give that the book's text uses. */
function standInsUsed(laid: LaidBook, fonts: PrintFonts): MessageInput[] {
  const used = new Set<FaceName>();
  for (const page of laid.pages)
    for (const line of page.lines) for (const f of line.fragments) used.add(f.run.style.face);
  return (Object.entries(fonts.standIns) as [FaceName, FaceName][])
    .filter(([face]) => used.has(face))
    .map(([face, instead]) => ({
      severity: 'warning' as const,
      rule: 'font-face-missing',
      message:
        `print.font names no ${face} face, and the book has ${FACE_WORDS[face]} text: it is set in the ` +
        `${instead} face`,
      file: 'book.yaml',
      hint:
        `Add ${face}: assets/fonts/<file> under print.font, naming the family's ` +
        `${face === 'boldItalic' ? 'bold italic' : face} file.`,
    }));
}

/** What a long build tells the terminal as it goes: a phase, and how far into it. */
export type Progress = (phase: string, done?: number, total?: number) => void;

/**
 * `words`: the book's word count, when the caller has it already (counting a novel takes a while).
 * `earlier`: the words, paragraphs and chapters an earlier build shaped, set and laid out with the same
 * fonts (the build cache), not made again; absent, the build keeps no chapters for a next one.
 */
export async function renderPdf(
  book: Book,
  options: PrintOptions,
  progress?: Progress,
  words = bookWords(book),
  earlier?: {
    shaping?: SavedShaping;
    /** Each entry a structured clone, decoded when taken. */
    paragraphs?: Map<string, Uint8Array>;
    chapters?: Map<string, Uint8Array>;
  },
): Promise<PdfResult> {
  let t = performance.now();
  const fonts = printFonts(book.fonts, book.design);
  const shaper = new Shaper(fonts.faces);
  if (earlier?.shaping) shaper.seed(earlier.shaping);
  shaper.paragraphs = new ParagraphMemo(earlier?.paragraphs);
  // Chapters are kept only for a build cache (`earlier` given): within one build a second pass has
  // another gutter, so it could not reuse them.
  const chapters = earlier ? new Memo<SavedChapter<LaidPage, LayoutStats>>(earlier.chapters) : undefined;
  const tools = {
    shaper,
    chapters,
    hyphenator: createHyphenator(book.metadata.language),
    progress:
      progress && ((done: number, total: number) => progress('laying out the print edition: chapter', done, total)),
  };
  // The gutter depends on the page count: lay out, count, and lay out again if the count changed it.
  let estimate = estimatePages(book, options, words);
  let laid = layoutBook(book, options, tools, estimate);
  for (let i = 0; i < 3 && minimumGutter(laid.pages.length) !== minimumGutter(estimate); i++) {
    estimate = laid.pages.length;
    laid = layoutBook(book, options, tools, estimate);
  }
  const layout = performance.now() - t;
  const diagnostics = preflight(laid, options.service, book.assets, tools.shaper);
  diagnostics.push(...standInsUsed(laid, fonts));
  for (const at of laid.stats.tablesTooWide) {
    diagnostics.push({
      severity: 'warning',
      rule: 'print-table-wide',
      message:
        'this table is too wide for the print page: even in its smallest type, some words are broken inside ' +
        'their cells',
      file: at.file,
      start: at.start,
      end: at.end,
      hint: 'Give the table fewer columns or shorter words (abbreviations, a key under it), or choose a wider trim.',
    });
  }
  for (const head of laid.stats.headsLeftOut) {
    diagnostics.push({
      severity: 'warning',
      rule: 'running-head',
      message: `the running head "${head}" is too long for the head line; the pages that would carry it have none`,
      file: 'book.yaml',
      hint: 'Give the running heads a short title: runningHead: "The Short Title" in book.yaml.',
    });
  }
  if (!tools.hyphenator.patterns && options.hyphenate) {
    diagnostics.push({
      severity: 'info',
      rule: 'print-hyphenation',
      message:
        `no hyphenation patterns for the language "${book.metadata.language}"; the print edition is set ` +
        `without hyphenation`,
      file: 'book.yaml',
    });
  }
  t = performance.now();
  progress?.(`drawing ${laid.pages.length} pages`);
  const bytes = await drawPdf({ laid, metadata: book.metadata, assets: book.assets, fonts: fonts.data });
  return {
    bytes,
    laid,
    spine: spineWidth(laid.pages.length, options.paper, options.service, options.ppi),
    diagnostics,
    times: { layout, draw: performance.now() - t },
    shaping: shaper.shapedAny() ? () => shaper.saved() : undefined,
    // Paragraphs of chapters taken whole are kept too, up to a few times the book's paragraphs.
    paragraphs: shaper.paragraphs.grew ? shaper.paragraphs.toKeep(3 * laid.stats.paragraphs + 100) : undefined,
    chapters: chapters?.grew ? chapters.toKeep() : undefined,
  };
}
