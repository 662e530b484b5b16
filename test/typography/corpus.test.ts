import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../src/pipeline.js';
import { CORPUS, SHARED, cleanup, compileEpub, hasCorpus } from '../helpers/book.js';

afterAll(cleanup);

describe.skipIf(!hasCorpus)('typography on the clean Phantom text (../shared/corpus/phantom)', () => {
  it('makes no spacing or word-correction change to professionally edited text', () => {
    const { diagnostics } = loadBook(CORPUS, {});
    const unwanted = diagnostics.changes.filter(
      (c) => c.rule === 'spacing' || c.rule === 'corrections' || c.rule === 'unicode',
    );
    expect(
      unwanted.map((c) => `${c.file}:${c.start?.line}:${c.start?.column} ${c.rule} ${c.before} → ${c.after}`),
    ).toEqual([]);
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)(
    'scores at least 0.999 against the hand-corrected edition',
    async () => {
      const { path: epub } = await compileEpub(CORPUS);
      const r = spawnSync(
        'python3',
        [path.join(SHARED, 'tools', 'score-typography.py'), path.join(CORPUS, 'truth.jsonl'), epub],
        { encoding: 'utf8' },
      );
      const score = Number(/score: ([\d.]+)/.exec(r.stdout)?.[1]);
      expect(score).toBeGreaterThanOrEqual(0.999);
    },
    60_000,
  );
});
