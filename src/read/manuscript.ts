/** One manuscript file (Markdown or plain text) read into the model: decoded, its front matter apart, parsed. */
import fs from 'node:fs';
import v8 from 'node:v8';
import { hashOf } from '../cache/store.js';
import { Diagnostics, type Message } from '../diagnostics/diagnostic.js';
import type { ManuscriptFile } from '../model/book.js';
import { LineIndex, type Span } from '../model/position.js';
import { parseMarkdown } from '../parse/markdown.js';
import { parseText } from '../parse/text.js';
import { decodeText, ENCODING_NAMES, type Decoded } from './decode.js';
import { readFrontMatter } from './frontmatter.js';
import type { ParseMemo } from './reader.js';

/** Says how a file was read when it was not plain UTF-8 with LF line ends. */
export function reportDecoding(file: string, d: Decoded, diagnostics: Diagnostics): void {
  if (d.encoding === 'windows-1252') {
    diagnostics.warn({
      rule: 'encoding',
      message: `${file} is not UTF-8; read it as Windows-1252`,
      file,
      hint: 'If accented letters or quotes look wrong in the book, save the file as UTF-8.',
    });
  } else if (d.encoding !== 'utf-8') {
    diagnostics.add({
      severity: 'info',
      rule: 'encoding',
      message: `${file} read as ${ENCODING_NAMES[d.encoding]}`,
      file,
    });
  }
  if (d.lineEnds === 'crlf' || d.lineEnds === 'cr' || d.lineEnds === 'mixed') {
    const ends = d.lineEnds === 'crlf' ? 'Windows (CRLF)' : d.lineEnds === 'cr' ? 'old Mac (CR)' : 'mixed';
    diagnostics.add({ severity: 'info', rule: 'encoding', message: `${file} has ${ends} line ends`, file });
  }
}

export interface ManuscriptText {
  /** The name messages give the file. */
  rel: string;
  decoded: Decoded;
  /** Lines at the top that are not the chapter's text (a single file's header block, already read). */
  skipLines?: number;
}

/** Reads a chapter file's bytes as text. */
export function decodeFile(abs: string, rel: string): Decoded {
  return decodeText(fs.readFileSync(abs), rel);
}

/**
 * A decoded manuscript file into model blocks, with positions in the file as the writer has it. With a
 * memo, a file of the same name and text as one an earlier build parsed is taken from it, with the
 * messages its parsing made; a file parsed now is kept there, cloned before anything else touches it.
 */
export function parseManuscript(
  input: ManuscriptText,
  diagnostics: Diagnostics,
  sources: Map<string, LineIndex>,
  memo?: ParseMemo,
): ManuscriptFile {
  const { rel, decoded, skipLines = 0 } = input;
  reportDecoding(rel, decoded, diagnostics);
  const lines = new LineIndex(decoded.text);
  sources.set(rel, lines);
  if (!memo) return parse(input, lines, diagnostics);
  const key = hashOf(rel, decoded.text, String(skipLines));
  const kept = memo.get(key);
  if (kept) {
    const cloned = clone(() => v8.deserialize(kept) as { file: ManuscriptFile; messages: Message[] });
    if (cloned) {
      for (const m of cloned.messages) diagnostics.add(m);
      return cloned.file;
    }
  }
  const own = new Diagnostics();
  const file = parse(input, lines, own);
  const parsed = clone(() => v8.serialize({ file, messages: own.items }));
  if (parsed) memo.put(key, parsed);
  for (const m of own.items) diagnostics.add(m);
  return file;
}

function parse(
  { rel, decoded, skipLines = 0 }: ManuscriptText,
  lines: LineIndex,
  diagnostics: Diagnostics,
): ManuscriptFile {
  const { text } = decoded;
  const fm = skipLines
    ? { data: {}, body: text.split('\n').slice(skipLines).join('\n'), bodyLine: skipLines }
    : readFrontMatter(text, rel);
  const ctx = { file: rel, lines, bodyLine: fm.bodyLine, diagnostics };
  const blocks = /\.txt$/i.test(rel) ? parseText(ctx) : parseMarkdown(fm.body, ctx);
  const pos: Span = lines.span(rel, 0, 0);
  const titlePos = fm.bodyLine && !skipLines ? titleSpan(lines, rel, fm.bodyLine) : undefined;
  return { rel, blocks, frontMatter: fm.data, pos, titlePos };
}

/** The span of the `title:` value in front matter, for messages about the title. */
function titleSpan(lines: LineIndex, file: string, bodyLine: number): Span | undefined {
  for (let line = 2; line < bodyLine; line++) {
    const text = lines.lineText(line);
    const m = /^title\s*:\s*/.exec(text);
    if (m) {
      const start = lines.lineStart(line) + m[0].length;
      return lines.span(file, start, lines.lineStart(line) + text.length);
    }
  }
  return undefined;
}

/**
 * A structured clone, or undefined for a model nested too deep to clone (a hostile file's 100,000 nested
 * emphases, capped only later by the structure): such a file is simply parsed every time.
 */
function clone<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}
