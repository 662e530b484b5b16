/** Headings inside chapters: ranked without gaps for the ebook's outline, three styles in print, a warning past them. */
import { afterAll, describe, expect, it } from 'vitest';
import { printOptions, renderPdf } from '../../src/pdf/index.js';
import { plainText } from '../../src/model/book.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, compileEpub, makeBook, readEpub } from '../helpers/book.js';
import { lineText } from '../helpers/laid.js';

afterAll(cleanup);

describe('headings inside a chapter', () => {
  const chapter = [
    '# The Letters',
    '',
    'Opening text.',
    '',
    '### The First Letter',
    '',
    'Text.',
    '',
    '##### A Postscript',
    '',
    'More text.',
    '',
    '### The Second Letter',
    '',
    'Text again.',
  ].join('\n');

  it('are numbered by rank with no level skipped, in the ebook and the model, without a warning', async () => {
    const dir = makeBook({ 'manuscript/01.md': chapter });
    const { book, diagnostics } = loadBook(dir, {});
    const levels = book.chapters[0].blocks.flatMap((b) =>
      b.type === 'heading' ? [[plainText(b.children), b.level]] : [],
    );
    expect(levels).toEqual([
      ['The First Letter', 2],
      ['A Postscript', 3],
      ['The Second Letter', 2],
    ]);
    expect(diagnostics.warnings.filter((w) => w.rule === 'unsupported')).toEqual([]);
    const { chapters } = await readEpub((await compileEpub(dir)).epub);
    const tags = [...chapters[0].xhtml.matchAll(/<(h\d)[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
    expect(tags).toEqual(['h1 The Letters', 'h2 The First Letter', 'h3 A Postscript', 'h2 The Second Letter']);
  });

  it('print sets the ranks apart: centred italic, centred small capitals, italic flush left', async () => {
    const text = `${chapter}\n\n####### not a heading\n\n###### Deeper Still\n\nLast text.\n`;
    const dir = makeBook({ 'manuscript/01.md': text });
    const { book, config } = loadBook(dir, {});
    const laid = (await renderPdf(book, printOptions(config))).laid;
    const find = (t: string) => laid.pages.flatMap((p) => p.lines).find((l) => lineText(l) === t)!;
    const first = find('The First Letter');
    const post = find('A Postscript');
    const deeper = find('Deeper Still');
    const body = find('Last text.');
    const style = (l: typeof first) =>
      `${l.fragments[0].run.style.face}${l.fragments[0].run.style.smallCaps ? '+sc' : ''}`;
    expect(style(first)).toBe('italic');
    expect(style(post)).toBe('regular+sc');
    expect(style(deeper)).toBe('italic');
    // Flush left where the body text starts; the centred ones stand right of it.
    expect(deeper.x).toBeCloseTo(body.x, 0);
    expect(first.x).toBeGreaterThan(body.x + 10);
  });

  it('a fourth rank is set like the third in print, with one warning at its place', () => {
    const text = '# One\n\n## A\n\nx\n\n### B\n\nx\n\n#### C\n\nx\n\n##### D\n\nx\n\n###### E\n\nx\n';
    const dir = makeBook({ 'manuscript/01.md': text });
    const { diagnostics } = loadBook(dir, {});
    const found = diagnostics.warnings.filter((w) => w.rule === 'unsupported');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/level 5 .*fourth level/);
    expect(found[0].start?.line).toBe(15);
  });
});
