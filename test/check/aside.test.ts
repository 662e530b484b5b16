/**
 * Proofreading beside the build: `octavo compile` counts on a worker thread what `octavo check` finds,
 * and the counts are the same whether the thread ran, could not start, or was never asked for.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBook } from '../../src/check/index.js';
import { startProofreader } from '../../src/check/worker.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, makeBook, octavo, ROOT, tempDir } from '../helpers/book.js';

afterAll(cleanup);

/** The sample book's chapters (they hold the seed defects), and a chapter of the writer's own mistakes. */
function bookWithFindings(): string {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(ROOT, 'manuscript')))
    files[`manuscript/${f}`] = fs.readFileSync(path.join(ROOT, 'manuscript', f), 'utf8');
  files['manuscript/03-more.md'] =
    '# More\n\nShe went to to the door and and opened it, Then she waited.\n\n"Where are you going? she asked.\n';
  return makeBook(files);
}

describe('proofreading while the book is made', () => {
  it('counts on a worker thread exactly what octavo check finds', async () => {
    const dir = bookWithFindings();
    const check = await octavo(['check', dir, '--json']);
    expect(check.code, check.stderr).toBe(0);
    const found = JSON.parse(check.stdout) as { findings: unknown[]; perCheck: Record<string, number> };
    expect(found.findings.length).toBeGreaterThan(5);
    // The launcher is what names itself as the worker's script: run the command as a user does.
    const out = tempDir('octavo-aside-');
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'src', 'cli', 'bin.mjs'), 'compile', dir, '--out', out, '--json'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const compiled = JSON.parse(run.stdout) as {
      checks: { findings: number; perCheck: Record<string, number>; aside: boolean };
      cpuMs: { total: number; mainThread?: number };
    };
    expect(compiled.checks).toEqual({ findings: found.findings.length, perCheck: found.perCheck, aside: true });
    // The CPU the bench reports: the whole process, and on Linux the main thread's share of it.
    expect(compiled.cpuMs.total).toBeGreaterThan(0);
    if (process.platform === 'linux') {
      expect(compiled.cpuMs.mainThread).toBeGreaterThan(0);
      expect(compiled.cpuMs.mainThread).toBeLessThanOrEqual(compiled.cpuMs.total + 10);
    }
    // In-process (no launcher to start a worker with) the same counts come from the calling thread.
    const inProcess = await octavo(['compile', dir, '--out', tempDir('octavo-aside-'), '--json']);
    expect(JSON.parse(inProcess.stdout).checks).toEqual({ ...compiled.checks, aside: false });
  }, 120_000);

  it('checks on the calling thread when the worker cannot start, with the same counts', async () => {
    const loaded = loadBook(bookWithFindings(), {});
    const options = { language: loaded.config.language, words: [] };
    const direct = checkBook(loaded.book, loaded.sources, options);
    for (const script of [path.join(tempDir('octavo-aside-'), 'missing.mjs'), undefined]) {
      const proofreader = startProofreader(script);
      const counted = await proofreader.check(loaded.book, loaded.sources, options);
      proofreader.close();
      expect(counted.aside).toBe(false);
      expect(counted.findings).toBe(direct.findings.length);
      expect([...counted.perCheck]).toEqual([...direct.perCheck]);
    }
  }, 60_000);

  it('leaves no thread behind when the build fails before it asks', () => {
    // An empty manuscript fails after the proofreader started; the process must still end at once.
    const dir = makeBook({ 'manuscript/01.md': '' });
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'src', 'cli', 'bin.mjs'), 'compile', dir, '--out', tempDir('octavo-aside-')],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the manuscript has no text');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
