/**
 * The Phantom corpus set at 6×9 and measured with ../shared/tools/measure-typeset.py, as a reader's eye
 * would: spacing, hyphens, widows and orphans. Skips with a message when the corpus, python3 or poppler
 * is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compilePdf, CORPUS, hasCorpus, SHARED } from '../helpers/book.js';

afterAll(cleanup);

const meter = path.join(SHARED, 'tools', 'measure-typeset.py');
const tools = spawnSync('sh', ['-c', 'command -v python3 && command -v pdftotext']).status === 0;
const ready = hasCorpus && fs.existsSync(meter) && tools;
if (!ready)
  console.warn(
    'corpus PDF test skipped: it needs ../shared/corpus/phantom, ../shared/tools/measure-typeset.py, python3 and ' +
      'poppler-utils',
  );

describe.skipIf(!ready)('the Phantom corpus in print', () => {
  it('has no widows, orphans, overflowing or ragged lines, uneven spreads or runs of three hyphens, and few loose ' +
    'lines', async () => {
    const { path: pdf, run } = await compilePdf(CORPUS);
    const m = JSON.parse(execFileSync('python3', [meter, pdf, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    expect(m.status).toBe('ok');
    expect(m.widows).toBe(0);
    expect(m.orphans).toBe(0);
    expect(m.ragged).toBe(0);
    expect(m.overflow).toBe(0);
    expect(m.furniture_overflow).toBe(0);
    // Facing pages end on the same line.
    expect(m.spreads_misaligned).toBe(0);
    expect(m.hyphen_runs_3).toBe(0);
    // At most one hyphenated line end per page on average.
    expect(m.hyphens).toBeLessThanOrEqual(m.pages);
    // Word spaces over twice the book's natural space: LaTeX leaves 0.39 %.
    expect(m.loose_2).toBeLessThanOrEqual(0.2);
    // ...and over twice the font's own space, where pdfkit's greedy justification leaves 11.5 %.
    expect(m.loose_space_2).toBeLessThanOrEqual(0.2);
    // Every word is on the page: the meter counts at least as many words as the manuscript has.
    const words = Number(/([\d,]+) words/.exec(run.stdout)![1].replace(/,/g, ''));
    expect(m.words).toBeGreaterThanOrEqual(words);
  }, 120_000);
});
