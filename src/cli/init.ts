/**
 * `octavo init [dir]`: a new book folder, ready to compile: book.yaml with every key explained, a first
 * chapter, assets/, and a .gitignore for dist/. `--from story.txt` starts the book from a manuscript the
 * writer already has, split into one file per chapter at its chapter headings, each chapter's text exactly
 * as the writer typed it. Nothing is ever overwritten: if any file to be made exists, nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { slugify } from '../build.js';
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
}

const yamlString = (s: string) => JSON.stringify(s);

/** book.yaml with every key, the optional ones commented out at their defaults. */
export function bookYaml(title: string, author: string): string {
  return `# The book. Every key is explained in Octavo's README; the commented ones show their defaults.
title: ${yamlString(title)}
# subtitle: ""
author: ${yamlString(author)}
language: en                # a BCP 47 tag: en, en-GB, fr, de…
# isbn: ""                  # the ISBN your agency issued (for the print edition)
# identifier: ""            # an EPUB identifier, if you have none: one is made from the title
# publisher: ""
# date: 2026                # 2026, 2026-03 or 2026-03-14
# rights: "All rights reserved."
# description: ""           # the blurb stores show
# subjects: []
# series: { name: "", position: 1 }
# edition: "First edition"
# chapters: []              # chapter files in order, when their names do not sort that way
# chapterHeadings: title    # title, number or both
# notes: end-of-chapter     # author's notes: end-of-chapter, keep or drop
# cover: assets/cover.jpg   # the front image; or front:, back:, blurb:, background:, imprint:
# typography: {}            # switch a rule off: { quotes: false }
# corrections: {}           # alot: false switches one off; teh: the adds one
# check: {}                 # switch a proofing check off: { misspelling: false } (see octavo check)
# print:
#   trim: 6x9               # 5x8, 5.25x8, 5.5x8.5, 6x9, a5, or width: and height:
#   bleed: false
#   service: kdp            # kdp or ingramspark (which then needs ppi:)
#   paper: white            # white or cream
#   spineDirection: top-to-bottom
#   fontSize: 11.5
#   contents: true
#   hyphenate: true
#   font: { regular: assets/fonts/Your-Regular.ttf, italic: assets/fonts/Your-Italic.ttf }
`;
}

const FIRST_CHAPTER =
  '# Chapter One\n\nThe first words of your book go here. Write in Markdown: *emphasis*, **strong**, and a line of\n`* * *` for a scene break.\n';

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
    ['book.yaml', bookYaml(title, author)],
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
