/**
 * An archive's HTML download (Archive of Our Own's "Download → HTML"), or any HTML story, as a book: its
 * settings from the preface (as values), a chapter per archive chapter, each choice reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { archiveConfigValues } from '../config/archive.js';
import { configFromValues } from '../config/load.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../model/position.js';
import { imageFileName, readArchive, type ArchiveWork, type EpubFacts } from '../parse/archive.js';
import { decodeText } from './decode.js';
import { titleFromFileName } from './header.js';
import { reportDecoding } from './manuscript.js';
import { defineReader, type BookSource, type ReadInput } from './reader.js';

/** The writer's copy of an image from the web: assets/<its file name> in `dir`, when it is there. */
export function localCopy(dir: string, url: string): string | undefined {
  const name = imageFileName(url);
  return name && fs.existsSync(path.join(dir, 'assets', name)) ? `assets/${name}` : undefined;
}

/** An archive download's HTML read into the archive's work: preface, chapters, notes as model nodes. */
export function archiveWork(
  html: string,
  file: string,
  diagnostics: Diagnostics,
  sources?: Map<string, LineIndex>,
  epub?: EpubFacts,
): ArchiveWork {
  const name = path.basename(file);
  const lines = new LineIndex(html);
  sources?.set(name, lines);
  return readArchive(html, {
    file: name,
    lines,
    diagnostics,
    localImage: (url) => localCopy(path.dirname(file), url),
    ...(epub ? { epub } : {}),
  });
}

/** The book an archive's work makes, whichever file it came in (the HTML download, or the text of an EPUB). */
export function archiveBook(work: ArchiveWork, input: ReadInput, images?: Map<string, Uint8Array>): BookSource {
  const file = input.path;
  const name = path.basename(file);
  const { diagnostics } = input;
  const values = archiveConfigValues(work, {
    title: input.title,
    author: input.author,
    fallbackTitle: titleFromFileName(name),
  });
  const config = configFromValues(values, name);
  const from = (given: string | undefined, inFile: unknown) =>
    given
      ? 'the command line'
      : inFile
        ? work.site
          ? `the ${work.site} preface`
          : "the file's <title>"
        : 'the file name';
  const author = input.author ?? work.authors.join(' & ');
  const byline = author ? `, the author "${author}" from ${from(input.author, work.authors.length)}` : '';
  diagnostics.add({
    severity: 'info',
    rule: 'single-file',
    message: `${name}: the title "${config.title}" is from ${from(input.title, work.title)}${byline}`,
    file: name,
  });
  if (work.languageName && !work.language) {
    diagnostics.warn({
      rule: 'archive-language',
      message:
        `${name}: ${work.site ? "the archive's" : 'the'} language "${work.languageName}" is not one Octavo knows; the book is marked ` +
        `as English`,
      file: name,
      hint: 'Import the work (octavo import) and set language: in book.yaml.',
    });
  }
  const files = work.chapters.map((c) => ({
    rel: name,
    blocks: c.blocks,
    frontMatter: c.title ? { title: c.title } : {},
    pos: c.pos,
    titlePos: c.titlePos,
    whole: !c.split,
    ...(images ? { images } : {}),
    ...(c.number !== undefined ? { number: c.number } : {}),
  }));
  if (work.chapters.length > 1) {
    diagnostics.add({
      severity: 'info',
      rule: 'chapters',
      message: `${name}: ${work.chapters.length} chapters, from the archive's chapter headings`,
      file: name,
    });
  }
  return { bookDir: path.dirname(file), config, files };
}

export default defineReader({
  name: "an archive's HTML download or an HTML story",
  accepts: (target) => /\.x?html?$/i.test(target) && fs.existsSync(target) && fs.statSync(target).isFile(),
  read(input) {
    const name = path.basename(input.path);
    const decoded = decodeText(fs.readFileSync(input.path), name);
    reportDecoding(name, decoded, input.diagnostics);
    return archiveBook(archiveWork(decoded.text, input.path, input.diagnostics, input.sources), input);
  },
});
