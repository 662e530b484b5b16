/** Imposition for hand binding: the plan (pure) and `octavo impose` on real PDFs, read back with poppler. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { planImposition, signatureSizes } from '../src/impose/plan.js';
import { cleanup, compilePdf, makeBook, octavo, ROOT, tempDir } from './helpers/book.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('the imposition plan', () => {
  it('puts a 16-page signature in the binder’s order: sheet 1 is 16 | 1 and 2 | 15', () => {
    const plan = planImposition(16, { sheetsPerSignature: 4 });
    expect(plan.sheets.map((s) => [s.front.left, s.front.right, s.back.left, s.back.right])).toEqual([
      [16, 1, 2, 15],
      [14, 3, 4, 13],
      [12, 5, 6, 11],
      [10, 7, 8, 9],
    ]);
    expect(plan.blanks).toBe(0);
  });

  it.each([
    [16, 4, 'balance', [4], 0],
    [10, 4, 'balance', [3], 2],
    [33, 4, 'balance', [3, 3, 3], 3],
    [33, 4, 'fill', [4, 4, 4], 15],
    [246, 4, 'balance', [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3], 2],
    [246, 4, 'fill', Array(16).fill(4), 10],
    [100, 5, 'balance', [5, 5, 5, 5, 5], 0],
    [1, 4, 'balance', [1], 3],
  ] as const)(
    '%i pages, %i sheets a signature, %s: signatures of %j sheets, %i blanks',
    (pages, per, mode, sizes, blanks) => {
      expect(signatureSizes(pages, { sheetsPerSignature: per, mode })).toEqual(sizes);
      const plan = planImposition(pages, { sheetsPerSignature: per, mode });
      expect(plan.blanks).toBe(blanks);
      // Every page exactly once, blanks only past the end, and each signature's sheets nest.
      const placed = plan.sheets.flatMap((s) => [s.front.left, s.front.right, s.back.left, s.back.right]);
      expect(placed.filter((p) => p !== null).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: pages }, (_, i) => i + 1),
      );
      expect(placed.filter((p) => p === null)).toHaveLength(blanks);
      for (const sig of plan.signatures) {
        const sheets = plan.sheets.filter((s) => s.signature === sig.number);
        // Folded, a signature reads its pages in order: fronts' right halves, then backs' left halves...
        const order = [
          ...sheets.flatMap((s) => [s.front.right, s.back.left]),
          ...sheets.reverse().flatMap((s) => [s.back.right, s.front.left]),
        ];
        expect(order).toEqual(
          Array.from({ length: sig.lastPage - sig.firstPage + 1 }, (_, i) =>
            sig.firstPage + i <= pages ? sig.firstPage + i : null,
          ),
        );
      }
    },
  );
});

/** A book PDF whose pages print their own number large in the middle: 5.5 × 8.5 in, or as asked. */
async function numberedPdf(pages: number, size: [number, number] = [396, 612]): Promise<string> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage(size);
    const text = `p${n}`;
    page.drawText(text, { x: size[0] / 2 - font.widthOfTextAtSize(text, 40) / 2, y: size[1] / 2, size: 40, font });
  }
  const file = path.join(tempDir('octavo-impose-'), 'numbered.pdf');
  fs.writeFileSync(file, await doc.save());
  return file;
}

/** Each side of the imposed file as poppler reads it: the page numbers on its left and right halves. */
function sidesOf(file: string): { width: number; height: number; left: number[]; right: number[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => {
    const width = Number(m[1]);
    const side = { width, height: Number(m[2]), left: [] as number[], right: [] as number[] };
    for (const w of m[3].matchAll(
      /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">p(\d+)<\/word>/g,
    )) {
      const centre = (Number(w[1]) + Number(w[2])) / 2;
      (centre < width / 2 ? side.left : side.right).push(Number(w[3]));
    }
    return side;
  });
}

describe.skipIf(!has('pdftotext'))('octavo impose', () => {
  it.each([
    ['letter', 792, 612],
    ['a4', 841.89, 595.28],
  ])(
    'lays a 37-page book on %s sheets so that every page is on its side and half, once',
    async (paper, width, height) => {
      const file = await numberedPdf(37);
      const run = await octavo(['impose', file, '--paper', paper, '--sheets', '4']);
      expect(run.code, run.stderr).toBe(0);
      const out = file.replace(/\.pdf$/, '-imposed.pdf');
      expect(run.stdout).toContain('37 pages on 10 sheets');
      expect(run.stdout).toContain('3 blank pages after the last page');
      expect(run.stdout).toContain('flip on the short edge');
      const sides = sidesOf(out);
      const plan = planImposition(37, { sheetsPerSignature: 4 });
      expect(sides).toHaveLength(plan.sheets.length * 2);
      for (const s of sides) {
        expect(s.width).toBeCloseTo(width, 0);
        expect(s.height).toBeCloseTo(height, 0);
      }
      const expected = plan.sheets
        .flatMap((s) => [s.front, s.back])
        .map((side) => ({
          left: side.left === null ? [] : [side.left],
          right: side.right === null ? [] : [side.right],
        }));
      expect(sides.map(({ left, right }) => ({ left, right }))).toEqual(expected);
      const all = sides.flatMap((s) => [...s.left, ...s.right]).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    },
    30_000,
  );

  it('prints pages at full size when two fit on the sheet, against the fold, and scales larger ones to fit', async () => {
    const small = await numberedPdf(4);
    await octavo(['impose', small]);
    const doc = await PDFDocument.load(fs.readFileSync(small.replace(/\.pdf$/, '-imposed.pdf')));
    expect(doc.getPageCount()).toBe(2);
    const large = await numberedPdf(4, [432, 648]);
    const run = await octavo(['impose', large, '--paper', 'letter']);
    expect(run.stdout).toMatch(/printed at 8\d %/);
    const onTabloid = await octavo([
      'impose',
      large,
      '--paper',
      'tabloid',
      '--out',
      path.join(path.dirname(large), 'big.pdf'),
    ]);
    expect(onTabloid.stdout).toContain('printed at 100 %');
  }, 30_000);

  it('imposes a book Octavo made, keeping its fonts embedded and the file sound; the same input gives the same ' +
    'bytes', async () => {
    const seeds = path.join(ROOT, 'manuscript');
    const files: Record<string, string> = {};
    for (const f of fs.readdirSync(seeds)) files[`manuscript/${f}`] = fs.readFileSync(path.join(seeds, f), 'utf8');
    const { path: book } = await compilePdf(makeBook(files));
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const a = path.join(tempDir(), 'a.pdf');
    const b = path.join(tempDir(), 'b.pdf');
    expect((await octavo(['impose', book, '--marks', '--out', a], { env })).code).toBe(0);
    expect((await octavo(['impose', book, '--marks', '--out', b], { env })).code).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    if (has('qpdf'))
      expect(execFileSync('qpdf', ['--check', a], { encoding: 'utf8' })).toContain(
        'No syntax or stream encoding errors',
      );
    const fonts = execFileSync('pdffonts', [a], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.split(/\s+/).at(-5)).toBe('yes');
    // The book's own words are all there, once per page.
    const bookText = execFileSync('pdftotext', [book, '-'], { encoding: 'utf8' });
    const sheetText = execFileSync('pdftotext', [a, '-'], { encoding: 'utf8' });
    const count = (t: string) => (t.match(/Meg/g) ?? []).length;
    expect(count(sheetText)).toBe(count(bookText));
  }, 60_000);

  it('is part of compile when book.yaml asks (print.impose), in a folder of its own', async () => {
    const seeds = path.join(ROOT, 'manuscript');
    const files: Record<string, string> = {
      'book.yaml':
        'title: "Meg"\nauthor: "Anonymous"\nlanguage: en\nprint:\n  impose: { sheets: 3, paper: a4, marks: true }\n',
    };
    for (const f of fs.readdirSync(seeds)) files[`manuscript/${f}`] = fs.readFileSync(path.join(seeds, f), 'utf8');
    const out = tempDir();
    const run = await octavo(['compile', makeBook(files), '--out', out, '--format', 'pdf']);
    expect(run.code, run.stderr).toBe(0);
    const imposed = path.join(out, 'impose', 'meg-imposed.pdf');
    expect(fs.existsSync(imposed)).toBe(true);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.pdf'))).toEqual(['meg.pdf']);
    const pages = (await PDFDocument.load(fs.readFileSync(path.join(out, 'meg.pdf')))).getPageCount();
    const sheets = planImposition(pages, { sheetsPerSignature: 3 }).sheets.length;
    expect((await PDFDocument.load(fs.readFileSync(imposed))).getPageCount()).toBe(sheets * 2);
    expect(run.stdout).toMatch(new RegExp(`binding: ${pages} pages on ${sheets} sheets of A4`));
    expect(sidesOf(imposed)[0].width).toBeCloseTo(841.89, 0);
  }, 60_000);

  it('says what is wrong with a file that is not a PDF, and writes nothing', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'book.pdf');
    fs.writeFileSync(bad, 'Chapter One\n\nIt was a dark night.\n');
    const run = await octavo(['impose', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/book\.pdf is not a PDF that can be read/);
    expect(fs.readdirSync(dir)).toEqual(['book.pdf']);
    const missing = await octavo(['impose', path.join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(2);
    const sheets = await octavo(['impose', bad, '--sheets', 'many']);
    expect(sheets.stderr).toContain('expected a whole number of sheets');
  });
});
