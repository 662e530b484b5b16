/**
 * `octavo init [dir]`: a new book folder, ready to compile: book.yaml with every key explained, a first
 * chapter, assets/, and a .gitignore for dist/. `--from story.txt` starts the book from a manuscript the
 * writer already has, split into one file per chapter at its chapter headings, each chapter's text exactly
 * as the writer typed it. Nothing is ever overwritten: if any file to be made exists, nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { slugify } from '../build.js';
import { bookYamlTemplate } from '../config/docs.js';
import { BookError, Diagnostics } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../model/position.js';
import { parseMarkdown } from '../parse/markdown.js';
import { parseText } from '../parse/text.js';
import { decodeText } from '../read/decode.js';
import { readHeader, titleFromFileName } from '../read/header.js';
import { splitAtChapters } from '../structure/split.js';

export interface InitOptions {
  /** A manuscript file to start from. */
  from?: string;
  title?: string;
  author?: string;
  /** Octavo's book.schema.json, for the editor hint on book.yaml's first line. */
  schemaFile?: string;
}

const FIRST_CHAPTER =
  '# Chapter One\n\nThe first words of your book go here. Write in Markdown: *emphasis*, **strong**, and a line ' +
  'of\n`* * *` for a scene break.\n';

/** A chapter file's name part: "The Night" → "the-night". */
const slug = (label: string) => slugify(label).slice(0, 40).replace(/-+$/, '') || 'chapter';

/** A manuscript file cut at its chapter headings: each chapter's text exactly as typed, with a file name. */
function chaptersFrom(file: string): { title?: string; author?: string; chapters: { name: string; text: string }[] } {
  const name = path.basename(file);
  const ext = /\.(md|markdown)$/i.test(name) ? 'md' : 'txt';
  const text = decodeText(fs.readFileSync(file), name).text;
  const header = readHeader(text);
  const lines = new LineIndex(text);
  const ctx = { file: name, lines, bodyLine: header.lines, diagnostics: new Diagnostics() };
  const body = text.split('\n').slice(header.lines).join('\n');
  const blocks = ext === 'md' ? parseMarkdown(body, ctx) : parseText(ctx);
  const parts = splitAtChapters(blocks);
  const start = lines.lineStart(header.lines + 1);
  if (!parts)
    return { ...header, chapters: [{ name: `01-${slug(titleFromFileName(name))}.${ext}`, text: text.slice(start) }] };
  // Each chapter runs from its heading to the next one; text before the first heading stays with it.
  const cuts = parts.map((p, k) => (k === 0 ? start : (p.headingBlock?.pos.start.offset ?? start)));
  return {
    ...header,
    chapters: parts.map((p, k) => {
      const label = p.heading ? p.heading.title || `${p.heading.kind} ${p.heading.number ?? ''}` : 'opening';
      return {
        name: `${String(k + 1).padStart(2, '0')}-${slug(label)}.${ext}`,
        text: `${text.slice(cuts[k], cuts[k + 1] ?? text.length).trimEnd()}\n`,
      };
    }),
  };
}

/** Makes the book folder; returns the files written, relative to it. */
export function initBook(dir: string, options: InitOptions): string[] {
  const from = options.from ? chaptersFrom(options.from) : undefined;
  const title =
    options.title ??
    from?.title ??
    (options.from
      ? titleFromFileName(path.basename(options.from))
      : titleFromFileName(path.basename(path.resolve(dir))));
  const author = options.author ?? from?.author ?? 'Your Name';
  const files: [string, string][] = [
    ['book.yaml', bookYamlTemplate(title, author, schemaRef(dir, options.schemaFile), today())],
    ['.gitignore', 'dist/\n'],
    ...(from
      ? from.chapters.map((c): [string, string] => [`manuscript/${c.name}`, c.text])
      : [['manuscript/01-chapter-one.md', FIRST_CHAPTER] as [string, string]]),
  ];
  const existing = files.map(([rel]) => rel).filter((rel) => fs.existsSync(path.join(dir, rel)));
  if (existing.length) {
    throw new BookError({
      rule: 'init-exists',
      message: `${path.join(dir, existing[0])} already exists; octavo init never overwrites a book`,
      hint: 'Run octavo init in a new or empty folder: octavo init my-book',
    });
  }
  for (const [rel, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text, { flag: 'wx' });
  }
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  return [...files.map(([rel]) => rel), 'assets/'];
}

/** The schema's path as book.yaml refers to it: relative to the book folder, with forward slashes. */
function schemaRef(dir: string, schemaFile: string | undefined): string | undefined {
  if (!schemaFile || !fs.existsSync(schemaFile)) return undefined;
  return path.relative(path.resolve(dir), schemaFile).split(path.sep).join('/');
}

/**
 * How to run Octavo from `cwd`, as the writer would type it: `octavo` when the command on the PATH is this
 * one, `npx octavo` inside a project that has Octavo installed, else the launcher itself with node.
 */
export function octavoCommand(cwd: string, launcher: string | undefined, pathVar = process.env.PATH ?? ''): string {
  if (!launcher) return 'octavo';
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const self = real(launcher);
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    const found = real(path.join(dir, 'octavo'));
    if (found && found === self) return 'octavo';
  }
  for (let d = path.resolve(cwd); ; d = path.dirname(d)) {
    const installed = real(path.join(d, 'node_modules', '.bin', 'octavo'));
    if (installed && installed === self) return 'npx octavo';
    if (path.dirname(d) === d) break;
  }
  const shown = path.relative(cwd, launcher) || launcher;
  return `node ${shown.includes(' ') ? JSON.stringify(shown) : shown}`;
}

/** Today as YYYY-MM-DD (the build's SOURCE_DATE_EPOCH when set, so that a scripted init is reproducible). */
function today(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return new Date(Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? epoch * 1000 : Date.now())
    .toISOString()
    .slice(0, 10);
}
