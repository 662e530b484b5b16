import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compileEpub, makeBook, octavo, readEpub, tempDir } from '../helpers/book.js';

afterAll(cleanup);

const chapter = { 'manuscript/01.md': '# One\n\n"Don\'t go," she said--softly... It was alot.\n' };

describe('typography switches in book.yaml', () => {
  it('sets everything by default', async () => {
    const { chapters } = await readEpub((await compileEpub(makeBook(chapter))).epub);
    expect(chapters[0].paragraphs[0]).toBe('“Don’t go,” she said—softly… It was a lot.');
  });

  it('changes nothing for the rules switched off', async () => {
    const dir = makeBook({
      ...chapter,
      'book.yaml': 'title: "T"\ntypography:\n  quotes: false\n  apostrophes: false\n  corrections: false\n',
    });
    const { epub, run } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].paragraphs[0]).toBe('"Don\'t go," she said—softly… It was alot.');
    expect(run.stdout).toMatch(/typography: 2 changes \((dashes 1, ellipsis 1|ellipsis 1, dashes 1)\)/);
  });

  it('names a misspelt rule and the right one', async () => {
    const dir = makeBook({ ...chapter, 'book.yaml': 'title: "T"\ntypography:\n  quote: false\n' });
    const run = await octavo(['compile', dir, '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      'book.yaml:3:3  error  unknown key "typography.quote" in book.yaml  config-unknown-key',
    );
    expect(run.stderr).toContain('Did you mean "typography.quotes"?');
  });
});
