/**
 * The front half of every command: a book folder or a file in, the model out, in one straight line: the
 * reader for the input (src/read/index.ts) gives the settings and the manuscript as model blocks, then
 * structure, the book's images, cover and fonts, and typography. Back ends take the result and never
 * look at the files again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { valueStartLine, CONFIG_FILE } from './config/load.js';
import { toMetadata } from './config/metadata.js';
import { notesSettings, type BookConfig } from './config/schema.js';
import { BookError, Diagnostics } from './diagnostics/diagnostic.js';
import type { SourceLines } from './diagnostics/reporter.js';
import type { BuildEnv } from './env.js';
import type { Asset, Block, Book, CoverDesign } from './model/book.js';
import { LineIndex } from './model/position.js';
import { parseMarkdown } from './parse/markdown.js';
import { capNesting } from './structure/depth.js';
import { embeddedImage, findCover, loadImage, resolveImages } from './read/assets.js';
import { loadFonts } from './read/fonts.js';
import { READERS, readerFor } from './read/index.js';
import type { ParseMemo } from './read/reader.js';
import { buildChapters } from './structure/chapters.js';
import { rankHeadings } from './structure/headings.js';
import { bookMatter } from './structure/matter.js';
import { typeset, type TypographyMemo } from './typography/engine.js';
import { hashOf } from './cache/store.js';
import { type DesignId, type DesignOverrides, resolveDesign } from './design/index.js';

export interface PhaseTimes {
  read: number;
  parse: number;
  structure: number;
  [phase: string]: number;
}

export interface LoadedBook {
  book: Book;
  /** The folder the book's images, cover and fonts came from (a single file's own folder). */
  bookDir: string;
  config: BookConfig;
  diagnostics: Diagnostics;
  /** Source text of every file read, for messages with a caret. */
  sources: Map<string, LineIndex>;
  times: PhaseTimes;
}

export function sourceLines(sources: Map<string, LineIndex>): SourceLines {
  return { line: (file, line) => sources.get(file)?.lineText(line) };
}

/** The folder a book's files are in: the book folder itself, or the folder of a file that is a book of its own. */
export function bookFolderOf(target: string): string {
  return fs.existsSync(target) && fs.statSync(target).isFile() ? path.dirname(target) : target;
}

export interface LoadOptions {
  /** Title and author named on the command line, for a single file (a book folder has book.yaml). */
  title?: string;
  author?: string;
  /** The design named on the command line (`--design`), over book.yaml's name; its overrides kept. */
  design?: DesignId;
  /**
   * Read just this manuscript file (book-relative) into the model, for a quick preview of the chapter
   * being edited; the cover and fonts are left out, and chapter numbers start at one.
   */
  only?: string;
  /** Files an earlier build parsed (the build cache). */
  memo?: ParseMemo;
  /** Paragraphs an earlier build typeset (the build cache). */
  typeset?: Pick<TypographyMemo, 'get' | 'put'>;
}

/**
 * The build cache's typeset runs for this book: a run is keyed by the settings, the text of its file (the
 * changes' places are lines and columns in it) and its own text and places.
 */
function typesetMemo(
  store: Pick<TypographyMemo, 'get' | 'put'>,
  options: { language: string; rules: Record<string, unknown> },
  sources: Map<string, LineIndex>,
): TypographyMemo {
  const settings = JSON.stringify([options.language, options.rules]);
  const keys = new Map<string, string | undefined>();
  return {
    get: (key) => store.get(key),
    put: (key, run) => store.put(key, run),
    fileKey(file) {
      if (!keys.has(file)) {
        const text = sources.get(file)?.text;
        keys.set(file, text === undefined ? undefined : hashOf(settings, file, text));
      }
      return keys.get(file);
    },
  };
}

/** book.yaml's design with another name, its overrides kept. */
function withName(
  given: DesignId | DesignOverrides | undefined,
  name: DesignId | undefined,
): DesignId | DesignOverrides | undefined {
  if (!name) return given;
  return typeof given === 'object' ? { ...given, name } : name;
}

export function loadBook(target: string, env: BuildEnv, options: LoadOptions = {}): LoadedBook {
  const reader = readerFor(target);
  if (!reader) throw unreadable(target);
  const diagnostics = new Diagnostics();
  const sources = new Map<string, LineIndex>();
  const times: PhaseTimes = { read: 0, parse: 0, structure: 0 };
  let t = performance.now();
  const lap = (phase: keyof PhaseTimes) => {
    const now = performance.now();
    times[phase] += now - t;
    t = now;
  };

  const { bookDir, config, files } = reader.read({ path: target, ...options, diagnostics, sources });
  for (const file of files) capNesting(file, diagnostics);
  lap('parse');
  const notes = notesSettings(config);
  const chapters = buildChapters(files, diagnostics, notes.authors, notes.numbering);
  rankHeadings(chapters, diagnostics);
  lap('structure');

  const assets = new Map<string, Asset>();
  const held = new Map(files.map((f) => [f.rel, f.images]));
  for (const chapter of chapters) {
    const fromDir = path.posix.dirname(chapter.source);
    // A Word or OpenDocument file's pictures are in the file; a text file's are in the book folder.
    const inFile = held.get(chapter.source);
    resolveImages(chapter.blocks, (ref, pos) => {
      const data = inFile?.get(ref);
      return data
        ? embeddedImage(ref, data, chapter.source, pos, assets)
        : loadImage(bookDir, ref, fromDir, pos, assets);
    });
  }
  const coverConfig = typeof config.cover === 'string' ? { front: config.cover } : (config.cover ?? {});
  const whole = options.only === undefined;
  const coverRef = whole ? findCover(bookDir, coverConfig.front) : undefined;
  const cover = coverRef ? loadImage(bookDir, coverRef, '.', undefined, assets) : undefined;
  const backRef = whole ? findCover(bookDir, coverConfig.back, ['cover-back']) : undefined;
  const coverDesign: CoverDesign = {
    back: backRef ? loadImage(bookDir, backRef, '.', undefined, assets) : undefined,
    blurb: whole && coverConfig.blurb ? parseBlurb(coverConfig.blurb, sources.get(CONFIG_FILE), diagnostics) : [],
    background: coverConfig.background,
    imprint: coverConfig.imprint,
  };
  const fonts = whole ? loadFonts(bookDir, config.print?.font) : undefined;
  const breakRef = typeof config.design === 'object' ? config.design.sceneBreakImage : undefined;
  const sceneBreakImage = breakRef ? loadImage(bookDir, breakRef, '.', undefined, assets) : undefined;
  lap('read');

  const metadata = toMetadata(config, env);
  const matter = bookMatter(metadata);
  const book: Book = {
    metadata,
    chapters,
    assets,
    cover,
    fonts,
    coverDesign,
    chapterHeadings: config.chapterHeadings,
    ...(config.design || options.design
      ? {
          design: {
            ...resolveDesign(withName(config.design, options.design)),
            ...(sceneBreakImage ? { sceneBreakImage } : {}),
          },
        }
      : {}),
    notes: { ebook: notes.ebook, print: notes.print },
    matter,
  };
  const typography = {
    language: config.language,
    rules: {
      ...config.typography,
      corrections: config.typography?.corrections === false ? false : (config.corrections ?? true),
    },
    locate: (file: string, offset: number) => sources.get(file)!.position(offset),
  };
  const changes = typeset(book, typography, options.typeset && typesetMemo(options.typeset, typography, sources));
  for (const change of changes) diagnostics.add(change);
  times.typography = performance.now() - t;
  if (!book.metadata.date) {
    diagnostics.warn({
      rule: 'no-date',
      message: `${CONFIG_FILE} gives no date: the copyright line has no year, and the book no publication date`,
      file: CONFIG_FILE,
      hint: `Add date: ${new Date(Number(process.env.SOURCE_DATE_EPOCH ?? 0) * 1000 || Date.now()).toISOString().slice(0, 4)} (or the full date, 2026-03-14).`,
    });
  }
  if (book.metadata.creators.length === 0) {
    diagnostics.warn({
      rule: 'no-author',
      message: `${CONFIG_FILE} names no author`,
      file: CONFIG_FILE,
      hint: 'Add author: "Your Name" (or "Anonymous").',
    });
  }
  return { book, bookDir, config, diagnostics, sources, times };
}

/** What to say of a path no reader takes: a folder that is not there, or a file of a kind Octavo does not read. */
/** What to save instead, for the word processors' formats Octavo does not read. */
const SAVE_AS: Record<string, string> = {
  '.doc': 'a Word 97–2003 document: in Word, File, Save As, "Word Document (.docx)"',
  '.rtf': 'a Rich Text file: open it in Word or LibreOffice and save it as .docx (or .odt)',
  '.pages': 'a Pages document: in Pages, File, Export To, Word… (.docx)',
  '.wpd': 'a WordPerfect document: open it in LibreOffice and save it as .docx or .odt',
  '.gdoc': 'a link to a Google Doc, not the document: in Google Docs, File, Download, Microsoft Word (.docx)',
};

function unreadable(target: string): BookError {
  if (fs.existsSync(target) && fs.statSync(target).isFile()) {
    const saveAs = SAVE_AS[path.extname(target).toLowerCase()];
    return new BookError({
      rule: 'not-text',
      message: saveAs
        ? `${path.basename(target)} is ${saveAs.split(':')[0]}, which Octavo does not read`
        : `${path.basename(target)} is not a kind of file Octavo reads`,
      file: path.basename(target),
      hint: saveAs
        ? `${saveAs.slice(saveAs.indexOf(':') + 2).replace(/^./, (c) => c.toUpperCase())}, then build that.`
        : `Octavo reads ${READERS.map((r) => r.name).join(', ')}.`,
    });
  }
  return new BookError({
    rule: 'no-book',
    message: `the book folder ${target} does not exist`,
    hint: 'Give the folder that holds book.yaml and manuscript/, or run octavo init to start one.',
  });
}

/** The back-cover text (book.yaml cover.blurb) as Markdown, with positions in book.yaml. */
function parseBlurb(blurb: string, yaml: LineIndex | undefined, diagnostics: Diagnostics): Block[] {
  const lines = yaml ?? new LineIndex(blurb);
  const bodyLine = yaml ? (valueStartLine(yaml.text, ['cover', 'blurb']) ?? 0) : 0;
  return parseMarkdown(blurb, { file: CONFIG_FILE, lines, bodyLine, diagnostics });
}
