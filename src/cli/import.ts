/**
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
import type { Block, Inline } from '../model/book.js';
import { blocksToMarkdown } from '../model/markdown.js';
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
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new BookError({
      rule: 'import-exists',
      message: `${target} already exists; octavo import never writes into an existing folder`,
      hint: `Give a new folder: octavo import ${path.basename(file)} ${path.basename(target)}-2`,
    });
  }
  const name = path.basename(file);
  const bytes = fs.readFileSync(file);
  const html = /\.epub$/i.test(name) ? epubToHtml(bytes, name) : decodeText(bytes, name).text;
  const source = path.dirname(file);
  const work = archiveWork(html, file, diagnostics);
  const values = archiveConfigValues(work, { ...options, fallbackTitle: titleFromFileName(name) });
  const yaml = YAML_HEAD + stringify(values, { lineWidth: 0 }) + YAML_TAIL;
  const files: [string, string | Buffer][] = [
    ['book.yaml', yaml],
    ['.gitignore', 'dist/\n'],
  ];
  work.chapters.forEach((c, k) => {
    const label = c.title ?? `chapter ${k + 1}`;
    const front = c.title ? `---\ntitle: ${JSON.stringify(c.title)}\n---\n\n` : '';
    files.push([
      `manuscript/${String(k + 1).padStart(2, '0')}-${slug(label)}.md`,
      `${front}${blocksToMarkdown(c.blocks)}\n`,
    ]);
    for (const image of imagesOf(c.blocks))
      if (!files.some(([rel]) => rel === image)) files.push([image, fs.readFileSync(path.join(source, image))]);
  });

  // Written into a sibling temporary folder, then renamed: never a half-imported book.
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
  return { files: files.map(([rel]) => rel), chapters: work.chapters.length };
}
