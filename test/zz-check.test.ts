import { it } from 'vitest';
import { checkBook } from '../src/check/index.js';
import { loadBook } from '../src/pipeline.js';
it('x', () => {
  const l = loadBook('/work/shared/corpus/phantom', { now: new Date(0) } as any);
  for (let i = 0; i < 2; i++) {
    (globalThis as any).__times = [];
    const t = performance.now();
    checkBook(l.book, l.sources, { language: l.config.language });
    console.log(
      'total',
      (performance.now() - t).toFixed(0),
      (globalThis as any).__times.map(([a, b]: any) => `${a} ${b.toFixed(0)}`).join(', '),
    );
  }
}, 60000);
