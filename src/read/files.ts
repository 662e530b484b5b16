/** Finds the manuscript's chapter files, in order, refusing anything that leaves the book folder. */
import fs from 'node:fs';
import path from 'node:path';
import { BookError, type RuleId } from '../diagnostics/diagnostic.js';

/** Chapter files read as text. */
export const TEXT_EXTENSIONS = ['.md', '.markdown', '.txt'];
export const CHAPTER_EXTENSIONS = [...TEXT_EXTENSIONS, '.docx', '.docm', '.odt'];
export const MANUSCRIPT_DIR = 'manuscript';
/** A chapter file larger than this is refused before it is read. */
export const MAX_CHAPTER_BYTES = 50 * 1024 * 1024;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order: `2` before `10`, case-insensitive, ties broken by code point for stability. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A Markdown or plain-text file (not a word processor's document). */
export function isTextFile(name: string): boolean {
  return !name.startsWith('.') && TEXT_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

export function isChapterFile(name: string): boolean {
  return !name.startsWith('.') && CHAPTER_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

/** True when `child` is `parent` or lies inside it. Both must be absolute and resolved. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Resolves a path inside the book, following symlinks; an error when the real file lies outside. */
export function resolveInsideBook(bookDir: string, candidate: string, shown: string, rule: RuleId): string {
  const realBook = fs.realpathSync(bookDir);
  const absolute = path.resolve(bookDir, candidate);
  if (!isInside(realBook, absolute) && !isInside(path.resolve(bookDir), absolute)) {
    throw new BookError({
      rule,
      message: `${shown} points outside the book folder`,
      file: shown,
      hint:
        'Octavo only reads files inside the book folder. Copy the file into the book (manuscript/ or assets/) ' +
        'and refer to that copy.',
    });
  }
  let real: string;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
  if (!isInside(realBook, real)) {
    throw new BookError({
      rule,
      message: `${shown} is a link to a file outside the book folder`,
      file: shown,
      hint: 'Octavo only reads files inside the book folder. Replace the link with a copy of the file.',
    });
  }
  return real;
}

export interface ChapterFile {
  /** Path relative to the book folder, with forward slashes: used in every message. */
  rel: string;
  /** Resolved absolute path. */
  abs: string;
}

export function findChapterFiles(bookDir: string, explicit?: string[]): ChapterFile[] {
  const dir = path.join(bookDir, MANUSCRIPT_DIR);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new BookError({
      rule: 'no-manuscript',
      message: `no ${MANUSCRIPT_DIR}/ folder in ${bookDir}`,
      hint:
        `Put your chapters in ${path.join(bookDir, MANUSCRIPT_DIR)}/ as .md or .txt files (01-first.md, ` +
        `02-second.md, …), or run octavo init.`,
    });
  }
  let names: string[];
  if (explicit) {
    names = explicit;
  } else {
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && isChapterFile(e.name))
      .map((e) => e.name)
      .sort(naturalCompare);
    if (names.length === 0) {
      throw new BookError({
        rule: 'no-chapters',
        message: `no chapter files in ${MANUSCRIPT_DIR}/`,
        file: MANUSCRIPT_DIR,
        hint:
          `Add chapters as ${CHAPTER_EXTENSIONS.join(', ')} files, named so that they sort in reading order ` +
          `(01-…, 02-…).`,
      });
    }
  }
  return names.map((name) => {
    const rel = `${MANUSCRIPT_DIR}/${name.split(path.sep).join('/')}`;
    const abs = resolveInsideBook(bookDir, path.join(MANUSCRIPT_DIR, name), rel, 'unsafe-path');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new BookError({
        rule: 'missing-chapter',
        message: `${rel} does not exist`,
        file: 'book.yaml',
        hint: 'Check the file name in the chapters: list of book.yaml.',
      });
    }
    if (!stat.isFile()) throw new BookError({ rule: 'missing-chapter', message: `${rel} is not a file`, file: rel });
    if (stat.size > MAX_CHAPTER_BYTES) {
      throw new BookError({
        rule: 'file-too-large',
        message:
          `${rel} is ${(stat.size / 1024 / 1024).toFixed(0)} MB, too large to be a chapter (the limit is ` +
          `${MAX_CHAPTER_BYTES / 1024 / 1024} MB)`,
        file: rel,
        hint: 'Check that this is really a manuscript file; split a whole book into chapter files.',
      });
    }
    return { rel, abs };
  });
}
