/**
 * `octavo compile books/*\/`: several books at once, each in its own process, a report per book in the order
 * named and a summary; a broken book stops only itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, makeBook, octavo, ROOT, tempDir } from './helpers/book.js';

afterAll(cleanup);

function books(): string {
  const shelf = tempDir('octavo-shelf-');
  makeBook(
    {
      'book.yaml': 'title: "The First"\nauthor: "A. Writer"\nlanguage: en\ndate: 2026\n',
      'manuscript/01.md': '# One\n\nRaoul walked slowly out of the hospital.\n',
    },
    path.join(shelf, 'first'),
  );
  makeBook({ 'book.yaml': 'title: [\n', 'manuscript/01.md': '# One\n\nText.\n' }, path.join(shelf, 'broken'));
  makeBook(
    {
      'book.yaml': 'title: "The Second"\nauthor: "B. Writer"\nlanguage: en\ndate: 2026\n',
      'manuscript/01.md': '# One\n\nChristine sang.\n',
    },
    path.join(shelf, 'second'),
  );
  return shelf;
}

describe('compiling a backlist', () => {
  it('builds every book in a process of its own, reports each in order, and a broken one stops only itself', () => {
    const shelf = books();
    const out = tempDir();
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'src/cli/bin.mjs'), 'compile', 'first', 'broken', 'second', '--out', out, '--format', 'epub'],
      { cwd: shelf, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } },
    );
    expect(run.status).toBe(1);
    expect(fs.readdirSync(path.join(out, 'first'))).toContain('the-first.epub');
    expect(fs.readdirSync(path.join(out, 'second'))).toContain('the-second.epub');
    expect(fs.existsSync(path.join(out, 'broken'))).toBe(false);
    const first = run.stdout.indexOf('== first');
    const second = run.stdout.indexOf('== second');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(run.stdout.indexOf('The First by A. Writer')).toBeGreaterThan(first);
    expect(second).toBeGreaterThan(run.stdout.indexOf('The First by A. Writer'));
    expect(run.stderr).toContain('invalid YAML');
    expect(run.stdout).toMatch(/3 books: 2 built, 1 failed \(broken\) in \d+\.\d\d s\n$/);
  }, 120_000);

  it('gives one JSON report with each book, and refuses two books that would share an output folder', async () => {
    const shelf = books();
    const out = tempDir();
    const run = await octavo(['compile', 'first', 'second', '--out', out, '--format', 'epub', '--json'], {
      cwd: shelf,
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      books: { target: string; status: number; report: { title: string } }[];
    };
    expect(report.ok).toBe(true);
    expect(report.books.map((b) => [b.target, b.status, b.report.title])).toEqual([
      ['first', 0, 'The First'],
      ['second', 0, 'The Second'],
    ]);
    fs.mkdirSync(path.join(shelf, 'again'));
    fs.cpSync(path.join(shelf, 'first'), path.join(shelf, 'again', 'first'), { recursive: true });
    const clash = await octavo(['compile', 'first', 'again/first', '--out', out], { cwd: shelf });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('first and again/first would both be written into');
  }, 120_000);
});
