/**
 * Nesting far past what a book can mean (100,000 levels of emphasis, of HTML elements, of quotations), as a
 * bad paste or a hostile file holds it: the book builds, the text is kept, one warning says where; no stack
 * overflow anywhere in reading, typography, checks or either back end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { plainText } from '../src/model/book.js';
import { loadBook } from '../src/pipeline.js';
import { cleanup, compileEpub, compilePdf, makeBook } from './helpers/book.js';

afterAll(cleanup);

const N = 100_000;

describe('deep nesting', () => {
  it('in Markdown: 100,000 nested * and <em>, and 5,000 > , build with the text kept and one warning', async () => {
    const md = [
      '# One',
      `${'*'.repeat(N)}deep${'*'.repeat(N)}`,
      `${'<em>'.repeat(20_000)}html${'</em>'.repeat(20_000)}`,
      `${'>'.repeat(5000)} quoted`,
      'The end.',
    ].join('\n\n');
    const dir = makeBook({ 'manuscript/01.md': md });
    const { book, diagnostics } = loadBook(dir, {});
    const text = book.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type));
    expect(text.join(' ')).toContain('html');
    expect(text.at(-1)).toBe('The end.');
    expect(diagnostics.warnings.filter((d) => d.rule === 'unsupported').length).toBe(1);
    await compileEpub(dir);
    await compilePdf(dir);
  }, 60_000);

  it('in an HTML story: 20,000 nested <em> and <div> build, with the words kept', async () => {
    const n = 20_000;
    const html = `<html><head><title>Deep</title></head><body><p>${'<em>'.repeat(n)}deep${'</em>'.repeat(n)}</p>${'<div>'.repeat(n)}inside${'</div>'.repeat(n)}<p>The end.</p></body></html>`;
    const dir = makeBook({ 'deep.html': html });
    const { book } = loadBook(`${dir}/deep.html`, {});
    const all = book.chapters.flatMap((c) =>
      c.blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : '')),
    );
    expect(all.join(' ')).toMatch(/deep.*inside.*The end\./);
    await compileEpub(`${dir}/deep.html`);
  }, 60_000);
});
