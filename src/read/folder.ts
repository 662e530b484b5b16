/** A book folder: book.yaml, and the chapter files in manuscript/ (Markdown or plain text). */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, parseConfig } from '../config/load.js';
import { BookError } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../model/position.js';
import { decodeText } from './decode.js';
import { readWordDocument } from './docx.js';
import { findChapterFiles, isTextFile } from './files.js';
import { decodeFile, parseManuscript } from './manuscript.js';
import { defineReader } from './reader.js';

export default defineReader({
  name: 'a book folder',
  accepts: (target) => fs.existsSync(target) && fs.statSync(target).isDirectory(),
  read({ path: bookDir, only, diagnostics, sources, memo }) {
    const file = path.join(bookDir, CONFIG_FILE);
    if (!fs.existsSync(file)) {
      throw new BookError({
        rule: 'no-config',
        message: `no ${CONFIG_FILE} in ${bookDir}`,
        hint:
          `Create ${CONFIG_FILE} with at least a title, for example:\n      title: "My Book"\n      author: ` +
          `"Your Name"\n      language: en`,
      });
    }
    const { text } = decodeText(fs.readFileSync(file), CONFIG_FILE);
    sources.set(CONFIG_FILE, new LineIndex(text));
    const config = parseConfig(text, CONFIG_FILE);
    let chapterFiles = findChapterFiles(bookDir, config.chapters);
    if (only !== undefined) chapterFiles = chapterFiles.filter((f) => f.rel === only);
    const files = chapterFiles.map((f) =>
      isTextFile(f.rel)
        ? parseManuscript({ rel: f.rel, decoded: decodeFile(f.abs, f.rel) }, diagnostics, sources, memo)
        : readWordDocument(fs.readFileSync(f.abs), f.rel, diagnostics, sources, config.revisions).file,
    );
    return { bookDir, config, files };
  },
});
