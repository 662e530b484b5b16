/**
 * One manuscript file compiled as a book of its own (`octavo compile story.txt`): the title and author
 * from the command line, else from the file's header block, else the title from the file name; each
 * choice reported, and the header block's whole text with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { configFromValues } from '../config/load.js';
import { LineIndex } from '../model/position.js';
import { isTextFile } from './files.js';
import { readHeader, titleFromFileName } from './header.js';
import { decodeFile, parseManuscript } from './manuscript.js';
import { defineReader } from './reader.js';

export default defineReader({
  name: 'a manuscript file (Markdown or plain text)',
  accepts: (target) => isTextFile(path.basename(target)) && fs.existsSync(target) && fs.statSync(target).isFile(),
  read({ path: file, title: givenTitle, author: givenAuthor, diagnostics, sources }) {
    const name = path.basename(file);
    const decoded = decodeFile(file, name);
    const { text } = decoded;
    const header = /\.md$/i.test(name) && text.startsWith('---') ? { lines: 0 } : readHeader(text);
    const title = givenTitle ?? header.title ?? titleFromFileName(name);
    const author = givenAuthor ?? header.author;
    const from = (given: string | undefined, inHeader: string | undefined) =>
      given ? 'the command line' : inHeader ? "the file's header" : 'the file name';
    const byline = author ? `, the author "${author}" from ${from(givenAuthor, header.author)}` : '';
    diagnostics.add({
      severity: 'info',
      rule: 'single-file',
      message: `${name}: the title "${title}" is from ${from(givenTitle, header.title)}${byline}`,
      file: name,
    });
    if (header.lines) {
      // Its whole text is in the report: what the title page and the description do not show is not lost.
      const lines = new LineIndex(text);
      const end = lines.lineStart(header.lines) - 1;
      diagnostics.add({
        severity: 'info',
        rule: 'single-file',
        message:
          `${name}: the header block (its first ${header.lines - 1} lines) is the book's title page, not ` +
          `story text`,
        file: name,
        start: lines.position(0),
        end: lines.position(end),
        before: text.slice(0, end),
        after: '',
      });
    }
    const config = configFromValues({ title, author, description: header.summary }, `${name}'s header`);
    const manuscript = parseManuscript({ rel: name, decoded, skipLines: header.lines }, diagnostics, sources);
    return { bookDir: path.dirname(file), config, files: [manuscript] };
  },
});
