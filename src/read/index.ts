/**
 * The table of readers: every input format Octavo reads, in the order they are asked. Adding a format is
 * one file in this folder and one line here.
 */
import fs from 'node:fs';
import archiveHtml from './archive-html.js';
import docx from './docx.js';
import epub from './epub.js';
import folder from './folder.js';
import type { Reader } from './reader.js';
import textFile from './text-file.js';

export const READERS: readonly Reader[] = [folder, epub, archiveHtml, docx, textFile];

/** The first bytes of a file, for readers that know a format by its signature. */
function head(target: string): Uint8Array | undefined {
  try {
    if (!fs.statSync(target).isFile()) return undefined;
    const fd = fs.openSync(target, 'r');
    try {
      const bytes = new Uint8Array(512);
      return bytes.subarray(0, fs.readSync(fd, bytes, 0, bytes.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The reader that takes `target` (a book folder or one file), if any does. */
export function readerFor(target: string): Reader | undefined {
  const first = head(target);
  return READERS.find((reader) => reader.accepts(target, first));
}
