/**
 * The Phantom corpus set at 6×9 and measured with ../shared/tools/measure-typeset.py, as a reader's eye
 * would: spacing, hyphens, widows and orphans. Skips with a message when the corpus, python3 or poppler
 * is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compilePdf, CORPUS, hasCorpus, SHARED, tempDir } from '../helpers/book.js';
import { loadBook } from '../../src/pipeline.js';
import { printOptions, renderPdf } from '../../src/pdf/index.js';

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

/** Six chapters of the corpus with a table (a long one in every other chapter) and a nested list in each. */
function corpusWithTables(): string {
  const dir = tempDir('octavo-tables-');
  fs.copyFileSync(path.join(CORPUS, 'book.yaml'), path.join(dir, 'book.yaml'));
  fs.mkdirSync(path.join(dir, 'manuscript'));
  const long = [
    '| Performance | Conductor | Soprano | Receipts | Remarks |',
    '|---|---|---|--:|---|',
    ...Array.from(
      { length: 30 },
      (_, k) =>
        `| ${k + 1} | Monsieur Gabriel | Carlotta | ${12_000 + k * 17} | The chandelier incident, much commented upon in the foyer |`,
    ),
  ].join('\n');
  const short =
    '| Box | Tier | Subscriber |\n|---|---|---|\n| No. 5 | First | The Opera Ghost |\n| Nos. 6 and 7 | First | The Comte de Chagny |';
  const list =
    '- the first item of a list\n- the second, longer item of the same list, which runs over the line in print\n  1. nested and numbered\n  2. and another';
  fs.readdirSync(path.join(CORPUS, 'manuscript'))
    .sort()
    .slice(0, 6)
    .forEach((f, i) => {
      const [head, ...rest] = fs.readFileSync(path.join(CORPUS, 'manuscript', f), 'utf8').split(/\n---\n/);
      const paras = rest.join('\n---\n').split('\n\n');
      const mid = Math.floor(paras.length / 2);
      paras.splice(mid, 0, i % 2 === 0 ? long : short);
      paras.splice(Math.floor(mid / 2), 0, list);
      fs.writeFileSync(path.join(dir, 'manuscript', f), `${head}\n---\n${paras.join('\n\n')}`);
    });
  return dir;
}

describe.skipIf(!ready)('the Phantom corpus with tables and lists, in print', () => {
  it('keeps every table inside the text block and the page guarantees around them', async () => {
    const { path: pdf } = await compilePdf(corpusWithTables());
    const m = JSON.parse(execFileSync('python3', [meter, pdf, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    expect(m.status).toBe('ok');
    const defects = {
      overflow: m.overflow,
      widows: m.widows,
      orphans: m.orphans,
      ragged: m.ragged,
      uneven: m.spreads_misaligned,
    };
    expect(defects).toEqual({ overflow: 0, widows: 0, orphans: 0, ragged: 0, uneven: 0 });
  });
});

describe.skipIf(!hasCorpus)('the Phantom corpus for IngramSpark', () => {
  it("keeps every line inside IngramSpark's safe area and ends on a blank page for its barcode", async () => {
    const dir = tempDir('octavo-ingram-');
    fs.writeFileSync(
      path.join(dir, 'book.yaml'),
      `${fs.readFileSync(path.join(CORPUS, 'book.yaml'), 'utf8')}\nprint:\n  service: ingramspark\n  ppi: 444\n`,
    );
    fs.mkdirSync(path.join(dir, 'manuscript'));
    for (const f of fs.readdirSync(path.join(CORPUS, 'manuscript')).sort().slice(0, 5))
      fs.copyFileSync(path.join(CORPUS, 'manuscript', f), path.join(dir, 'manuscript', f));
    const { book, config } = loadBook(dir, {});
    const result = await renderPdf(book, printOptions(config));
    expect(result.diagnostics.filter((d) => d.rule === 'print-safe-area')).toEqual([]);
    const last = result.laid.pages[result.laid.pages.length - 1];
    expect(last.lines).toEqual([]);
    expect(result.laid.pages.length % 2).toBe(0);
  }, 60_000);
});
