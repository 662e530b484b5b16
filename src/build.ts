/** `octavo compile`: the model from the book folder, then each back end, each output written atomically. */
import fs from 'node:fs';
import path from 'node:path';
import { BookError, UsageError, type Diagnostics } from './diagnostics/diagnostic.js';
import { renderEpub } from './epub/index.js';
import { ebookImages } from './epub/images.js';
import { checkEbookCover, typographicCover } from './cover/ebook.js';
import { renderCover } from './cover/index.js';
import { ebookFonts, printFonts } from './pdf/fonts.js';
import { printOptions, renderPdf, type PdfResult, type PrintOptions, type Progress } from './pdf/index.js';
import { DEFAULT_TRIM, TRIM_SIZES } from './pdf/layout/geometry.js';
import { type SavedShaping, Shaper } from './pdf/layout/shaper.js';
import type { BuildEnv } from './env.js';
import { type Design, DESIGNS, type DesignId } from './design/index.js';
import { manuscript as manuscriptDesign } from './design/manuscript.js';
import { manuscriptDocx } from './docx/manuscript.js';
import { contactSheetPdf, contactSheetPng, type DesignSample } from './preview/designs.js';
import { type Asset, bookWords, type Book } from './model/book.js';
import { CACHE_DIR, type CacheStore, deferred, hashOf, memoEntry, NO_CACHE, openCache } from './cache/store.js';
import { BUILD } from './version.js';
import { impose, impositionSummary } from './impose/index.js';
import { startProofreader, type Proofreader } from './check/worker.js';
import { readWordList } from './check/dictionary.js';
import { bookFolderOf, loadBook, type LoadedBook } from './pipeline.js';
import type { TypesetRun } from './typography/engine.js';
import { isInside, MANUSCRIPT_DIR } from './read/files.js';

/** What compile writes: the EPUB, the print PDF (with its cover), and a Word manuscript (docx). */
export const FORMATS = ['epub', 'pdf', 'docx'] as const;
/**
 * What compile writes unless told: the EPUB and the print PDF, and in the manuscript design the Word
 * manuscript too (agents and editors ask for .docx).
 */
export function defaultFormats(design: Design | undefined): Format[] {
  return design?.manuscript ? ['epub', 'pdf', 'docx'] : ['epub', 'pdf'];
}
/** The print cover's folder inside the output folder. */
export const COVER_DIR = 'cover';
export const IMPOSE_DIR = 'impose';
export type Format = (typeof FORMATS)[number];

export interface CompileOptions {
  outDir?: string;
  formats?: Format[];
  /** For one file compiled as a book: its title and author, named on the command line. */
  title?: string;
  author?: string;
  /** A design to build in instead of book.yaml's (`--design`). */
  design?: DesignId;
  /** Told each phase of a long build, for a progress line on a terminal. */
  progress?: Progress;
  /** The script that runs Octavo in a worker thread (the launcher): proofreading then runs beside the build. */
  workerScript?: string;
  /** Reuse and keep what a build works out, in `.octavo-cache/` in the output folder (`--no-cache`: false). */
  cache?: boolean;
  /** The Octavo build the cache's entries must come from (this one, unless a test says otherwise). */
  build?: string;
}

export interface OutputFile {
  /** The print cover (and, when asked, the sheets for binding) are made with the PDF. */
  format: Format | 'cover' | 'imposed';
  path: string;
  bytes: number;
}

export interface CompileResult extends LoadedBook {
  outputs: OutputFile[];
  words: number;
  /** What proofreading found (the findings themselves: `octavo check`). */
  checks: { findings: number; perCheck: Map<string, number>; aside: boolean };
  /** The print edition, when a PDF was made. */
  print?: {
    pages: number;
    spine: number;
    trim: string;
    service: string;
    paper: string;
    stats: PdfResult['laid']['stats'];
    cover?: { width: number; height: number; spineText: boolean };
    imposition?: string[];
  };
}

/** A file name from a title: "The Phantom of the Opera" → "the-phantom-of-the-opera". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'book';
}

/**
 * The book as the EPUB shows it: with the writer's cover image (checked for size), or, when there is none,
 * a cover made from the title, so that every EPUB has a cover in the library view.
 */
function withEbookCover(
  book: Book,
  printing: PrintOptions | undefined,
  diagnostics: Diagnostics,
  cache: CacheStore,
): Book {
  if (book.cover) {
    const asset = book.assets.get(book.cover);
    if (asset) for (const d of checkEbookCover(asset)) diagnostics.add(d);
    return book;
  }
  const trim = printing?.trim ?? TRIM_SIZES[DEFAULT_TRIM];
  // What the made cover shows, and the fonts it is drawn with: the same inputs make the same image.
  const m = book.metadata;
  const key = hashOf(
    JSON.stringify([m.title, m.subtitle, m.creators, book.coverDesign?.background, trim.width]),
    ...fontData(book),
  );
  let made = cache.get<Asset>('ebook-cover', key);
  if (!made) {
    made = typographicCover(book, trim, new Shaper(printFonts(book.fonts, book.design).faces));
    cache.put('ebook-cover', key, made);
  }
  return { ...book, assets: new Map([...book.assets, [made.id, made]]), cover: made.id };
}

/** The writer's font files (none: the bundled face, which the build's identity covers). */
function fontData(book: Book): Uint8Array[] {
  const f = book.fonts;
  return f ? [f.regular, f.italic, f.bold, f.boldItalic].map((file) => file?.data ?? new Uint8Array(0)) : [];
}

/** Writes to a temporary file beside the target, then renames: a reader never sees half a book. */
export function writeAtomic(target: string, data: Uint8Array): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export function resolveOutDir(bookDir: string, outDir: string | undefined): string {
  const out = path.resolve(outDir ?? path.join(bookDir, 'dist'));
  if (isInside(path.resolve(bookDir, MANUSCRIPT_DIR), out)) {
    throw new UsageError(
      `the output folder ${out} is inside ${MANUSCRIPT_DIR}/`,
      'Octavo never writes into the manuscript; choose another --out folder, such as dist/.',
    );
  }
  return out;
}

/** Compiles a book: `target` is its folder, or one file that is a book of its own (`octavo compile story.txt`). */
/**
 * `octavo designs --preview`: the book's first chapter laid out in every design, written as a contact
 * sheet (designs.png, designs.pdf) into the output folder. Returns the files written.
 */
export async function designsPreview(target: string, env: BuildEnv, outDir?: string): Promise<string[]> {
  const whole = loadBook(target, env);
  const first =
    whole.book.chapters.find((c) => c.kind === 'chapter') ?? whole.book.chapters.find((c) => c.kind !== 'part');
  if (!first || first.blocks.length === 0)
    throw new BookError({
      rule: 'empty-book',
      message: 'the manuscript has no text',
      file: MANUSCRIPT_DIR,
      hint: 'Write something in the chapter files first.',
    });
  const samples: DesignSample[] = [];
  for (const design of DESIGNS) {
    const loaded = loadBook(target, env, { only: first.source, design: design.id as DesignId });
    const pdf = await renderPdf(loaded.book, printOptions(loaded.config, loaded.book.design));
    const faces = printFonts(loaded.book.fonts, loaded.book.design).faces;
    samples.push({ design, laid: pdf.laid, pdf: pdf.bytes, faces });
  }
  const labels = printFonts(undefined);
  const shaper = new Shaper(labels.faces);
  const dir = resolveOutDir(bookFolderOf(target), outDir);
  fs.mkdirSync(dir, { recursive: true });
  const png = path.join(dir, 'designs.png');
  const pdf = path.join(dir, 'designs.pdf');
  writeAtomic(png, contactSheetPng(samples, shaper));
  writeAtomic(pdf, await contactSheetPdf(samples, shaper, labels.data, whole.book.metadata));
  return [png, pdf];
}

export async function compile(target: string, options: CompileOptions, env: BuildEnv): Promise<CompileResult> {
  const outDir = resolveOutDir(bookFolderOf(target), options.outDir);
  // The proofreading thread starts first, so that its start-up overlaps reading the book.
  const proofreader = startProofreader(options.workerScript, (options.formats ?? FORMATS).includes('pdf'));
  try {
    return await build(target, outDir, options, env, proofreader);
  } finally {
    proofreader.close();
  }
}

async function build(
  target: string,
  outDir: string,
  options: CompileOptions,
  env: BuildEnv,
  proofreader: Proofreader,
): Promise<CompileResult> {
  options.progress?.('reading and typesetting the manuscript');
  const cache = deferred(
    options.cache === false ? NO_CACHE : openCache(path.join(outDir, CACHE_DIR), options.build ?? BUILD),
  );
  // The manuscript files an earlier build parsed, by name and text; those parsed now are kept for the next.
  // (Without the cache, nothing is cloned for it.)
  const caching = options.cache !== false;
  const parsed = memoEntry<Uint8Array>(cache, 'parsed');
  // And the paragraphs it typeset, by their text and places and their file's text.
  const typeset = memoEntry<TypesetRun>(cache, 'typeset');
  const loaded = loadBook(target, env, {
    title: options.title,
    author: options.author,
    design: options.design,
    ...(caching ? { memo: parsed, typeset } : {}),
  });
  const { book, times, bookDir } = loaded;
  if (book.chapters.every((c) => c.blocks.length === 0)) {
    throw new BookError({
      rule: 'empty-book',
      message: 'the manuscript has no text',
      file: MANUSCRIPT_DIR,
      hint: 'Write something in the chapter files first.',
    });
  }
  // Proofreading, counted for the report (`octavo check` lists the findings): aside, while the books are made.
  const tp = performance.now();
  const proofing = proofreader.check(book, loaded.sources, {
    language: loaded.config.language,
    words: readWordList(bookDir),
    switches: loaded.config.check,
  });
  let proofTime = performance.now() - tp;
  // Until the end, a failed build must not leave the answer unawaited.
  proofing.catch(() => {});
  const words = bookWords(book);
  const formats = options.formats ?? defaultFormats(book.design);
  // Print settings are checked before anything is written.
  const printing = formats.includes('pdf') ? printOptions(loaded.config, loaded.book.design) : undefined;
  const slug = slugify(book.metadata.title);
  const outputs: OutputFile[] = [];
  fs.mkdirSync(outDir, { recursive: true });
  let print: CompileResult['print'];
  let imposition: string[] | undefined;
  const write = (format: OutputFile['format'], name: string, bytes: Uint8Array) => {
    const target = path.join(outDir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeAtomic(target, bytes);
    outputs.push({ format, path: target, bytes: bytes.length });
  };
  for (const format of formats) {
    const t = performance.now();
    if (format === 'pdf' && printing) {
      // The words an earlier build shaped with these fonts are not shaped again.
      const shapingKey = hashOf('shaping', ...fontData(book));
      const seed = cache.get<SavedShaping>('shaping', shapingKey);
      const paragraphs = cache.get<Map<string, Uint8Array>>('paragraphs', shapingKey);
      const chapters = cache.get<Map<string, Uint8Array>>('chapters', shapingKey);
      const pdf = await renderPdf(
        book,
        printing,
        options.progress,
        words,
        caching ? { shaping: seed, paragraphs, chapters } : undefined,
      );
      if (caching && pdf.shaping) cache.put('shaping', shapingKey, pdf.shaping());
      if (pdf.paragraphs) cache.put('paragraphs', shapingKey, pdf.paragraphs);
      if (pdf.chapters) cache.put('chapters', shapingKey, pdf.chapters);
      for (const d of pdf.diagnostics) loaded.diagnostics.add(d);
      times.layout = pdf.times.layout;
      times.draw = pdf.times.draw;
      write('pdf', `${slug}.pdf`, pdf.bytes);
      // The cover's spine follows the interior's final page count.
      const tc = performance.now();
      options.progress?.('making the cover');
      const cover = await renderCover(book, printing, pdf.laid.pages.length);
      for (const d of cover.diagnostics) loaded.diagnostics.add(d);
      // In a folder of its own: beside the interior, `<slug>-cover.pdf` would sort first, and a tool that
      // takes the first PDF in dist/ (an upload script, a print-quality meter) would get the cover.
      write('cover', path.join(COVER_DIR, `${slug}-cover.pdf`), cover.bytes);
      times.cover = performance.now() - tc;
      // Sheets for hand binding, when book.yaml asks (print.impose), in a folder of their own too.
      const asked = loaded.config.print?.impose;
      if (asked) {
        const o = asked === true ? {} : asked;
        const ti = performance.now();
        options.progress?.('imposing sheets for binding');
        const paper = o.paper ?? 'letter';
        const imposed = await impose(pdf.bytes, `${slug}.pdf`, {
          sheetsPerSignature: o.sheets ?? 4,
          paper,
          marks: o.marks ?? false,
          mode: o.fill ? 'fill' : 'balance',
          date: new Date(book.metadata.modified),
          title: book.metadata.title,
        });
        write('imposed', path.join(IMPOSE_DIR, `${slug}-imposed.pdf`), imposed.bytes);
        imposition = impositionSummary(imposed, paper);
        times.impose = performance.now() - ti;
      }
      const g = cover.laid.geometry;
      print = {
        pages: pdf.laid.pages.length,
        spine: pdf.spine,
        trim: printing.trim.name,
        service: printing.service,
        paper: printing.paper,
        stats: pdf.laid.stats,
        cover: { width: g.width, height: g.height, spineText: cover.laid.spineText },
        imposition,
      };
    } else if (format === 'docx') {
      // In standard manuscript format whatever the book's design: that is what a .docx is sent as.
      options.progress?.('making the Word manuscript');
      const runningHead = loaded.config.runningHead;
      write(
        'docx',
        `${slug}.docx`,
        manuscriptDocx(book, { design: manuscriptDesign, ...(runningHead ? { runningHead } : {}) }),
      );
    } else {
      options.progress?.('making the EPUB');
      const ebook = await ebookImages(withEbookCover(book, printing, loaded.diagnostics, cache));
      for (const d of ebook.messages) loaded.diagnostics.add(d);
      // The design's fonts go into the EPUB only when the writer asks (readers' own fonts otherwise).
      const fonts = book.design?.ebookFonts ? ebookFonts(book.design) : undefined;
      write(format, `${slug}.${format}`, await renderEpub(ebook.book, fonts ? { fonts } : {}));
    }
    times[format] = (times[format] ?? 0) + performance.now() - t;
  }
  // The cache is kept once the books are written (a build that fails leaves the output folder as it was),
  // while the proofreading thread finishes.
  const tk = performance.now();
  parsed.keep();
  typeset.keep();
  cache.flush();
  times.keep = performance.now() - tk;
  options.progress?.('proofreading');
  const tw = performance.now();
  const checks = await proofing;
  // The time this thread gave it: sending the model and waiting for the answer (all of it, without a worker).
  proofTime += performance.now() - tw;
  times.check = proofTime;
  for (const note of cache.notes) loaded.diagnostics.add({ severity: 'info', rule: 'cache', message: note });
  return { ...loaded, outputs, words, print, checks };
}
