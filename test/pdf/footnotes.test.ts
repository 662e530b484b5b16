/**
 * Footnotes at the foot of the printed page: the paginator's rules on cases small enough to check by hand,
 * and the Phantom corpus with notes added (short, long enough to split, of two paragraphs, several on a
 * page), laid out and measured with ../shared/tools/measure-typeset.py.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flowUnit, paginate, unitVariant, type FlowUnit } from '../../src/pdf/layout/paginate.js';
import { printOptions, renderPdf } from '../../src/pdf/index.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, CORPUS, hasCorpus, makeBook, SHARED, tempDir } from '../helpers/book.js';
import { lineText } from '../helpers/laid.js';

afterAll(cleanup);

/** A paragraph of `lines` lines whose line `at` refers to notes of `height` grid lines. */
const para = (lines: number, notes: Record<number, number> = {}): FlowUnit =>
  flowUnit(
    [
      unitVariant(
        lines,
        0,
        undefined,
        Array.from({ length: lines }, (_, k) => notes[k] ?? 0),
      ),
    ],
    { minHead: 2, minTail: 2 },
  );

describe('footnotes in page make-up', () => {
  it('sets a note on the page of its reference, under a rule line, and the page still ends full', () => {
    // 20-line pages: 6 lines of text, then a reference in the next paragraph's second line to a 3-line note.
    const p = paginate([para(6), para(8, { 1: 3 }), para(10)], 20, 0);
    const [piece] = p.notes;
    expect(piece).toMatchObject({ page: 0, unit: 1, line: 1, from: 0, to: 3 });
    expect(p.slots[1][1].page).toBe(0);
    // Rule and note take 4 lines: 16 of text on the first page.
    expect(p.noteLines[0]).toBe(4);
    expect(p.depths[0]).toBe(20);
    const onFirst = p.slots.flat().filter((s) => s.page === 0).length;
    expect(onFirst).toBe(16);
  });

  it('moves a line whose note cannot start on the page to the next, never parting them', () => {
    // Only the reference's line would fit: its 4-line note cannot start below it.
    const p = paginate([para(17), para(4, { 1: 4 })], 20, 0);
    for (const piece of p.notes.filter((n) => n.from === 0)) {
      expect(p.slots[piece.unit][piece.line].page).toBe(piece.page);
    }
    expect(p.forcedBreaks).toBe(0);
  });

  it('continues a long note at the foot of the next page, first there, and keeps widows and orphans away', () => {
    const p = paginate([para(10), para(6, { 2: 14 }), para(20), para(12)], 20, 0);
    const pieces = p.notes.filter((n) => n.unit === 1);
    expect(pieces.length).toBe(2);
    expect(pieces[0].from).toBe(0);
    expect(pieces[0].page).toBe(p.slots[1][2].page);
    expect(pieces[0].to - pieces[0].from).toBeGreaterThanOrEqual(2);
    // The rest follows at the foot of the next page, before anything else there.
    expect(pieces[1]).toMatchObject({ page: pieces[0].page + 1, from: pieces[0].to, to: 14 });
    expect(p.notes.findIndex((n) => n.page === pieces[1].page)).toBe(p.notes.indexOf(pieces[1]));
    expect(p.forcedBreaks).toBe(0);
  });
});

const NOTES = [
  'A short note.',
  'A note of middling length, which says something about the sentence it follows and then says a little more, ' +
    'so that it takes two or three lines at the foot of the page.',
  `A long note. ${'It goes on at length about the house, its cellars, its lake and the men who built them. '.repeat(9)}`,
  'A note in two paragraphs: the first.\n\n    And the second, indented under the definition.',
  'A note with *italics* in it.',
];

/** The corpus's first chapters with a note after a word in every fifth paragraph: five kinds in turn. */
function annotatedCorpus(): string {
  const dir = tempDir('octavo-notes-');
  fs.copyFileSync(path.join(CORPUS, 'book.yaml'), path.join(dir, 'book.yaml'));
  fs.mkdirSync(path.join(dir, 'manuscript'));
  const files = fs.readdirSync(path.join(CORPUS, 'manuscript')).sort().slice(0, 8);
  let n = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(CORPUS, 'manuscript', f), 'utf8');
    const [head, ...rest] = text.split(/\n---\n/);
    const body = rest.join('\n---\n');
    const defs: string[] = [];
    const paras = body.split('\n\n').map((p, k) => {
      if (k % 5 !== 2 || !/^[A-Z"“]/.test(p)) return p;
      n++;
      defs.push(`[^n${n}]: ${NOTES[n % NOTES.length]}`);
      // After the paragraph's first comma or full stop, or its fourth word.
      const at = p.search(/[,.](\s|$)/);
      return at > 0
        ? `${p.slice(0, at + 1)}[^n${n}]${p.slice(at + 1)}`
        : p.replace(/^((?:\S+\s+){3}\S+)/, `$1[^n${n}]`);
    });
    fs.writeFileSync(path.join(dir, 'manuscript', f), `${head}\n---\n${paras.join('\n\n')}\n\n${defs.join('\n\n')}\n`);
  }
  return dir;
}

const meter = path.join(SHARED, 'tools', 'measure-typeset.py');
const tools = spawnSync('sh', ['-c', 'command -v python3 && command -v pdftotext']).status === 0;
const ready = hasCorpus && fs.existsSync(meter) && tools;
if (!ready)
  console.warn('footnoted corpus test skipped: it needs ../shared/corpus/phantom, the typeset meter, python3, poppler');

describe.skipIf(!ready)('the Phantom corpus with footnotes, in print', () => {
  it('sets every note on the page of its reference, below the text, smaller, and keeps the page guarantees', async () => {
    const dir = annotatedCorpus();
    const { book, config, diagnostics } = loadBook(dir, {});
    expect(diagnostics.errors).toEqual([]);
    const result = await renderPdf(book, printOptions(config));
    const body = 11.5;
    let notes = 0;
    let split = 0;
    result.laid.pages.forEach((page, k) => {
      // A reference: a raised figure in a body-size line; a note: a line opening with a raised figure, smaller.
      const rule = page.rules?.[0];
      const refs: string[] = [];
      const starts: string[] = [];
      for (const line of page.lines) {
        if (line.role !== 'body') continue;
        const noteLine = line.fragments.every((f) => f.size < body * 0.9);
        if (noteLine) {
          expect(rule, `page ${k + 1}: a note line without the rule`).toBeDefined();
          expect(line.y, `page ${k + 1}: a note above its rule`).toBeGreaterThan(rule!.y);
          if (line.fragments[0].rise > 0) starts.push(lineText({ ...line, fragments: [line.fragments[0]] }));
        } else {
          if (rule) expect(line.y, `page ${k + 1}: text below the notes`).toBeLessThan(rule.y);
          for (const f of line.fragments) if (f.rise > 0) refs.push(lineText({ ...line, fragments: [f] }));
        }
      }
      notes += starts.length;
      // Every note that starts here was referred to here (a note continued from the page before has no marker).
      expect(starts, `page ${k + 1}`).toEqual(refs);
      if (rule && !starts.length) split++;
    });
    expect(notes).toBeGreaterThan(60);
    expect(split).toBeGreaterThan(0);

    const pdf = path.join(tempDir(), 'notes.pdf');
    fs.writeFileSync(pdf, result.bytes);
    const m = JSON.parse(execFileSync('python3', [meter, pdf, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    expect(m.status).toBe('ok');
    const defects = {
      widows: m.widows,
      orphans: m.orphans,
      overflow: m.overflow,
      ragged: m.ragged,
      uneven: m.spreads_misaligned,
      short: m.short_pages,
      deep: m.deep_pages,
    };
    expect(defects).toEqual({ widows: 0, orphans: 0, overflow: 0, ragged: 0, uneven: 0, short: 0, deep: 0 });
  }, 60_000);

  it('sets a Markdown book with notes', async () => {
    const dir = makeBook({ 'manuscript/01.md': '# One\n\nText.[^a]\n\n[^a]: The note.\n' });
    const { book, config } = loadBook(dir, {});
    const result = await renderPdf(book, printOptions(config));
    const lines = result.laid.pages.flatMap((p) => p.lines.map(lineText));
    expect(lines).toContain('1 The note.');
  });
});

describe('notes.print', () => {
  const chapter = '# One\n\nText with a note.[^a] More text.[^b]\n\n[^a]: The first note.\n\n[^b]: The second note.\n';
  const pagesOf = async (print: string) => {
    const dir = makeBook({
      'book.yaml': `title: "N"\nauthor: "A"\nlanguage: en\nnotes:\n  print: ${print}\n`,
      'manuscript/01.md': chapter,
      'manuscript/02.md': '# Two\n\nThe second chapter.\n',
    });
    const { book, config } = loadBook(dir, {});
    return (await renderPdf(book, printOptions(config))).laid.pages.map((p) => ({
      rules: p.rules?.length ?? 0,
      lines: p.lines.map(lineText),
    }));
  };
  /** The last page with a line that reads `text` (the contents page names chapters too). */
  const pageWith = (pages: { lines: string[] }[], text: string) =>
    pages.map((p, k) => (p.lines.includes(text) ? k : -1)).reduce((a, b) => Math.max(a, b), -1);

  it("chapter-end sets the notes after their chapter's text, with no rule at any page foot", async () => {
    const pages = await pagesOf('chapter-end');
    expect(pages.every((p) => p.rules === 0)).toBe(true);
    const note = pageWith(pages, '1. The first note.');
    expect(note).toBeGreaterThanOrEqual(0);
    expect(note).toBeLessThan(pageWith(pages, 'Two'));
  });

  it("book-end gathers them in a Notes section after the last chapter, under the chapter's title", async () => {
    const pages = await pagesOf('book-end');
    expect(pages.every((p) => p.rules === 0)).toBe(true);
    const notes = pageWith(pages, 'Notes');
    expect(notes).toBeGreaterThan(pageWith(pages, 'The second chapter.'));
    const after = pages.slice(notes).flatMap((p) => p.lines);
    expect(after).toEqual(expect.arrayContaining(['One', '1. The first note.', '2. The second note.']));
  });

  it('pages of notes carry running heads that say whose notes they are', async () => {
    const long = (n: number, what: string) => {
      const refs = Array.from({ length: n }, (_, k) => `A sentence about ${what}.[^${k + 1}]`).join(' ');
      const defs = Array.from({ length: n }, (_, k) => `[^${k + 1}]: Note ${k + 1} on ${what}.`).join('\n\n');
      return `${refs}\n\n${defs}\n`;
    };
    const headsOf = async (print: string) => {
      const dir = makeBook({
        'book.yaml': `title: "The Book"\nauthor: "A. Writer"\nlanguage: en\nnotes:\n  print: ${print}\n`,
        'manuscript/01.md': `# Chapter 1\n\n${long(100, 'the cellars')}`,
        'manuscript/02.md': `# Chapter 2\n\n${long(100, 'the roof')}`,
      });
      const { book, config } = loadBook(dir, {});
      const pages = (await renderPdf(book, printOptions(config))).laid.pages;
      return pages.map((p) => ({
        head: p.lines.filter((l) => l.role === 'head').map(lineText)[0],
        recto: p.recto,
        text: [...p.lines]
          .filter((l) => l.role !== 'head' && l.role !== 'folio')
          .sort((a, b) => a.y - b.y)
          .map(lineText),
      }));
    };
    const bookEnd = await headsOf('book-end');
    const notePages = bookEnd.filter((p) => p.text.some((t) => /^\d+\. Note \d+ on /.test(t)) && p.head);
    expect(notePages.length).toBeGreaterThan(2);
    for (const p of notePages) {
      // A page's head names the chapter whose notes stand at its top (a note, or the chapter's heading).
      const top = p.text[0];
      const whose = top.includes('cellars') || top === 'Chapter 1' ? 'Chapter 1' : 'Chapter 2';
      expect(p.head?.toLowerCase()).toBe(p.recto ? `notes to ${whose}`.toLowerCase() : 'notes');
    }
    expect(new Set(notePages.filter((p) => p.recto).map((p) => p.head?.toLowerCase()))).toEqual(
      new Set(['notes to chapter 1', 'notes to chapter 2']),
    );
    // At each chapter's end, the pages of its notes say so; the chapter's own pages keep the book's heads.
    const chapterEnd = await headsOf('chapter-end');
    const heads = new Set(chapterEnd.map((p) => p.head?.toLowerCase()).filter(Boolean));
    expect([...heads].sort()).toEqual(
      expect.arrayContaining(['a. writer', 'notes', 'notes to chapter 1', 'notes to chapter 2']),
    );
    for (const h of heads)
      expect(['the book', 'a. writer', 'notes', 'notes to chapter 1', 'notes to chapter 2']).toContain(h);
  });
});
