/**
 * One reader per input format, as pandoc names its readers in one list: each says which paths it takes
 * and turns one into a book source (the book's settings as values and its manuscript files as model
 * blocks). Nothing a reader hands over is text for another module to parse again.
 */
import type { BookConfig } from '../config/schema.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { ManuscriptFile } from '../model/book.js';
import type { LineIndex } from '../model/position.js';

export interface ReadInput {
  /** The path as given: a book folder or one file, absolute. */
  path: string;
  /** Title and author named on the command line: they win over what the source says. */
  title?: string;
  author?: string;
  /** Read only this manuscript file of a book folder (book-relative), for a quick preview. */
  only?: string;
  diagnostics: Diagnostics;
  /** Every text read, by the name messages give it, for messages with a caret. */
  sources: Map<string, LineIndex>;
  /** Files an earlier build parsed (the build cache): a file with the same name and text is not parsed again. */
  memo?: ParseMemo;
}

/** Parsed files by a key of their name and text, each as a structured clone (v8.serialize). */
export interface ParseMemo {
  get(key: string): Uint8Array | undefined;
  put(key: string, parsed: Uint8Array): void;
}

export interface BookSource {
  /** The folder images, the cover and fonts are looked for in. */
  bookDir: string;
  config: BookConfig;
  files: ManuscriptFile[];
}

export interface Reader {
  /** What the reader reads, in the writer's words ("a book folder", "an EPUB"). */
  name: string;
  /** True for a path this reader takes: a folder, or a file by its name and its first bytes. */
  accepts(path: string, head: Uint8Array | undefined): boolean;
  read(input: ReadInput): BookSource;
}

export function defineReader(reader: Reader): Reader {
  return reader;
}
