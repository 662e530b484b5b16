/**
 * The book.yaml schema is the one source of its keys: the README's tables, the book.yaml `octavo init`
 * writes and the JSON Schema shipped for editors are each held to it. `UPDATE_DOCS=1 npx vitest run
 * test/config/docs.test.ts` writes book.schema.json and the README's tables again from the schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toJsonSchema } from '@valibot/to-json-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { bookKeys, bookYamlTemplate, keysMarkdown, notesKeys, printKeys } from '../../src/config/docs.js';
import { parseConfig } from '../../src/config/load.js';
import { bookSchema, CONFIG_KEYS, NOTES_KEYS, PRINT_KEYS } from '../../src/config/schema.js';
import { cleanup, octavo, ROOT, tempDir } from '../helpers/book.js';

afterAll(cleanup);

const update = process.env.UPDATE_DOCS === '1';
const SCHEMA_FILE = path.join(ROOT, 'book.schema.json');
const README = path.join(ROOT, 'README.md');

/** The schema as JSON Schema (draft 07), its keys' documentation reduced to their descriptions. */
function jsonSchema(): string {
  const schema = toJsonSchema(bookSchema, { errorMode: 'ignore' });
  const withoutDocs = JSON.parse(JSON.stringify(schema, (k, value) => (k === 'doc' ? undefined : value)));
  const head = { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Octavo book.yaml' };
  return `${JSON.stringify({ ...head, description: "A book's settings for Octavo", ...withoutDocs }, null, 2)}\n`;
}

/** The README with the text between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
function between(text: string, name: string, replacement?: string): string {
  const re = new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)(<!-- ${name}:end -->)`);
  const m = re.exec(text);
  if (!m) throw new Error(`README.md has no ${name} markers`);
  return replacement === undefined ? m[2] : text.replace(re, `$1${replacement}$3`);
}

describe('the book.yaml schema as the one source', () => {
  it('documents every key it has, and nothing else', () => {
    expect(bookKeys().map((k) => k.path)).toEqual(CONFIG_KEYS);
    expect(printKeys().map((k) => k.path)).toEqual(PRINT_KEYS.map((k) => `print.${k}`));
    expect(notesKeys().map((k) => k.path)).toEqual(NOTES_KEYS.map((k) => `notes.${k}`));
  });

  it('is shipped as book.schema.json for editors', () => {
    if (update) fs.writeFileSync(SCHEMA_FILE, jsonSchema());
    const shipped = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(shipped).toEqual(JSON.parse(jsonSchema()));
    expect(Object.keys(shipped.properties)).toEqual(CONFIG_KEYS);
    expect(shipped.properties.title.description).toBe("the book's title");
    expect(shipped.additionalProperties).toBe(false);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('book.schema.json');
  });

  it("gives the README's book.yaml and print: tables", () => {
    let readme = fs.readFileSync(README, 'utf8');
    const tables = {
      'book-keys': keysMarkdown(bookKeys()),
      'print-keys': keysMarkdown(printKeys(), 'print.'),
      'notes-keys': keysMarkdown(notesKeys(), 'notes.'),
    };
    if (update) {
      for (const [name, table] of Object.entries(tables)) readme = between(readme, name, `${table}\n`);
      fs.writeFileSync(README, readme);
    }
    for (const [name, table] of Object.entries(tables)) expect(between(readme, name), name).toBe(`${table}\n`);
  });

  it('writes a book.yaml for octavo init that is valid and names the schema', async () => {
    const yaml = bookYamlTemplate('My Book', 'A. Writer', '../book.schema.json');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../book.schema.json');
    expect(parseConfig(yaml)).toMatchObject({ title: 'My Book', author: 'A. Writer', language: 'en' });
    for (const { path: key, doc } of [...bookKeys(), ...printKeys()]) {
      if (doc.example) expect(yaml, key).toMatch(new RegExp(`^#\\s+${key.replace(/^print\./, '')}: `, 'm'));
    }
    const dir = path.join(tempDir(), 'novel');
    const run = await octavo(['init', dir]);
    expect(run.code).toBe(0);
    const first = fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8').split('\n')[0];
    const ref = /\$schema=(.+)$/.exec(first)?.[1];
    expect(ref).toBeDefined();
    expect(fs.existsSync(path.resolve(dir, ref!))).toBe(true);
  });
});
