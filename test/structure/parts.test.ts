/**
 * Parts above chapters: found in the forms writers use, nested in the EPUB's contents, a page of their own in print.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { chapterHeading } from '../../src/parse/headings.js';
import { loadBook } from '../../src/pipeline.js';
import { chapterLabel } from '../../src/structure/chapters.js';
import { cleanup, compileEpub, compilePdf, epubcheck, makeBook, readEpub } from '../helpers/book.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const TXT = [
  'Part One',
  'Chapter 1',
  'It began.',
  'Chapter 2',
  'It went on.',
  'PART TWO: The Return',
  'Chapter 3',
  'It ended.',
  '',
].join('\n\n');
const MD = '# Part One\n\n## Arrival\n\nIt began.\n\n## Storm\n\nIt went on.\n\n# Part Two\n\n## Return\n\nIt ended.\n';

describe('parts', () => {
  it.each([
    ['Part One', 'Part One'],
    ['PART 2', 'PART 2'],
    ['Book II: The Return', 'Book II: The Return'],
  ])('%s is a part', (line, title) => {
    expect(chapterHeading(line)).toMatchObject({ kind: 'part', title });
  });

  it.each([
    [
      'a text file',
      'manuscript/book.txt',
      TXT,
      ['Part One', 'Chapter 1', 'Chapter 2', 'PART TWO: The Return', 'Chapter 3'],
    ],
    ['Markdown, # over ##', 'manuscript/book.md', MD, ['Part One', 'Arrival', 'Storm', 'Part Two', 'Return']],
  ])('are found in %s, and chapters go on numbering across them', (_, file, text, labels) => {
    const { book } = loadBook(makeBook({ [file]: text }), {});
    expect(book.chapters.map((c) => c.kind)).toEqual(['part', 'chapter', 'chapter', 'part', 'chapter']);
    expect(book.chapters.map((c) => chapterLabel(c))).toEqual(labels);
    expect(book.chapters.map((c) => c.number)).toEqual([undefined, 1, 2, undefined, 3]);
  });

  it('can be a file of its own, marked type: part', () => {
    const { book, diagnostics } = loadBook(
      makeBook({
        'manuscript/01-part.md': '---\ntype: part\ntitle: Part One\n---\n',
        'manuscript/02.md': '# Arrival\n\nIt began.\n',
      }),
      {},
    );
    expect(book.chapters.map((c) => [c.kind, chapterLabel(c)])).toEqual([
      ['part', 'Part One'],
      ['chapter', 'Arrival'],
    ]);
    expect(diagnostics.warnings).toEqual([]);
  });

  it('nest their chapters in the EPUB contents (nav and NCX), and the EPUB stays valid', async () => {
    const { epub } = await compileEpub(makeBook({ 'manuscript/book.md': MD }));
    expect((await epubcheck(epub)).messages).toEqual([]);
    const { nav, files } = await readEpub(epub);
    expect(nav.replace(/\n/g, '')).toMatch(
      /<li><a href="ch-001\.xhtml">Part One<\/a><ol><li><a href="ch-002\.xhtml">Arrival<\/a><\/li><li><a href="ch-003\.xhtml">Storm<\/a><\/li><\/ol><\/li><li><a href="ch-004\.xhtml">Part Two<\/a><ol><li><a href="ch-005\.xhtml">Return<\/a><\/li><\/ol><\/li>/,
    );
    const ncx = files.get('OEBPS/toc.ncx')!;
    expect(ncx).toContain('<meta name="dtb:depth" content="2" />');
    expect(files.get('OEBPS/ch-001.xhtml')).toContain('epub:type="part" role="doc-part"');
  }, 60_000);

  it.skipIf(!has('pdftotext'))(
    'open on a recto of their own in print, with the next chapter on the following recto',
    async () => {
      const { path: pdf } = await compilePdf(makeBook({ 'manuscript/book.md': MD }));
      const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
        .split('\f')
        .map((p) => p.trim());
      const partAt = pages.indexOf('Part One');
      expect(partAt).toBeGreaterThan(0);
      expect(partAt % 2).toBe(0); // page partAt + 1, counted from 1, is odd: a recto
      expect(pages[partAt + 1]).toBe(''); // the verso behind it is blank
      expect(pages[partAt + 2]).toMatch(/^Arrival/);
    },
    60_000,
  );
});
