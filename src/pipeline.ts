/**
 * The front half of every command: a book folder in, the model out. Reads files (the only I/O), parses
 * each chapter, builds the structure. Back ends take the result and never look at the files again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig, valueStartLine, CONFIG_FILE } from './config/load.js';
import { toMetadata } from './config/metadata.js';
import type { BookConfig } from './config/schema.js';
import { BookError, Diagnostics } from './diagnostics/diagnostic.js';
import type { SourceLines } from './diagnostics/reporter.js';
import type { BuildEnv } from './env.js';
import type { Asset, Block, Book, CoverDesign } from './model/book.js';
import { LineIndex, type Span } from './model/position.js';
import { parseMarkdown } from './parse/markdown.js';
import { parseText } from './parse/text.js';
import { findCover, loadImage, resolveImages } from './read/assets.js';
import { loadFonts } from './read/fonts.js';
import { decodeText, ENCODING_NAMES, type Decoded } from './read/decode.js';
import { findChapterFiles, type ChapterFile } from './read/files.js';
import { readHeader, titleFromFileName } from './read/header.js';
import { readFrontMatter } from './read/frontmatter.js';
import { buildChapters, type ParsedFile } from './structure/chapters.js';
import { archiveConfigYaml } from './config/archive.js';
import { imageFileName, readArchive } from './parse/archive.js';
import { epubToHtml } from './read/epub-source.js';
import { typeset } from './typography/engine.js';

export interface PhaseTimes {
  read: number;
  parse: number;
  structure: number;
  [phase: string]: number;
}

export interface LoadedBook {
  book: Book;
  config: BookConfig;
  diagnostics: Diagnostics;
  /** Source text of every file read, for messages with a caret. */
  sources: Map<string, LineIndex>;
  times: PhaseTimes;
}

export function sourceLines(sources: Map<string, LineIndex>): SourceLines {
  return { line: (file, line) => sources.get(file)?.lineText(line) };
}

/** Says how a file was read when it was not plain UTF-8 with LF line ends. */
function reportDecoding(file: string, d: Decoded, diagnostics: Diagnostics): void {
  if (d.encoding === 'windows-1252') {
    diagnostics.warn({ rule: 'encoding', message: `${file} is not UTF-8; read it as Windows-1252`, file, hint: 'If accented letters or quotes look wrong in the book, save the file as UTF-8.' });
  } else if (d.encoding !== 'utf-8') {
    diagnostics.add({ severity: 'info', rule: 'encoding', message: `${file} read as ${ENCODING_NAMES[d.encoding]}`, file });
  }
  if (d.lineEnds === 'crlf' || d.lineEnds === 'cr' || d.lineEnds === 'mixed') {
    diagnostics.add({ severity: 'info', rule: 'encoding', message: `${file} has ${d.lineEnds === 'crlf' ? 'Windows (CRLF)' : d.lineEnds === 'cr' ? 'old Mac (CR)' : 'mixed'} line ends`, file });
  }
}

function readConfig(bookDir: string, sources: Map<string, LineIndex>): BookConfig {
  const file = path.join(bookDir, CONFIG_FILE);
  if (!fs.existsSync(file)) {
    throw new BookError({
      rule: 'no-config',
      message: `no ${CONFIG_FILE} in ${bookDir}`,
      hint: `Create ${CONFIG_FILE} with at least a title, for example:\n      title: "My Book"\n      author: "Your Name"\n      language: en`,
    });
  }
  const { text } = decodeText(fs.readFileSync(file), CONFIG_FILE);
  sources.set(CONFIG_FILE, new LineIndex(text));
  return parseConfig(text, CONFIG_FILE);
}

/** One manuscript file compiled as a book of its own (`octavo compile story.txt`). */
export interface SingleFile {
  /** Absolute path of the file. */
  file: string;
  title?: string;
  author?: string;
}

/**
 * The book.yaml a single file stands for: title and author from the command line, else from the file's
 * header block, else the title from the file name; each choice reported.
 */
function singleFileConfig(single: SingleFile, sources: Map<string, LineIndex>, diagnostics: Diagnostics): { config: BookConfig; skip: number; decoded: Decoded } {
  const name = path.basename(single.file);
  const decoded = decodeText(fs.readFileSync(single.file), name);
  const text = decoded.text;
  const header = /\.md$/i.test(name) && text.startsWith('---') ? { lines: 0 } : readHeader(text);
  const title = single.title ?? header.title ?? titleFromFileName(name);
  const author = single.author ?? header.author;
  const from = (given: string | undefined, inHeader: string | undefined) => (given ? 'the command line' : inHeader ? "the file's header" : 'the file name');
  diagnostics.add({ severity: 'info', rule: 'single-file', message: `${name}: the title "${title}" is from ${from(single.title, header.title)}${author ? `, the author "${author}" from ${from(single.author, header.author)}` : ''}`, file: name });
  if (header.lines) {
    // Its whole text is in the report: what the title page and the description do not show is not lost.
    const lines = new LineIndex(text);
    const end = lines.lineStart(header.lines) - 1;
    diagnostics.add({ severity: 'info', rule: 'single-file', message: `${name}: the header block (its first ${header.lines - 1} lines) is the book's title page, not story text`, file: name, start: lines.position(0), end: lines.position(end), before: text.slice(0, end), after: '' });
  }
  const yaml = `title: ${JSON.stringify(title)}\n${author ? `author: ${JSON.stringify(author)}\n` : ''}${header.summary ? `description: ${JSON.stringify(header.summary)}\n` : ''}`;
  sources.set(CONFIG_FILE, new LineIndex(yaml));
  return { config: parseConfig(yaml, CONFIG_FILE), skip: header.lines, decoded };
}

/** True for a file that is read as an archive's download (HTML or EPUB) or an HTML story (`octavo compile work.html`). */
export function isArchiveFile(file: string): boolean {
  return /\.(x?html?|epub)$/i.test(file);
}

/** An archive download's text: the HTML as it is, or an EPUB's documents joined in reading order. */
export function archiveText(file: string, name: string): { text: string; decoded?: Decoded } {
  const bytes = fs.readFileSync(file);
  if (/\.epub$/i.test(name)) return { text: epubToHtml(bytes, name) };
  const decoded = decodeText(bytes, name);
  return { text: decoded.text, decoded };
}

/** The writer's copy of an image from the web: assets/<its file name> in `dir`, when it is there. */
export function localCopy(dir: string, url: string): string | undefined {
  const name = imageFileName(url);
  return name && fs.existsSync(path.join(dir, 'assets', name)) ? `assets/${name}` : undefined;
}

/**
 * An archive download (or an HTML story) as a book: book.yaml from its preface, a chapter per archive
 * chapter, each choice reported.
 */
function archiveBook(single: SingleFile, sources: Map<string, LineIndex>, diagnostics: Diagnostics): { config: BookConfig; parsed: ParsedFile[] } {
  const name = path.basename(single.file);
  const { text, decoded } = archiveText(single.file, name);
  if (decoded) reportDecoding(name, decoded, diagnostics);
  const lines = new LineIndex(text);
  sources.set(name, lines);
  const work = readArchive(text, { file: name, lines, diagnostics, localImage: (url) => localCopy(path.dirname(single.file), url) });
  const yaml = archiveConfigYaml(work, { title: single.title, author: single.author, fallbackTitle: titleFromFileName(name) });
  sources.set(CONFIG_FILE, new LineIndex(yaml));
  const from = (given: string | undefined, inFile: unknown) => (given ? 'the command line' : inFile ? (work.site ? `the ${work.site} preface` : "the file's <title>") : 'the file name');
  const config = parseConfig(yaml, CONFIG_FILE);
  const author = single.author ?? work.authors.join(' & ');
  diagnostics.add({ severity: 'info', rule: 'single-file', message: `${name}: the title "${config.title}" is from ${from(single.title, work.title)}${author ? `, the author "${author}" from ${from(single.author, work.authors.length)}` : ''}`, file: name });
  if (work.languageName && !work.language) {
    diagnostics.warn({ rule: 'archive', message: `${name}: the archive's language "${work.languageName}" is not one Octavo knows; the book is marked as English`, file: name, hint: 'Import the work (octavo import) and set language: in book.yaml.' });
  }
  const parsed: ParsedFile[] = work.chapters.map((c) => ({ rel: name, blocks: c.blocks, frontMatter: c.title ? { title: c.title } : {}, pos: c.pos, titlePos: c.titlePos, whole: true }));
  if (work.chapters.length > 1) diagnostics.add({ severity: 'info', rule: 'chapters', message: `${name}: ${work.chapters.length} chapters, from the archive's chapter headings`, file: name });
  return { config, parsed };
}

/**
 * `only`: read just this manuscript file (book-relative) into the model, for a quick preview of the
 * chapter being edited; the cover and fonts are left out, and chapter numbers start at one.
 */
export interface LoadOptions {
  only?: string;
}

export function loadBook(bookDir: string, env: BuildEnv, single?: SingleFile, options: LoadOptions = {}): LoadedBook {
  if (single) bookDir = path.dirname(single.file);
  if (!fs.existsSync(bookDir) || !fs.statSync(bookDir).isDirectory()) {
    throw new BookError({
      rule: 'no-book',
      message: `the book folder ${bookDir} does not exist`,
      hint: 'Give the folder that holds book.yaml and manuscript/, or run octavo init to start one.',
    });
  }
  const diagnostics = new Diagnostics();
  const sources = new Map<string, LineIndex>();
  const times: PhaseTimes = { read: 0, parse: 0, structure: 0 };
  let t = performance.now();
  const lap = (phase: keyof PhaseTimes) => {
    const now = performance.now();
    times[phase] += now - t;
    t = now;
  };

  let skip = 0;
  let config: BookConfig;
  let files: ChapterFile[];
  const parsed: ParsedFile[] = [];
  // The single file, read once for its header: not read again below.
  let decodedSingle: Decoded | undefined;
  if (single && isArchiveFile(single.file)) {
    let fromArchive: ParsedFile[];
    ({ config, parsed: fromArchive } = archiveBook(single, sources, diagnostics));
    parsed.push(...fromArchive);
    files = [];
  } else if (single) {
    ({ config, skip, decoded: decodedSingle } = singleFileConfig(single, sources, diagnostics));
    files = [{ rel: path.basename(single.file), abs: single.file }];
  } else {
    config = readConfig(bookDir, sources);
    files = findChapterFiles(bookDir, config.chapters);
    if (options.only !== undefined) files = files.filter((f) => f.rel === options.only);
  }
  lap('read');

  for (const file of files) {
    const decoded = decodedSingle ?? decodeText(fs.readFileSync(file.abs), file.rel);
    reportDecoding(file.rel, decoded, diagnostics);
    const { text } = decoded;
    const lines = new LineIndex(text);
    sources.set(file.rel, lines);
    const fm = skip ? { data: {}, body: text.split('\n').slice(skip).join('\n'), bodyOffset: lines.lineStart(skip + 1), bodyLine: skip } : readFrontMatter(text, file.rel);
    lap('read');
    const ctx = { file: file.rel, lines, bodyLine: fm.bodyLine, diagnostics };
    const blocks = /\.txt$/i.test(file.rel) ? parseText(ctx) : parseMarkdown(fm.body, ctx);
    const pos: Span = lines.span(file.rel, 0, 0);
    parsed.push({ rel: file.rel, blocks, frontMatter: fm.data, pos, titlePos: fm.bodyLine ? titleSpan(lines, file.rel, fm.bodyLine) : undefined });
    lap('parse');
  }

  const chapters = buildChapters(parsed, diagnostics, config.notes);
  lap('structure');

  const assets = new Map<string, Asset>();
  for (const chapter of chapters) {
    const fromDir = path.posix.dirname(chapter.source);
    resolveImages(chapter.blocks, (ref, pos) => loadImage(bookDir, ref, fromDir, pos, assets));
  }
  const coverConfig = typeof config.cover === 'string' ? { front: config.cover } : (config.cover ?? {});
  const whole = options.only === undefined;
  const coverRef = whole ? findCover(bookDir, coverConfig.front) : undefined;
  const cover = coverRef ? loadImage(bookDir, coverRef, '.', undefined, assets) : undefined;
  const backRef = whole ? findCover(bookDir, coverConfig.back, ['cover-back']) : undefined;
  const coverDesign: CoverDesign = {
    back: backRef ? loadImage(bookDir, backRef, '.', undefined, assets) : undefined,
    blurb: whole && coverConfig.blurb ? parseBlurb(coverConfig.blurb, sources.get(CONFIG_FILE)!, diagnostics) : [],
    background: coverConfig.background,
    imprint: coverConfig.imprint,
  };
  const fonts = whole ? loadFonts(bookDir, config.print?.font) : undefined;
  lap('read');

  const book: Book = { metadata: toMetadata(config, env), chapters, assets, cover, fonts, coverDesign, chapterHeadings: config.chapterHeadings };
  const changes = typeset(book, {
    language: config.language,
    rules: { ...config.typography, corrections: config.typography?.corrections === false ? false : (config.corrections ?? true) },
    locate: (file, offset) => sources.get(file)!.position(offset),
  });
  for (const change of changes) diagnostics.add(change);
  times.typography = performance.now() - t;
  if (book.metadata.creators.length === 0) {
    diagnostics.warn({ rule: 'no-author', message: `${CONFIG_FILE} names no author`, file: CONFIG_FILE, hint: 'Add author: "Your Name" (or "Anonymous").' });
  }
  return { book, config, diagnostics, sources, times };
}

/** The span of the `title:` value in front matter, for messages about the title. */
/** The back-cover text (book.yaml cover.blurb) as Markdown, with positions in book.yaml. */
function parseBlurb(blurb: string, yaml: LineIndex, diagnostics: Diagnostics): Block[] {
  const bodyLine = valueStartLine(yaml.text, ['cover', 'blurb']) ?? 0;
  return parseMarkdown(blurb, { file: CONFIG_FILE, lines: yaml, bodyLine, diagnostics });
}

function titleSpan(lines: LineIndex, file: string, bodyLine: number): Span | undefined {
  for (let line = 2; line < bodyLine; line++) {
    const text = lines.lineText(line);
    const m = /^title\s*:\s*/.exec(text);
    if (m) {
      const start = lines.lineStart(line) + m[0].length;
      return lines.span(file, start, lines.lineStart(line) + text.length);
    }
  }
  return undefined;
}
