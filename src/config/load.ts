/** Reads book.yaml into a validated config; every problem names the key, the line and the fix. */
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Node } from 'yaml';
import * as v from 'valibot';
import { BookError } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/position.js';
import {
  bookSchema,
  CHECK_RULES,
  CONFIG_KEYS,
  COVER_KEYS,
  IMPOSE_KEYS,
  MARGIN_KEYS,
  SOURCE_KEYS,
  FONT_FACES,
  PRINT_KEYS,
  NOTES_KEYS,
  TYPOGRAPHY_RULES,
  type BookConfig,
} from './schema.js';

export const CONFIG_FILE = 'book.yaml';

/** Parses YAML safely (core schema: no custom tags, nothing executed) and reports errors with positions. */
export function parseYaml(
  text: string,
  file: string,
  lineOffset = 0,
): { value: unknown; doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    schema: 'core',
    customTags: [],
    prettyErrors: false,
    uniqueKeys: true,
  });
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const pos = lines.linePos(problem.pos[0]);
    const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const custom = problem.code === 'TAG_RESOLVE_FAILED';
    throw new BookError({
      rule: 'invalid-yaml',
      message: custom ? `unsupported YAML tag: ${message}` : `invalid YAML: ${message}`,
      file,
      start: { line: pos.line + lineOffset, column: pos.col, offset: problem.pos[0] },
      hint: custom
        ? 'Octavo reads plain YAML only; remove the `!tag` and write the value as text.'
        : 'Check the indentation and quoting on this line; text containing ": " or starting with a quote needs ' +
          'quotes around it.',
    });
  }
  return { value: doc.toJS({ maxAliasCount: 100 }), doc, lines };
}

function positionOf(doc: Document, lines: LineCounter, path: PropertyKey[], wantKey: boolean): Position | undefined {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
    if (!pair) break;
    keyNode = pair.key as Node;
    node = pair.value;
  }
  const target = (wantKey ? keyNode : (node as Node | null)) ?? keyNode;
  const offset = target?.range?.[0];
  if (offset === undefined) return undefined;
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col, offset };
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

type Issue = v.InferIssue<typeof bookSchema>;

function isUnknownKey(issue: Issue): boolean {
  return issue.type === 'strict_object' && issue.expected === 'never';
}

function issueToError(given: Issue, raw: unknown, doc: Document, lines: LineCounter, file: string): BookError {
  const issue = mappingIssue(given, raw);
  const path = (issue.path ?? []).map((p) => p.key as PropertyKey);
  const keyPath = path.map(String).join('.');
  if (isUnknownKey(issue)) {
    const parentPath = path.slice(0, -1);
    const key = String(path[path.length - 1]);
    const known =
      parentPath.length === 0
        ? CONFIG_KEYS
        : parentPath[0] === 'typography'
          ? [...TYPOGRAPHY_RULES]
          : parentPath[0] === 'check'
            ? [...CHECK_RULES]
            : parentPath[0] === 'print'
              ? parentPath.length === 1
                ? PRINT_KEYS
                : parentPath[1] === 'font'
                  ? [...FONT_FACES]
                  : parentPath[1] === 'impose'
                    ? IMPOSE_KEYS
                    : parentPath[1] === 'margins'
                      ? MARGIN_KEYS
                      : ['width', 'height']
              : parentPath[0] === 'notes'
                ? NOTES_KEYS
                : parentPath[0] === 'cover'
                  ? COVER_KEYS
                  : parentPath[0] === 'source'
                    ? SOURCE_KEYS
                    : ['name', 'position'];
    const guess = closest(key, known);
    return new BookError({
      rule: 'config-unknown-key',
      message: `unknown key "${keyPath}" in ${file}`,
      file,
      start: positionOf(doc, lines, path, true),
      hint: guess
        ? `Did you mean "${[...parentPath.map(String), guess].join('.')}"?`
        : `Known keys: ${known.join(', ')}.`,
    });
  }
  const value = valueAt(raw, path);
  if (value === undefined) {
    return new BookError({
      rule: 'config-missing-key',
      message: `"${keyPath}" is missing from ${file}`,
      file,
      start: { line: 1, column: 1, offset: 0 },
      hint: `Add a line such as: ${keyPath}: "…"`,
    });
  }
  const expected =
    issue.kind === 'schema' && issue.type !== 'union' && issue.type !== 'strict_object'
      ? `expected ${issue.expected === 'string' ? 'text' : issue.expected}`
      : issue.message;
  return new BookError({
    rule: 'config-invalid-value',
    message: `"${keyPath}" has the wrong value in ${file}: ${expected}, got ${describe(value)}`,
    file,
    start: positionOf(doc, lines, path, false),
    hint: hintFor(keyPath),
  });
}

/**
 * A key that takes a value or a mapping (`notes: keep` or `notes: { print: foot }`): when the writer gave a
 * mapping, what is wrong inside it, rather than that it matched neither form.
 */
function mappingIssue(issue: Issue, raw: unknown): Issue {
  if (issue.type !== 'union' || !issue.issues?.length) return issue;
  const path = (issue.path ?? []).map((p) => p.key as PropertyKey);
  const value = valueAt(raw, path);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return issue;
  // valibot gives the branches' issues with paths from the union's value.
  const inner = issue.issues.find((i) => (i.path?.length ?? 0) > 0);
  if (!inner?.path || !issue.path) return issue;
  return { ...inner, path: [...issue.path, ...inner.path] as unknown as Issue['path'] };
}

function hintFor(key: string): string {
  switch (key.split('.')[0]) {
    case 'author':
    case 'editor':
    case 'translator':
    case 'subjects':
      return `Write ${key}: "Name", or a list of names, one per line starting with "- ".`;
    case 'language':
      return 'Use a BCP 47 language tag, such as en, en-US, en-GB, fr or de.';
    case 'isbn':
      return 'Copy the ISBN exactly as your ISBN agency issued it; hyphens are fine.';
    case 'date':
      return 'Write the publication date as 2025, 2025-03 or 2025-03-14.';
    case 'chapters':
      return 'List chapter file names inside manuscript/, one per line starting with "- ".';
    case 'chapterHeadings':
      return 'Write chapterHeadings: title ("The Storm"), number ("Chapter 3") or both ("Chapter 3: The Storm").';
    case 'notes':
      return hintForNotes(key.split('.')[1]);
    case 'print':
      return hintForPrint(key.split('.')[1]);
    case 'cover':
      return key === 'cover.background'
        ? 'Write the colour as a quoted hex value, such as background: "#1d2a44".'
        : 'Write cover: assets/cover.jpg for the front image, or a section with front:, back: (image paths), blurb: ' +
            '(Markdown), background: and imprint:.';
    default:
      return `Write ${key} as plain text, in quotes if it contains a colon.`;
  }
}

function hintForNotes(key: string | undefined): string {
  switch (key) {
    case 'ebook':
      return "Write ebook: footnotes (pop-up notes at each chapter's end) or ebook: endnotes (a Notes section at the end).";
    case 'print':
      return 'Write print: foot (at the foot of the page), chapter-end or book-end.';
    case 'numbering':
      return 'Write numbering: chapter (1, 2, 3 in each chapter), book (through the book) or symbols (* † ‡ §).';
    default:
      return (
        "Write notes: end-of-chapter (author's notes set apart after the story), keep or drop; or a section with " +
        'authors:, ebook: footnotes or endnotes, print: foot, chapter-end or book-end, and numbering: chapter, ' +
        'book or symbols.'
      );
  }
}

function hintForPrint(key: string | undefined): string {
  switch (key) {
    case 'trim':
      return (
        'Write trim: 6x9 (or 5x8, 5.25x8, 5.5x8.5, a5), or a custom size on two lines: width: 5.5in and ' +
        'height: 8.25in.'
      );
    case 'bleed':
    case 'contents':
    case 'hyphenate':
      return `Write print.${key}: true or false.`;
    case 'service':
      return "Write service: kdp or service: ingramspark; the preflight checks that service's rules.";
    case 'paper':
      return 'Write paper: white or paper: cream (it changes the spine width).';
    case 'fontSize':
      return 'Write the body text size in points, such as fontSize: 11.';
    case 'ppi':
      return (
        "Write IngramSpark's pages per inch for your paper, such as ppi: 444; its cover template generator " +
        'shows it.'
      );
    case 'spineDirection':
      return 'Write spineDirection: top-to-bottom (US and UK books) or bottom-to-top (much of Europe).';
    case 'font':
      return (
        'Name the font files inside the book folder, one face a line under font:, such as regular: ' +
        'assets/fonts/Lora-Regular.ttf and italic: assets/fonts/Lora-Italic.ttf.'
      );
    case 'margins':
      return (
        'Give each margin as a length from the trim, such as margins: { inside: 0.875in, outside: 0.5in, top: ' +
        '0.6in, bottom: 0.6in }; any left out keep their defaults.'
      );
    default:
      return `The print: section takes ${PRINT_KEYS.slice(0, -1).join(', ')} and ${PRINT_KEYS[PRINT_KEYS.length - 1]}.`;
  }
}

/**
 * Where a value starts in a book.yaml's text: the number of lines before its first line of content, as
 * the Markdown parser counts them (a block scalar, `|` or `>`, starts on the line after its key).
 */
export function valueStartLine(text: string, path: string[]): number | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const pos = positionOf(doc, lines, path, false);
  if (!pos) return undefined;
  const block = /^[|>]/.test(text.slice(pos.offset, pos.offset + 1));
  return block ? pos.line : pos.line - 1;
}

/** Validates the text of a book.yaml. `file` is the path shown in messages. */
export function parseConfig(text: string, file: string = CONFIG_FILE): BookConfig {
  const { value, doc, lines } = parseYaml(text, file);
  const raw = value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BookError({
      rule: 'config-invalid-value',
      message: `${file} must be a mapping of keys to values, got ${describe(raw)}`,
      file,
      start: { line: 1, column: 1, offset: 0 },
      hint: 'Start with a line such as: title: "My Book"',
    });
  }
  const result = v.safeParse(bookSchema, raw);
  if (!result.success) {
    // Report unknown keys first: they usually explain the other problems.
    const issues = [...result.issues].sort((a, b) => Number(isUnknownKey(b)) - Number(isUnknownKey(a)));
    throw issueToError(issues[0], raw, doc, lines, file);
  }
  return result.output;
}

/**
 * Validates the settings a reader found in a manuscript itself (a single file's header, an archive's
 * preface, a document's properties): the same schema as book.yaml, given as values, never as text.
 * `origin` says where they came from, for the rare value the schema refuses.
 */
export function configFromValues(values: Record<string, unknown>, origin: string): BookConfig {
  const defined = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const result = v.safeParse(bookSchema, defined);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = (issue.path ?? []).map((p) => String(p.key)).join('.');
  throw new BookError({
    rule: 'config-invalid-value',
    message: `${origin} gives "${key}" a value Octavo cannot use: ${issue.message}`,
    file: origin,
    hint:
      'Give the value yourself: import the work (octavo import) or make a book folder (octavo init --from), and ' +
      'set it in book.yaml.',
  });
}
