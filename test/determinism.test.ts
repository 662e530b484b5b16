import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, cleanup, compileEpub, makeBook, octavo, tempDir, unzip } from './helpers/book.js';
import JSZip from 'jszip';

afterAll(cleanup);

describe('reproducible builds', () => {
  it('gives byte-identical EPUBs for the same input', async () => {
    const a = await compileEpub(ROOT);
    const b = await compileEpub(ROOT);
    expect(Buffer.from(a.epub).equals(Buffer.from(b.epub))).toBe(true);
  });

  it('lets SOURCE_DATE_EPOCH change the dates and nothing else', async () => {
    const plain = await compileEpub(ROOT);
    const dated = await compileEpub(ROOT, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(Buffer.from(plain.epub).equals(Buffer.from(dated.epub))).toBe(false);
    const x = await unzip(plain.epub);
    const y = await unzip(dated.epub);
    expect([...y.keys()]).toEqual([...x.keys()]);
    const changed = [...x.keys()].filter((name) => x.get(name) !== y.get(name));
    expect(changed).toEqual(['OEBPS/content.opf']);
    const strip = (s: string) => s.replace(/<meta property="dcterms:modified">[^<]*<\/meta>/, '');
    expect(strip(y.get('OEBPS/content.opf')!)).toBe(strip(x.get('OEBPS/content.opf')!));
    expect(y.get('OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
    const zip = await JSZip.loadAsync(dated.epub);
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString().slice(0, 10)).toBe('2023-11-14');
  });

  it('writes mimetype first and uncompressed, as readers require', async () => {
    const { epub } = await compileEpub(ROOT);
    const head = Buffer.from(epub.subarray(0, 58)).toString('latin1');
    expect(head.slice(30, 38)).toBe('mimetype');
    expect(head.slice(38, 58)).toBe('application/epub+zip');
    expect(epub[8]).toBe(0); // compression method 0: stored
  });
});

describe('the octavo command', () => {
  it('builds, through its bundle, the very bytes the sources build', async () => {
    // Users run src/cli/bin.mjs (an esbuild bundle run through V8's code cache); the tests run the TypeScript
    // sources. Both must give the same files: a difference in how the bundle loads a dependency shows here.
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
    const out = tempDir('octavo-bin-');
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'src', 'cli', 'bin.mjs'), 'compile', ROOT, '--out', out, '--quiet'],
      { env, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const inProcess = tempDir('octavo-src-');
    expect(
      (await octavo(['compile', ROOT, '--out', inProcess, '--quiet'], { env: { SOURCE_DATE_EPOCH: '1700000000' } }))
        .code,
    ).toBe(0);
    // The books, not the build cache (whose entries name the Octavo build that made them: the bundle's
    // hash, or the sources').
    const books = (dir: string) =>
      (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => !f.startsWith('.octavo-cache') && fs.statSync(path.join(dir, f)).isFile())
        .sort();
    const files = books(out);
    expect(files).toEqual(books(inProcess));
    expect(files.filter((f) => /\.(epub|pdf)$/.test(f))).toHaveLength(3); // EPUB, interior, cover
    for (const f of files)
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(inProcess, f)))).toBe(true);
  }, 120_000);

  it('stops quietly when the reader of its output goes away (octavo changes | head -1)', () => {
    // Thousands of changes: far more output than a pipe holds, so the writes after head exits fail.
    const book = makeBook({
      'manuscript/01.md': `# One\n\n${'"Quote," she said -- and "another"...\n\n'.repeat(4000)}`,
    });
    const bin = path.join(ROOT, 'src', 'cli', 'bin.mjs');
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" changes "${book}" | head -1`], {
      encoding: 'utf8',
    });
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toBe('');
  }, 60_000);
});
