/**
 * The print PDF as a print service receives it: page boxes, embedded fonts, colour, PDF/X keys, qpdf's
 * check, pages that render, every word on the page, and byte-identical rebuilds.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFNumber,
  type PDFRawStream,
  type PDFRef,
} from 'pdf-lib';
import { cleanup, compileEpub, compilePdf, epubcheck, makeBook, readEpub, ROOT, tempDir } from '../helpers/book.js';
import { printOptions, renderPdf } from '../../src/pdf/index.js';
import { loadBook } from '../../src/pipeline.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SEEDS = path.join(ROOT, 'manuscript');

function sampleBook(extraYaml = ''): string {
  const files: Record<string, string> = {
    'book.yaml': `title: "Meg Giry"\nauthor: "Anonymous"\nlanguage: en\nisbn: "978-0-306-40615-7"\n${extraYaml}`,
  };
  for (const f of fs.readdirSync(SEEDS)) files[`manuscript/${f}`] = fs.readFileSync(path.join(SEEDS, f), 'utf8');
  return makeBook(files);
}

function box(page: PDFDict, name: string): number[] | undefined {
  const arr = page.lookupMaybe(PDFName.of(name), PDFArray);
  return arr?.asArray().map((n) => (n as PDFNumber).asNumber());
}

async function pages(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return { doc, pages: doc.getPages().map((p) => p.node) };
}

function contentOf(doc: PDFDocument, page: PDFDict): string {
  const contents = page.lookup(PDFName.of('Contents'));
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r as PDFRef)) : [contents];
  return streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
}

describe('the print PDF of the sample book', () => {
  let pdf: Uint8Array;
  let file: string;
  let book: string;
  beforeAll(async () => {
    book = sampleBook();
    ({ pdf, path: file } = await compilePdf(book, { SOURCE_DATE_EPOCH: '1700000000' }));
  }, 60_000);

  it('is PDF 1.3 with a TrimBox and BleedBox on every page, equal to the 6×9 in page without bleed', async () => {
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.3');
    const { pages: ps } = await pages(pdf);
    expect(ps.length % 2).toBe(0);
    for (const p of ps) {
      expect(box(p, 'MediaBox')).toEqual([0, 0, 432, 648]);
      expect(box(p, 'TrimBox')).toEqual([0, 0, 432, 648]);
      expect(box(p, 'BleedBox')).toEqual([0, 0, 432, 648]);
    }
  });

  it('embeds every font, and uses none of the unembedded standard fonts', async () => {
    const { doc } = await pages(pdf);
    let descriptors = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict)) continue;
      const type = obj.lookupMaybe(PDFName.of('Type'), PDFName)?.asString();
      if (type === '/FontDescriptor') {
        descriptors++;
        expect(obj.has(PDFName.of('FontFile2')) || obj.has(PDFName.of('FontFile3'))).toBe(true);
      }
      if (type === '/Font')
        expect(['/Type0', '/CIDFontType2', '/CIDFontType0']).toContain(
          obj.lookupMaybe(PDFName.of('Subtype'), PDFName)?.asString(),
        );
    }
    expect(descriptors).toBeGreaterThanOrEqual(1);
    if (has('pdffonts')) {
      const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(out.length).toBe(descriptors);
      for (const line of out) expect(line).toMatch(/EBGaramond.*\byes\s+yes\s+yes\b/); // emb sub uni
    }
  });

  it.skipIf(!has('pdffonts'))(
    'tags each font subset from its glyphs: interior and cover subsets of a face differ',
    async () => {
      const tags = (f: string) =>
        execFileSync('pdffonts', [f], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .slice(2)
          .map((l) => l.split(/\s+/)[0]);
      const cover = path.join(
        path.dirname(file),
        'cover',
        fs.readdirSync(path.join(path.dirname(file), 'cover')).find((f) => f.endsWith('.pdf'))!,
      );
      const interior = tags(file);
      const front = tags(cover);
      for (const t of [...interior, ...front]) expect(t).toMatch(/^[A-Z]{6}\+EBGaramond-/);
      // The interior's regular face holds far more glyphs than the cover's: two subsets, two tags.
      const regular = (list: string[]) => list.find((t) => t.endsWith('-Regular'));
      expect(regular(interior)).toBeDefined();
      expect(regular(interior)).not.toBe(regular(front));
      expect(new Set(interior).size).toBe(interior.length);
    },
  );

  it('paints text in DeviceGray only: no RGB operator or colour space anywhere', async () => {
    const { doc, pages: ps } = await pages(pdf);
    for (const p of ps) {
      const content = contentOf(doc, p);
      expect(content).not.toMatch(/(^|\s)(rg|RG|k|K|sc|scn|SC|SCN|cs|CS)(\s|$)/);
      if (/Tj|TJ/.test(content)) expect(content).toMatch(/(^|\n)0 g(\n|$)/);
    }
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('/DeviceRGB');
  });

  it('declares PDF/X-1a:2001 with an output intent, and has no annotations', async () => {
    const { doc, pages: ps } = await pages(pdf);
    const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
    expect(intents?.size()).toBe(1);
    const intent = doc.context.lookup(intents!.get(0), PDFDict);
    expect(intent.lookupMaybe(PDFName.of('S'), PDFName)?.asString()).toBe('/GTS_PDFX');
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toContain('(PDF/X-1:2001)');
    expect(raw).toContain('(PDF/X-1a:2001)');
    expect(raw).toMatch(/\/Trapped \d+ 0 R/);
    for (const p of ps) expect(p.has(PDFName.of('Annots'))).toBe(false);
  });

  it.skipIf(!has('qpdf'))('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('No syntax or stream encoding errors found');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('pdftotext'))('prints every word of the manuscript, and the folios', async () => {
    const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const words = (s: string) => s.match(/[\p{L}]{4,}/gu) ?? [];
    // A line ending in a hyphen is either a word the layout hyphenated or a compound broken at its hyphen.
    const text = raw.replace(/-\n\s*/g, '');
    const printed = new Set([...words(text), ...words(raw.replace(/-\n\s*/g, '-'))]);
    // The words as typeset: the manuscript's, after the typography corrections (immanent → imminent).
    const { chapters } = await readEpub((await compileEpub(book)).epub);
    const source = chapters.flatMap((c) => c.paragraphs.flatMap(words));
    expect(source.length).toBeGreaterThan(1000);
    const missing = source.filter((w) => !printed.has(w));
    expect(missing).toEqual([]);
    expect(text).toMatch(/^\s*1\s*$/m);
    expect(text).toContain('ISBN 978-0-306-40615-7');
  });

  it.skipIf(!has('pdftotext'))(
    'opens with half-title, title, copyright and contents, chapters on rectos from page 1',
    () => {
      const pageText = (n: number) =>
        execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], {
          encoding: 'utf8',
        }).trim();
      expect(pageText(1)).toBe('Meg Giry');
      expect(pageText(2)).toBe('');
      expect(pageText(3)).toMatch(/^Meg Giry\s+Anonymous$/);
      expect(pageText(4)).toMatch(/Copyright © \d{4} Anonymous\. All rights reserved\.[\s\S]*ISBN 978-0-306-40615-7/);
      // The contents: no running head above its title, a roman folio below, chapters with their pages.
      const contents = pageText(5)
        .split('\n')
        .filter((l) => l.trim());
      expect(contents[0].trim()).toBe('Contents');
      expect(contents[contents.length - 1].trim()).toBe('v');
      expect(contents[1]).toMatch(/^Chapter 1\s+1$/);
      // Page 7 is the first chapter's opening, folio 1, on a recto.
      expect(pageText(7)).toMatch(/^Chapter 1\n[\s\S]*\n\s*1$/);
    },
  );

  it.skipIf(!has('pdftoppm'))('renders pages that are not blank', () => {
    const dir = tempDir('octavo-png-');
    execFileSync('pdftoppm', ['-r', '30', '-gray', '-f', '7', '-l', '8', file, path.join(dir, 'p')]);
    const files = fs.readdirSync(dir);
    expect(files.length).toBe(2);
    for (const f of files) {
      // PGM: header, then one byte a pixel; count dark pixels.
      const data = fs.readFileSync(path.join(dir, f));
      const body = data.subarray(data.length - 180 * 270);
      const inked = body.filter((v) => v < 200).length;
      expect(inked / body.length).toBeGreaterThan(0.02);
    }
  });

  it('is byte-identical when built again', async () => {
    const again = await compilePdf(sampleBook(), { SOURCE_DATE_EPOCH: '1700000000' });
    expect(Buffer.from(again.pdf).equals(Buffer.from(pdf))).toBe(true);
  }, 60_000);

  it('reports the page count and the spine width', async () => {
    const { run } = await compilePdf(sampleBook('print:\n  paper: cream\n'));
    const pagesLine = /print: (\d+) pages at 6x9, spine ([\d.]+) in/.exec(run.stdout);
    expect(pagesLine).not.toBeNull();
    expect(Number(pagesLine![2])).toBeCloseTo(Number(pagesLine![1]) * 0.0025, 3);
  }, 60_000);
});

describe('page geometry from book.yaml', () => {
  it('adds bleed on the outside, top and bottom, with the trim box on the inside edge', async () => {
    const { pdf } = await compilePdf(sampleBook('print:\n  trim: 5.5x8.5\n  bleed: true\n'));
    const { pages: ps } = await pages(pdf);
    const [w, h, b] = [396, 612, 9];
    ps.forEach((p, i) => {
      expect(box(p, 'MediaBox')).toEqual([0, 0, w + b, h + 2 * b]);
      expect(box(p, 'BleedBox')).toEqual([0, 0, w + b, h + 2 * b]);
      // Page 1 is a recto: its inside (left) edge has no bleed.
      expect(box(p, 'TrimBox')).toEqual(i % 2 === 0 ? [0, b, w, b + h] : [b, b, b + w, b + h]);
    });
  }, 60_000);

  it('takes a custom trim size in millimetres', async () => {
    const { pdf } = await compilePdf(sampleBook('print:\n  trim:\n    width: 140mm\n    height: 216mm\n'));
    const { pages: ps } = await pages(pdf);
    const [x0, y0, x1, y1] = box(ps[0], 'TrimBox')!;
    expect(x1 - x0).toBeCloseTo((140 * 72) / 25.4, 2);
    expect(y1 - y0).toBeCloseTo((216 * 72) / 25.4, 2);
  }, 60_000);

  it('explains a print setting it cannot use', async () => {
    const { octavo } = await import('../helpers/book.js');
    const run = await octavo(['compile', sampleBook('print:\n  trim: 7x7\n'), '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '"print.trim" has the wrong value in book.yaml: expected one of 5x8, 5.25x8, 5.5x8.5, 6x9, a5, or width: and ' +
        'height:',
    );
  });

  it("sets the text inside the writer's print.margins, keeping the defaults for the sides not given", async () => {
    const dir = sampleBook('print:\n  margins: { inside: 1in, outside: 0.75in, top: 20mm }\n');
    const { book, config } = loadBook(dir, { sourceDateEpoch: 1700000000 });
    const { laid, diagnostics } = await renderPdf(book, printOptions(config));
    expect(laid.geometry.margins).toEqual({ inside: 72, outside: 54, top: (20 * 72) / 25.4, bottom: 0.6 * 72 });
    expect(laid.geometry.measure).toBe(432 - 72 - 54);
    const body = laid.pages.flatMap((p) =>
      p.lines.filter((l) => l.role === 'body').map((l) => ({ l, recto: p.recto })),
    );
    expect(body.length).toBeGreaterThan(100);
    for (const { l, recto } of body) {
      const left = l.x + (l.fragments[0]?.x ?? 0);
      // Hanging punctuation may reach a point or two into the margin, never further.
      expect(left).toBeGreaterThan((recto ? 72 : 54) - 4);
      expect(left).toBeLessThan(432 - (recto ? 54 : 72));
    }
    expect(diagnostics.filter((d) => d.rule === 'print-margins')).toEqual([]);
  }, 60_000);

  it("holds print.margins to the service's minimum for the page count, and refuses margins that leave no page", async () => {
    const dir = sampleBook('print:\n  margins:\n    inside: 0.3in\n');
    const { book, config } = loadBook(dir, { sourceDateEpoch: 1700000000 });
    const { laid, diagnostics } = await renderPdf(book, printOptions(config));
    const margin = diagnostics.find((d) => d.rule === 'print-margins');
    expect(margin?.message).toBe(
      `KDP Print: the inside margin is 0.3 in; a ${laid.pages.length}-page book needs at least 0.375 in`,
    );
    expect(margin?.hint).toContain('Widen print.margins.inside in book.yaml to 0.375 in or more');
    const { octavo } = await import('../helpers/book.js');
    const narrow = await octavo([
      'compile',
      sampleBook('print:\n  margins: { inside: 2in, outside: 1.75in }\n'),
      '--out',
      tempDir(),
    ]);
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toContain(
      'print.margins leave a text block 2.25 in wide on a 6 in page; a book page needs at least 2.5 in',
    );
    const typo = await octavo(['compile', sampleBook('print:\n  margins: { insde: 1in }\n'), '--out', tempDir()]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('Did you mean "print.margins.inside"?');
    const unit = await octavo(['compile', sampleBook('print:\n  margins: { top: 2 furlongs }\n'), '--out', tempDir()]);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('expected a length such as 5.5in, 140mm or 396pt');
  }, 60_000);

  it('warns when the book is too short for the chosen service', async () => {
    const { run } = await compilePdf(sampleBook('print:\n  service: kdp\n'));
    expect(run.stdout).toMatch(/KDP Print: the book has \d+ pages; at least 24 are needed/);
  }, 60_000);
});

describe('a dated list in a letter', () => {
  const long =
    'a dancer, became the morganatic wife of a king and was created a countess, which the letter recalls at length';
  const letter = () =>
    makeBook({
      'manuscript/01-letter.md':
        `# The Letter\n\nShe recited the letter.\n\n> Madam:\n>\n> 1825. Mlle. Ménétrier, ` +
        `${long}.\n> 1832. Mlle. Taglioni, ${long}.\n\nThen she sat down.\n`,
    });

  it.skipIf(!has('pdftotext'))(
    'keeps the numbers the writer typed, and hangs them inside the block quote',
    async () => {
      const { path: file } = await compilePdf(letter());
      const ws = [
        ...execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).matchAll(
          /xMin="([\d.]+)"[^>]*>([^<]*)</g,
        ),
      ].map((m) => ({ x: Number(m[1]), text: m[2] }));
      const at = (text: string, nth = 0) => ws.filter((w) => w.text === text)[nth].x;
      // CommonMark would number the second item 1826; the letter says 1832.
      expect(ws.map((w) => w.text)).toContain('1832.');
      expect(ws.map((w) => w.text)).not.toContain('1826.');
      // The quote is inset from the text, and the numbers start at the quote's edge, not left of it.
      expect(at('Madam:') - at('Then')).toBeGreaterThan(15);
      for (const n of ['1825.', '1832.']) expect(at(n)).toBeGreaterThanOrEqual(at('Madam:') - 0.01);
      // Both items' text starts at one indent, right of the numbers.
      expect(at('Mlle.', 0)).toBeCloseTo(at('Mlle.', 1), 2);
      expect(at('Mlle.')).toBeGreaterThan(at('1825.') + 20);
    },
    60_000,
  );

  it('keeps them in the EPUB too, which stays valid', async () => {
    const { epub } = await compileEpub(letter());
    expect((await epubcheck(epub)).errors).toBe(0);
    const { chapters } = await readEpub(epub);
    const html = chapters.map((c) => c.xhtml).join('');
    expect(html).toMatch(/<ol start="1825"><li>.*<li value="1832">/s);
  }, 60_000);
});

describe.skipIf(!has('pdftotext'))('the contents page', () => {
  it('holds every chapter title whole: a long one turns over, its folio on its last line', async () => {
    const titles = [
      'The Arrival',
      "Mme. Giry's Astounding Revelations as to Her Personal Relations with the Opera Ghost",
      'Interesting and Instructive Vicissitudes of a Persian in the Cellars of the Opera, as He Told Them',
      ...Array.from({ length: 30 }, (_, k) => `A Chapter Among Many, Number ${k + 4}`),
    ];
    const files = Object.fromEntries(
      titles.map((t, k) => [`manuscript/${String(k + 1).padStart(2, '0')}.md`, `# ${t}\n\nThe text of it.\n`]),
    );
    const { path: pdf } = await compilePdf(
      makeBook({ 'book.yaml': 'title: "T"\nauthor: "A"\nlanguage: en\n', ...files }),
    );
    // The contents pages: from the one titled Contents to the last before chapter 1's opening.
    const pages: string[] = [];
    for (let n = 5; n < 12; n++) {
      const text = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], {
        encoding: 'utf8',
      });
      if (n > 5 && !/\d\s*$/m.test(text.split('\n').filter((l) => l.trim())[0] ?? '')) break;
      pages.push(text);
    }
    const joined = pages.join('\n').replace(/’/g, "'");
    expect(joined).not.toContain('…');
    const flat = joined.replace(/\s+/g, ' ');
    for (const t of titles) expect(flat, t).toMatch(new RegExp(`${t.replace(/[.?]/g, '\\$&')} \\d+ `));
  }, 60_000);
});
