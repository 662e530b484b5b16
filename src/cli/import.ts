/**
 * `octavo import book.docx mybook/` (or `.odt`): a Word, Google Docs or LibreOffice manuscript as an
 * editable book folder: book.yaml from its title page and properties, one Markdown file per chapter with its
 * italics, breaks, lists, tables and notes (`[^1]`), and the pictures it holds in assets/.
 *
 * `octavo import work.html mybook/`: an archive download (Archive of Our Own's "Download → HTML" or EPUB) as an
 * editable book folder: book.yaml from the work's preface, one Markdown file per chapter (its summary and
 * notes as labelled quotations, which the build sets apart as `notes:` says), and the writer's local
 * copies of the work's images in assets/. The folder is written whole or not at all, and never over an
 * existing one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { slugify } from '../build.js';
import { archiveConfigValues } from '../config/archive.js';
import { BookError, type Diagnostics } from '../diagnostics/diagnostic.js';
import { blockNotes, plainText, type Block, type Inline } from '../model/book.js';
import { blocksToMarkdown, notesToMarkdown } from '../model/markdown.js';
import { resolveImages } from '../read/assets.js';
import { readWordDocument, WORD_EXTENSIONS } from '../read/docx.js';
import { buildChapters } from '../structure/chapters.js';
import { archiveWork } from '../read/archive-html.js';
import { decodeText } from '../read/decode.js';
import { epubToHtml } from '../read/epub.js';
import { titleFromFileName } from '../read/header.js';

export interface ImportOptions {
  title?: string;
  author?: string;
}

export interface Imported {
  /** Files written, relative to the book folder. */
  files: string[];
  chapters: number;
}

const slug = (label: string) => slugify(label).slice(0, 40).replace(/-+$/, '') || 'chapter';

const YAML_HEAD = `# Imported from an archive download by octavo import. Every key is explained in Octavo's README.
`;
const YAML_TAIL = `
# notes: end-of-chapter     # the archive's summaries and notes: end-of-chapter, keep or drop
# chapterHeadings: title    # title, number or both
# cover: assets/cover.jpg
# print:
#   trim: 6x9               # 5x8, 5.25x8, 5.5x8.5, 6x9, a5, or width: and height:
#   service: kdp            # kdp or ingramspark (which then needs ppi:)
#   impose: { sheets: 4, paper: letter }   # also write sheets for hand binding
`;

/** The local images a chapter's blocks refer to (assets/…). */
function imagesOf(blocks: Block[]): string[] {
  const out: string[] = [];
  const inlines = (ns: Inline[]) => {
    for (const n of ns) {
      if (n.type === 'image') out.push(n.asset);
      else if ('children' in n) inlines(n.children);
    }
  };
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'figure') out.push(b.asset);
      else if (b.type === 'blockQuote' || b.type === 'note') walk(b.children);
      else if (b.type === 'list') b.items.forEach(walk);
      else if (b.type === 'table') for (const row of b.rows) for (const cell of row) inlines(cell.children);
      if (b.type === 'paragraph' || b.type === 'heading') inlines(b.children);
    }
  };
  walk(blocks);
  return out;
}

export function importWork(
  file: string,
  target: string,
  diagnostics: Diagnostics,
  options: ImportOptions = {},
): Imported {
  refuseExisting(file, target);
  if (WORD_EXTENSIONS.includes(path.extname(file).toLowerCase()))
    return writeFolder(target, documentFiles(file, diagnostics, options));
  return importArchive(file, target, diagnostics, options);
}

function refuseExisting(file: string, target: string): void {
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new BookError({
      rule: 'import-exists',
      message: `${target} already exists; octavo import never writes into an existing folder`,
      hint: `Give a new folder: octavo import ${path.basename(file)} ${path.basename(target)}-2`,
    });
  }
}

const DOCUMENT_YAML_HEAD = `# Imported from a word processor's document by octavo import. Every key is explained in Octavo's README.
`;

/** A Word or OpenDocument manuscript's folder: book.yaml, a Markdown file a chapter, its pictures. */
function documentFiles(file: string, diagnostics: Diagnostics, options: ImportOptions): FolderFiles {
  const name = path.basename(file);
  const doc = readWordDocument(fs.readFileSync(file), name, diagnostics, new Map());
  const page = doc.parsed.titlePage;
  const values: Record<string, unknown> = {
    title: options.title ?? page?.title ?? doc.properties.title ?? titleFromFileName(name),
  };
  const author = options.author ?? page?.author ?? doc.properties.author;
  if (author) values.author = author;
  const language = doc.parsed.language;
  values.language = language && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(language) ? language : 'en';
  const files: [string, string | Uint8Array][] = [
    ['book.yaml', DOCUMENT_YAML_HEAD + stringify(values, { lineWidth: 0 }) + YAML_TAIL],
    ['.gitignore', 'dist/\n'],
  ];
  const pictures = assetNames(doc.file.images?.keys() ?? []);
  const chapters = buildChapters([doc.file], diagnostics);
  const used = new Set<string>();
  chapters.forEach((c, k) => {
    pointAtCopies(c.blocks, pictures, used);
    files.push(chapterFile(k, plainText(c.title).trim() || undefined, c.blocks));
  });
  for (const [ref, rel] of pictures) if (used.has(ref)) files.push([rel, doc.file.images!.get(ref)!]);
  return { files, chapters: chapters.length };
}

/** Where a package's pictures go: assets/ under their own names, numbered when two share one. */
function assetNames(refs: Iterable<string>): Map<string, string> {
  const pictures = new Map<string, string>();
  for (const ref of refs) {
    let rel = `assets/${path.posix.basename(ref)}`;
    for (let k = 2; [...pictures.values()].includes(rel); k++) rel = `assets/${k}-${path.posix.basename(ref)}`;
    pictures.set(ref, rel);
  }
  return pictures;
}

/** Points every picture the package holds at its copy in assets/, and notes which the chapters use. */
function pointAtCopies(blocks: Block[], pictures: Map<string, string>, used: Set<string>): void {
  resolveImages(blocks, (ref) => {
    const rel = pictures.get(ref);
    if (!rel) return ref;
    used.add(ref);
    return rel;
  });
}

/** A chapter's Markdown file: its title as front matter, its text, its notes as definitions at its end. */
function chapterFile(k: number, title: string | undefined, blocks: Block[]): [string, string] {
  const label = title || `chapter ${k + 1}`;
  const front = title ? `---\ntitle: ${JSON.stringify(title)}\n---\n\n` : '';
  const notes = blockNotes(blocks);
  const body = blocksToMarkdown(blocks) + (notes.length ? `\n\n${notesToMarkdown(notes)}` : '');
  return [`manuscript/${String(k + 1).padStart(2, '0')}-${slug(label)}.md`, `${front}${body}\n`];
}

interface FolderFiles {
  files: [string, string | Uint8Array][];
  chapters: number;
}

function importArchive(file: string, target: string, diagnostics: Diagnostics, options: ImportOptions): Imported {
  const name = path.basename(file);
  const bytes = fs.readFileSync(file);
  const epub = /\.epub$/i.test(name) ? epubToHtml(bytes, name) : undefined;
  const html = epub ? epub.html : decodeText(bytes, name).text;
  const source = path.dirname(file);
  const work = archiveWork(html, file, diagnostics, undefined, epub);
  const values = archiveConfigValues(work, { ...options, fallbackTitle: titleFromFileName(name) });
  const yaml = YAML_HEAD + stringify(values, { lineWidth: 0 }) + YAML_TAIL;
  const files: [string, string | Uint8Array][] = [
    ['book.yaml', yaml],
    ['.gitignore', 'dist/\n'],
  ];
  // An EPUB's pictures are in the package; an archive download's, the writer's copies beside it.
  const pictures = assetNames(epub?.images.keys() ?? []);
  const held = new Set(pictures.values());
  const used = new Set<string>();
  work.chapters.forEach((c, k) => {
    pointAtCopies(c.blocks, pictures, used);
    // The chapter's notes numbered as the chapter numbers them, for their Markdown labels.
    blockNotes(c.blocks).forEach((note, n) => {
      note.marker = String(n + 1);
    });
    files.push(chapterFile(k, c.title, c.blocks));
    for (const image of imagesOf(c.blocks))
      if (!held.has(image) && !files.some(([rel]) => rel === image))
        files.push([image, fs.readFileSync(path.join(source, image))]);
  });
  for (const [ref, rel] of pictures) if (used.has(ref)) files.push([rel, epub!.images.get(ref)!]);

  return writeFolder(target, { files, chapters: work.chapters.length });
}

/** Writes the folder into a sibling temporary folder, then renames it: never a half-imported book. */
function writeFolder(target: string, { files, chapters }: FolderFiles): Imported {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const temp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-import-`));
  try {
    for (const [rel, content] of files) {
      fs.mkdirSync(path.dirname(path.join(temp, rel)), { recursive: true });
      fs.writeFileSync(path.join(temp, rel), content);
    }
    fs.mkdirSync(path.join(temp, 'assets'), { recursive: true });
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  return { files: files.map(([rel]) => rel), chapters };
}
