/**
 * `octavo watch [dir]`: builds the book, serves a preview page on 127.0.0.1, and builds again on every
 * save to a chapter, book.yaml or an asset. Saves are gathered for a moment (debounced); one build runs at
 * a time, and saves made during it are built next, together (the last save wins). A saved chapter is
 * previewed first on its own (read, set and shown in a few tens of milliseconds, even in a long book),
 * then the whole book is built into dist/ and the page shows the new PDF. A build that fails keeps the
 * last good preview and shows the error above it. The page can switch designs: the book is built again in
 * the one picked (as `--design` would), until another is picked; book.yaml is never touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compile, resolveOutDir, type CompileResult, type Format } from '../build.js';
import { BookError, type Message } from '../diagnostics/diagnostic.js';
import type { BuildEnv } from '../env.js';
import { EPUB_CSS } from '../epub/css.js';
import { assetFile } from '../epub/package-docs.js';
import { designCss, ebookLook } from '../epub/design.js';
import { chapterXhtml, xhtmlDocument } from '../epub/xhtml.js';
import type { Book, Chapter } from '../model/book.js';
import { loadBook } from '../pipeline.js';
import { PreviewServer, type PreviewContent } from '../preview/server.js';
import { isChapterFile, MANUSCRIPT_DIR } from '../read/files.js';
import { chapterLabel } from '../structure/chapters.js';
import { DEFAULT_DESIGN, DESIGN_IDS, DESIGNS, type DesignId } from '../design/index.js';

export interface WatchOptions {
  port?: number;
  /** The launcher, to proofread each build on a worker thread (see CompileOptions). */
  workerScript?: string;
  outDir?: string;
  formats?: Format[];
  /** A design to build in instead of book.yaml's (`--design`). */
  design?: DesignId;
  /** Milliseconds to wait for more saves before building. */
  debounceMs?: number;
  /** One line per build, for the terminal. */
  log?(line: string): void;
}

/** Not a file: the page picked another design, and the whole book is built again in it. */
const DESIGN_SWITCH = ':design';

export interface Watcher {
  url: string;
  content(): PreviewContent;
  /** Resolves when the build count reaches `build` (or passes it). */
  built(build: number): Promise<void>;
  /** Stops watching, lets a running build finish, closes the server. */
  close(): Promise<void>;
}

/** A chapter as its own document, as the EPUB has it. */
function chapterDocument(book: Book, chapter: Chapter): string {
  const hrefs = { href: (id: string) => assetFile(book.assets.get(id)!) };
  return xhtmlDocument(
    book.metadata.language,
    chapterLabel(chapter, book.chapterHeadings),
    chapterXhtml(chapter, hrefs, book.chapterHeadings, ebookLook(book.design)),
  );
}

/** The preview's stylesheet: the EPUB's, with the book's design over it. */
function previewCss(book: Book): string {
  return EPUB_CSS + designCss(ebookLook(book.design));
}

function imagesOf(book: Book): PreviewContent['images'] {
  const out: PreviewContent['images'] = new Map();
  for (const asset of book.assets.values())
    out.set(path.posix.basename(assetFile(asset)), { type: asset.mediaType, data: asset.data });
  return out;
}

export async function startWatch(bookDir: string, env: BuildEnv, options: WatchOptions = {}): Promise<Watcher> {
  const outDir = resolveOutDir(bookDir, options.outDir);
  const log = options.log ?? (() => undefined);
  /** The design to build in: `--design`, then the one picked on the page; book.yaml's when neither. */
  let design = options.design;
  const server = new PreviewServer(
    {
      state: {
        build: 0,
        title: path.basename(bookDir),
        diagnostics: [],
        changes: [],
        pdf: false,
        bookDir,
        designs: DESIGNS.map((d) => ({ id: d.id, description: d.description })),
      },
      css: EPUB_CSS,
      images: new Map(),
    },
    {
      design: (id) => {
        if (!(DESIGN_IDS as readonly string[]).includes(id)) return false;
        design = id as DesignId;
        log(`building in the ${id} design (book.yaml is unchanged)`);
        request(DESIGN_SWITCH);
        return true;
      },
    },
  );
  const url = await server.listen(options.port);

  let last: CompileResult | undefined;
  /** The chapter file on show: the last one saved, else the book's first chapter. */
  let shownFile: string | undefined;
  const waiters: { build: number; resolve(): void }[] = [];
  const publish = (change: Partial<PreviewContent['state']>, extra: Partial<PreviewContent> = {}) => {
    const c = server.content;
    server.content = { ...c, ...extra, state: { ...c.state, ...change, build: c.state.build + 1 } };
    server.announce();
    const now = server.content.state.build;
    for (const w of waiters.filter((x) => x.build <= now)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };

  const changesIn = (items: Message[], file: string | undefined) =>
    items.filter((d) => d.before !== undefined && d.file === file);
  const chapterOf = (book: Book, file: string | undefined) =>
    book.chapters.find((c) => c.source === file && c.kind !== 'part') ??
    book.chapters.find((c) => c.kind === 'chapter') ??
    book.chapters[0];

  /** The saved chapter alone: read, structured and set, with the full build's numbering. */
  const previewChapter = (file: string, saved: number) => {
    const loaded = loadBook(bookDir, env, { only: file, design });
    const chapter = loaded.book.chapters.find((c) => c.kind !== 'part');
    if (!chapter || !last) return;
    // Its place in the whole book, from the last full build.
    const before = last.book.chapters.find((c) => c.source === file && c.kind === chapter.kind);
    if (before) {
      chapter.id = before.id;
      chapter.number = before.number;
    }
    const book: Book = { ...loaded.book, chapterHeadings: last.book.chapterHeadings, metadata: last.book.metadata };
    const own = loaded.diagnostics.items.filter((d) => d.file === file && d.severity !== 'info');
    const others = last.diagnostics.items.filter((d) => d.file !== file);
    publish(
      {
        chapter: { file, title: chapterLabel(chapter, book.chapterHeadings) },
        diagnostics: [...others, ...own],
        changes: changesIn(loaded.diagnostics.items, file),
        error: undefined,
        ms: performance.now() - saved,
      },
      {
        chapterDocument: chapterDocument(book, chapter),
        css: previewCss(book),
        images: new Map([...server.content.images, ...imagesOf(book)]),
      },
    );
    log(`previewed ${file} in ${Math.round(performance.now() - saved)} ms`);
  };

  const fullBuild = async (saved: number) => {
    const result = await compile(
      bookDir,
      { outDir, formats: options.formats, workerScript: options.workerScript, design },
      env,
    );
    last = result;
    const chapter = chapterOf(result.book, shownFile);
    const pdf = result.outputs.find((o) => o.format === 'pdf');
    publish(
      {
        title: result.book.metadata.title,
        chapter: chapter
          ? { file: chapter.source, title: chapterLabel(chapter, result.book.chapterHeadings) }
          : undefined,
        diagnostics: result.diagnostics.items.filter((d) => d.severity !== 'info'),
        changes: changesIn(result.diagnostics.items, chapter?.source),
        error: undefined,
        pdf: Boolean(pdf),
        findings: result.checks.findings,
        ms: performance.now() - saved,
        design: (result.book.design ?? DEFAULT_DESIGN).id,
      },
      {
        chapterDocument: chapter ? chapterDocument(result.book, chapter) : undefined,
        css: previewCss(result.book),
        images: imagesOf(result.book),
        pdfPath: pdf?.path,
      },
    );
    const warnings = result.diagnostics.warnings.length;
    log(
      `built in ${Math.round(performance.now() - saved)} ms: ${result.book.chapters.length} ` +
        `chapter${result.book.chapters.length === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${result.checks.findings} proofreading finding${result.checks.findings === 1 ? '' : 's'}`,
    );
  };

  const failed = (err: unknown) => {
    if (!(err instanceof BookError)) throw err;
    publish({ error: err.diagnostic });
    log(
      `build failed: ${err.diagnostic.file ? `${err.diagnostic.file}: ` : ''}${err.diagnostic.message} (the preview ` +
        `keeps the last good build)`,
    );
  };

  // One build at a time; saves made meanwhile are built next, together.
  const pending = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let savedAt = performance.now();
  const run = async () => {
    const files = [...pending];
    pending.clear();
    const saved = savedAt;
    const chapters = files.filter(
      (f) => f.startsWith(`${MANUSCRIPT_DIR}/`) && isChapterFile(f) && fs.existsSync(path.join(bookDir, f)),
    );
    if (chapters.length) shownFile = chapters[chapters.length - 1];
    try {
      // Only chapters saved, and the book was good: show the chapter first.
      if (last && chapters.length === files.length && shownFile && !server.content.state.error) {
        previewChapter(shownFile, saved);
        // Let the page hear of it and fetch the chapter before the whole build takes the thread.
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      await fullBuild(saved);
    } catch (err) {
      failed(err);
    }
  };
  const pump = () => {
    if (running || closed || pending.size === 0) return;
    running = run().finally(() => {
      running = undefined;
      pump();
    });
  };
  const outRel = path.relative(bookDir, outDir);
  const ignored = (rel: string) =>
    rel.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules') ||
    (outRel && !outRel.startsWith('..') && (rel === outRel || rel.startsWith(`${outRel}${path.sep}`))) ||
    /(~|\.swp|\.tmp)$/.test(rel);
  // A watcher per folder (Node's recursive watching on Linux reports a save a quarter of a second late).
  const watchers = new Map<string, fs.FSWatcher>();
  /** A file saved (or the design switched): built after a moment, with whatever else comes meanwhile. */
  const request = (what: string) => {
    pending.add(what);
    savedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(pump, options.debounceMs ?? 40);
  };
  const onSave = (rel: string) => {
    if (closed || ignored(rel)) return;
    const abs = path.join(bookDir, rel);
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
      watchFolder(abs);
      return;
    }
    request(rel.split(path.sep).join('/'));
  };
  const watchFolder = (abs: string) => {
    if (watchers.has(abs)) return;
    const rel = path.relative(bookDir, abs);
    if (rel && ignored(rel)) return;
    try {
      watchers.set(
        abs,
        fs.watch(abs, (_event, name) => name && onSave(path.join(rel, name.toString()))),
      );
    } catch {
      return;
    }
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }))
      if (entry.isDirectory()) watchFolder(path.join(abs, entry.name));
  };
  watchFolder(bookDir);

  // The first build.
  running = (async () => {
    try {
      await fullBuild(performance.now());
    } catch (err) {
      failed(err);
    }
  })().finally(() => {
    running = undefined;
    pump();
  });

  return {
    url,
    content: () => server.content,
    built: (build) =>
      server.content.state.build >= build
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push({ build, resolve });
          }),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      await running;
      await server.close();
    },
  };
}
