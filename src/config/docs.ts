/**
 * What the book.yaml schema says of its keys, for writers: the README's table, the commented book.yaml
 * that `octavo init` writes, and the JSON Schema that editors complete and check book.yaml with. All three
 * come from the schema's own documentation (src/config/schema.ts), so none can drift from it.
 */
import type * as v from 'valibot';
import { bookSchema, keyDoc, notesSchema, printSchema, type KeyDoc } from './schema.js';

export interface DocumentedKey {
  /** `title`, `print.trim`. */
  path: string;
  doc: KeyDoc;
}

type Entries = Record<string, v.GenericSchema>;

function documented(entries: Entries, prefix = ''): DocumentedKey[] {
  return Object.entries(entries).flatMap(([name, schema]) => {
    const doc = keyDoc(schema);
    return doc ? [{ path: `${prefix}${name}`, doc }] : [];
  });
}

/** Every top-level key, in the schema's order. */
export function bookKeys(): DocumentedKey[] {
  return documented(bookSchema.entries as Entries);
}

/** The keys of `print:`. */
export function printKeys(): DocumentedKey[] {
  return documented(printSchema.entries as Entries, 'print.');
}

/** The keys of `notes:` as a mapping. */
export function notesKeys(): DocumentedKey[] {
  return documented(notesSchema.entries as Entries, 'notes.');
}

/** A Markdown table of keys, as the README shows them. */
export function keysMarkdown(keys: DocumentedKey[], strip = ''): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = keys.map(
    ({ path, doc }) =>
      `| \`${path.slice(strip.length)}\` | ${cell(doc.type)} | ${cell(doc.default ?? '')} | ${cell(doc.meaning)} |`,
  );
  return [`| key | ${strip ? 'values' : 'type'} | default | meaning |`, '|---|---|---|---|', ...rows].join('\n');
}

const yamlString = (s: string) => JSON.stringify(s);

/** One line of the template: `# key: example   # comment`, the comment aligned. */
function line(text: string, comment: string | undefined): string {
  return comment ? `${text.padEnd(27)} # ${comment}` : text;
}

/**
 * The book.yaml `octavo init` writes: the schema's address for editors on the first line, the title and
 * author set, then every key that has an example, commented out, with what it does.
 */
export function bookYamlTemplate(title: string, author: string, schemaRef?: string, date?: string): string {
  const out: string[] = [];
  if (schemaRef) out.push(`# yaml-language-server: $schema=${schemaRef}`);
  out.push("# The book. Every key is explained in Octavo's README; the commented ones show what they take.");
  out.push(
    `title: ${yamlString(title)}`,
    `author: ${yamlString(author)}`,
    line('language: en', 'a language tag: en, en-GB, fr, de…'),
    ...(date ? [line(`date: ${date}`, 'the publication date: 2026, 2026-03 or 2026-03-14')] : []),
  );
  for (const { path, doc } of bookKeys()) {
    if (path === 'print') {
      out.push('# print:');
      for (const p of printKeys()) {
        if (p.doc.example) out.push(line(`#   ${p.path.slice('print.'.length)}: ${p.doc.example}`, p.doc.comment));
      }
    } else if (doc.example && !(date && path === 'date')) out.push(line(`# ${path}: ${doc.example}`, doc.comment));
  }
  return `${out.join('\n')}\n`;
}
