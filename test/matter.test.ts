/** The title and copyright pages: built once from book.yaml, the same words in the EPUB and the PDF. */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compileEpub, compilePdf, decodeXml, makeBook, readEpub } from './helpers/book.js';

afterAll(cleanup);

const hasPdftotext = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;

const BOOK = {
  'book.yaml': [
    'title: "The Long Road"',
    'subtitle: "A Novel"',
    'author: ["Ann Smith", "Bo Jones", "Cy Lee"]',
    'translator: ["Dee Roe", "Eve Poe"]',
    'publisher: "Small & Sons"',
    'date: 2025-04-01',
    'edition: "First edition"',
    'series: { name: "Roads", position: 2 }',
    'isbn: { ebook: "978-0-306-40615-7", print: "9781861972712" }',
    'language: en',
  ].join('\n'),
  'manuscript/01.md': '# One\n\nIt began on the road, and the road went on for a long while.\n',
};

const STATEMENTS = [
  'The Long Road: A Novel',
  'Translated by Dee Roe and Eve Poe',
  'Copyright © 2025 Ann Smith, Bo Jones and Cy Lee. All rights reserved.',
  'Roads, book 2',
  'First edition',
  'ISBN 978-0-306-40615-7 (ebook)',
  'ISBN 978-1-86197-271-2 (paperback)',
  'Published by Small & Sons, 2025',
];

describe('the book matter', () => {
  it('says the same on the EPUB copyright page as on the printed one', async () => {
    const dir = makeBook(BOOK);
    const { files } = await readEpub((await compileEpub(dir)).epub);
    const copyright = [...files].find(([name]) => name.endsWith('copyright.xhtml'))![1];
    const paragraphs = [...copyright.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => decodeXml(m[1]));
    expect(paragraphs).toEqual(STATEMENTS);
    const titlePage = [...files].find(([name]) => name.endsWith('titlepage.xhtml'))![1];
    expect(decodeXml(titlePage)).toContain('<p class="author">Ann Smith, Bo Jones and Cy Lee</p>');
    if (!hasPdftotext) return console.warn('pdftotext is not installed: the printed copyright page is not read back');
    const { path } = await compilePdf(dir);
    const page = (n: number) =>
      execFileSync('pdftotext', ['-f', String(n), '-l', String(n), path, '-'], { encoding: 'utf8' });
    // The statements one after another, each whole, however the measure turned them over.
    const printed = page(4).replace(/\s+/g, ' ').trim();
    expect(printed).toBe(STATEMENTS.join(' '));
    expect(page(3).replace(/\s+/g, ' ')).toContain('Ann Smith, Bo Jones and Cy Lee');
  }, 60_000);

  it('takes one ISBN for both editions, printed once', async () => {
    const dir = makeBook({ ...BOOK, 'book.yaml': 'title: "T"\nauthor: "A"\nisbn: "978-0-306-40615-7"\n' });
    const { files, opf } = await readEpub((await compileEpub(dir)).epub);
    const copyright = [...files].find(([name]) => name.endsWith('copyright.xhtml'))![1];
    expect(copyright).toContain('<p>ISBN 978-0-306-40615-7</p>');
    expect(opf).toContain('urn:isbn:9780306406157');
  });
});
