/** Running heads that fit their line: a long title shortened to its main title, or book.yaml's runningHead, never cut. */
import { afterAll, describe, expect, it } from 'vitest';
import { printOptions, renderPdf } from '../../src/pdf/index.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, makeBook } from '../helpers/book.js';
import { lineText } from '../helpers/laid.js';

afterAll(cleanup);

async function heads(yaml: string) {
  const text = Array.from(
    { length: 80 },
    (_, k) => `Paragraph ${k + 1} of the chapter, which runs on over the page.`,
  ).join('\n\n');
  const dir = makeBook({ 'book.yaml': yaml, 'manuscript/01.md': `# One\n\n${text}\n` });
  const { book, config } = loadBook(dir, {});
  const result = await renderPdf(book, printOptions(config));
  const recto = new Set<string>();
  for (const p of result.laid.pages)
    if (p.kind === 'text' && p.recto) for (const l of p.lines) if (l.role === 'head') recto.add(lineText(l));
  return { recto: [...recto], warnings: result.diagnostics.filter((d) => d.rule === 'running-head') };
}

describe('running heads', () => {
  const long = 'The Phantom of the Opera: Being the True and Complete Account of the Ghost of the Palais Garnier';

  it('shortens a title too long for the head line to its main title, before the colon', async () => {
    const { recto, warnings } = await heads(`title: "${long}"\nauthor: "G. Leroux"\nlanguage: en\n`);
    expect(recto.map((h) => h.toLowerCase())).toEqual(['the phantom of the opera']);
    expect(warnings).toEqual([]);
  });

  it("takes book.yaml's runningHead", async () => {
    const { recto } = await heads(`title: "${long}"\nrunningHead: "The Ghost"\nauthor: "G. Leroux"\nlanguage: en\n`);
    expect(recto.map((h) => h.toLowerCase())).toEqual(['the ghost']);
  });

  it('leaves a head off rather than cut a word from it, and says so', async () => {
    const endless = 'A Title With No Colon That Goes On And On Past Any Line A Running Head Could Ever Hold';
    const { recto, warnings } = await heads(`title: "${endless}"\nauthor: "G. Leroux"\nlanguage: en\n`);
    expect(recto).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining(endless)]);
  });
});
