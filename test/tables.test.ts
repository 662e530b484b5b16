/**
 * Tables (GitHub pipe tables and HTML tables in Markdown; Word's are in test/read/docx.test.ts) in both
 * editions, and a warning, at its place, for what a manuscript holds that Octavo does not set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { blockLeft } from '../src/pdf/layout/geometry.js';
import { printOptions, renderPdf } from '../src/pdf/index.js';
import { plainText, type Block } from '../src/model/book.js';
import { loadBook } from '../src/pipeline.js';
import { cleanup, compileEpub, epubcheck, makeBook, readEpub } from './helpers/book.js';

afterAll(cleanup);

const PIPE = [
  '# The Season',
  '',
  'The receipts:',
  '',
  '| Opera | Nights | Receipts (francs) |',
  '|:------|:------:|------------------:|',
  '| *Faust* | 14 | 182,000 |',
  '| "Les Huguenots" | 9 | 117,500 |',
  '',
  'After the table.',
].join('\n');

const HTML = [
  '<table>',
  '<caption>Boxes let for the season</caption>',
  '<thead><tr><th>Box</th><th>Subscriber</th></tr></thead>',
  '<tbody>',
  '<tr><td>No. 5</td><td>The Opera Ghost</td></tr>',
  '<tr><td colspan="2">Nos. 6 and 7: the Comte de Chagny</td></tr>',
  '</tbody>',
  '</table>',
].join('\n');

const tableOf = (blocks: Block[]) => blocks.find((b) => b.type === 'table') as Extract<Block, { type: 'table' }>;

describe('tables', () => {
  it('a pipe table: header cells, alignment, inline formatting, and changes in cells at their place', () => {
    const dir = makeBook({ 'manuscript/01.md': PIPE });
    const { book, diagnostics } = loadBook(dir, {});
    const t = tableOf(book.chapters[0].blocks);
    expect(t.rows.map((r) => r.map((c) => [plainText(c.children), c.header, c.align]))).toEqual([
      [
        ['Opera', true, 'left'],
        ['Nights', true, 'center'],
        ['Receipts (francs)', true, 'right'],
      ],
      [
        ['Faust', false, 'left'],
        ['14', false, 'center'],
        ['182,000', false, 'right'],
      ],
      [
        ['“Les Huguenots”', false, 'left'],
        ['9', false, 'center'],
        ['117,500', false, 'right'],
      ],
    ]);
    expect(t.rows[1][0].children[0].type).toBe('emphasis');
    const quote = diagnostics.changes.find((d) => d.rule === 'quotes');
    expect([quote?.start?.line, quote?.start?.column]).toEqual([8, 3]);
  });

  it('an HTML table keeps its caption and spans; both build a valid EPUB with <table> markup', async () => {
    const dir = makeBook({ 'manuscript/01.md': `${PIPE}\n\n${HTML}\n\nThe end.\n` });
    const { epub } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    const x = chapters[0].xhtml;
    expect(x).toContain(
      '<tr><th scope="col">Opera</th><th scope="col" class="center">Nights</th><th scope="col" class="right">Receipts (francs)</th></tr>',
    );
    expect(x).toContain('<td><em>Faust</em></td><td class="center">14</td><td class="right">182,000</td>');
    expect(x).toContain('<caption>Boxes let for the season</caption>');
    expect(x).toContain('<td colspan="2">Nos. 6 and 7: the Comte de Chagny</td>');
    expect(x).not.toMatch(/\|\s*-{3}/);
    expect((await epubcheck(epub)).messages).toEqual([]);
  });

  it('in print, a table fits the text block: columns from content, smaller type when wide, rules, every row, the head repeated', async () => {
    const wide = [
      '| Performance | Conductor | Soprano | Mezzo-soprano | Tenor | Baritone | Receipts | Remarks |',
      '|---|---|---|---|---|---|---|---|',
      ...Array.from(
        { length: 40 },
        (_, k) =>
          `| ${k + 1} | Monsieur Gabriel | Carlotta | Mademoiselle Sorelli | Monsieur Lasalle | Monsieur Maniera | ${
            12_000 + k * 17
          } | The chandelier incident, much commented upon in the foyer |`,
      ),
    ].join('\n');
    const dir = makeBook({ 'manuscript/01.md': `# Records\n\nThe registers:\n\n${wide}\n\nAfter the table.\n` });
    const { book, config } = loadBook(dir, {});
    const result = await renderPdf(book, printOptions(config));
    const g = result.laid.geometry;
    const rows: string[] = [];
    let ruled = 0;
    // The table's lines on each page it runs on, top down.
    const tablePages: string[][] = [];
    result.laid.pages.forEach((page) => {
      const left = blockLeft(g, page.recto);
      ruled += page.rules?.length ?? 0;
      const here: string[] = [];
      for (const line of [...page.lines].sort((a, b) => a.y - b.y)) {
        if (line.role !== 'body') continue;
        for (const f of line.fragments) {
          expect(line.x + f.x).toBeGreaterThanOrEqual(left - 0.5);
          expect(line.x + f.x + f.width).toBeLessThanOrEqual(left + g.measure + 0.5);
        }
        const text = line.fragments.map((f) =>
          f.run.codePoints
            .flat()
            .map((c) => String.fromCodePoint(c))
            .join(''),
        );
        if (/^\d+$/.test(text[0] ?? '')) rows.push(text[0]);
        if (/^\d+$|^Performance$/.test(text[0] ?? '')) here.push(text[0]);
      }
      if (here.length) tablePages.push(here);
    });
    // The head is repeated over the rows on every page the table continues on, once.
    expect(tablePages.length).toBeGreaterThan(1);
    for (const here of tablePages) {
      expect(here[0]).toBe('Performance');
      expect(here.filter((t) => t === 'Performance')).toHaveLength(1);
    }
    // Every row is there, once, in order, though the table runs over pages; each page of it is ruled.
    expect(rows).toEqual(Array.from({ length: 40 }, (_, k) => String(k + 1)));
    expect(ruled).toBeGreaterThanOrEqual(4);
    const sizes = result.laid.pages.flatMap((p) => p.lines.flatMap((l) => l.fragments.map((f) => f.size)));
    expect(Math.min(...sizes)).toBeLessThan(config.print?.fontSize ?? 11.5);
  });
});

describe('a table too wide for the page', () => {
  it('is reported at its place, and one that fits is not', async () => {
    const long = 'Incomprehensibilities';
    const columns = 14;
    const row = (w: string) => `| ${Array.from({ length: columns }, () => w).join(' | ')} |`;
    const table = [row('Head'), `|${'---|'.repeat(columns)}`, row(long), row(long)].join('\n');
    const dir = makeBook({
      'manuscript/01.md': `# Records\n\nThe registers:\n\n${table}\n\nA small one:\n\n| A | B |\n|---|---|\n| 1 | 2 |\n`,
    });
    const { book, config } = loadBook(dir, {});
    const result = await renderPdf(book, printOptions(config));
    const wide = result.diagnostics.filter((d) => d.rule === 'print-table-wide');
    expect(wide.map((d) => [d.file, d.start?.line])).toEqual([['manuscript/01.md', 5]]);
    expect(wide[0].message).toContain('even in its smallest type, some words are broken inside their cells');
  }, 60_000);
});

describe('what Octavo does not set', () => {
  it('warns, at its place, for strike-through, a definition list, a formula and an inline drawing', () => {
    const dir = makeBook({
      'manuscript/01.md': [
        'He was ~~not~~ quite sure.',
        '',
        '<dl><dt>Box five</dt><dd>The ghost’s.</dd></dl>',
        '',
        'The sum <math><mi>x</mi></math> was large, and <del>wrong</del>.',
        '',
        '<svg width="10" height="10"></svg>',
      ].join('\n'),
    });
    const { book, diagnostics } = loadBook(dir, {});
    const found = diagnostics.warnings
      .filter((d) => d.rule === 'unsupported')
      .map((d) => [d.start?.line, d.start?.column, d.message.split(' ').slice(0, 3).join(' ')]);
    expect(found).toEqual([
      [1, 8, 'struck-through text is'],
      [3, 1, 'a definition list'],
      [5, 9, 'a formula (MathML)'],
      [5, 48, 'struck-through text is'],
      [7, 1, 'an inline SVG'],
    ]);
    const text = book.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type));
    expect(text).toEqual(['He was not quite sure.', 'Box five', 'The ghost’s.', 'The sum was large, and wrong.']);
  });
});
