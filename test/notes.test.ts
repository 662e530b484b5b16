/**
 * Footnotes and endnotes from Markdown, as pandoc and GitHub write them: references after words and after
 * punctuation, definitions anywhere in the file, notes of several paragraphs, inline `^[…]` notes; a
 * linked pop-up note in the EPUB, and a warning for a reference without a note or a note without a reference.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadBook } from '../src/pipeline.js';
import { blockNotes } from '../src/model/book.js';
import { cleanup, compileEpub, decodeXml, epubcheck, makeBook, octavo, png, readEpub } from './helpers/book.js';

afterAll(cleanup);

const CHAPTER_ONE = [
  '# The Opera',
  '',
  'The house was built in 1875,[^built] and its cellars[^cellars] reach down to a lake.',
  '',
  'Erik had read of it^[In *Le Figaro*, which he took daily.] long before he saw it.',
  '',
  '[^built]: By Charles Garnier, after a competition of 1861.',
  '',
  '[^cellars]: Five floors of them.',
  '',
  '    The lake is a cistern, built to hold the ground water back.',
  '',
  'The cellars[^cellars] again, and the end.',
].join('\n');

const CHAPTER_TWO = ['# The Lake', '', 'She rowed across.[^1]', '', '[^1]: A note in the second chapter.'].join('\n');

/** The notes of a chapter document: each aside's id and text, and each reference's target and marker. */
function notesOf(xhtml: string) {
  const asides = [
    ...xhtml.matchAll(/<aside epub:type="footnote" role="doc-footnote" id="([^"]+)"[^>]*>(.*?)<\/aside>/gs),
  ];
  const refs = [
    ...xhtml.matchAll(/<a epub:type="noteref" role="doc-noteref"(?: id="([^"]+)")? href="#([^"]+)">([^<]+)<\/a>/g),
  ];
  return {
    notes: asides.map((m) => ({
      id: m[1],
      text: decodeXml(m[2].replace(/<[^>]+>/g, ''))
        .replace(/\s+/g, ' ')
        .trim(),
    })),
    refs: refs.map((m) => ({ id: m[1], href: m[2], marker: m[3] })),
  };
}

describe('Markdown notes', () => {
  it('become linked notes in the EPUB, each once, numbered per chapter, none left as markup', async () => {
    const dir = makeBook({ 'manuscript/01.md': CHAPTER_ONE, 'manuscript/02.md': CHAPTER_TWO });
    const { epub } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    const [one, two] = chapters.map((c) => notesOf(c.xhtml));
    expect(one.notes).toEqual([
      { id: 'note-1', text: '1. By Charles Garnier, after a competition of 1861.' },
      { id: 'note-2', text: '2. Five floors of them. The lake is a cistern, built to hold the ground water back.' },
      { id: 'note-3', text: '3. In Le Figaro, which he took daily.' },
    ]);
    // The second reference to the cellars' note shows its marker and links to it; the back-link goes to the first.
    expect(one.refs).toEqual([
      { id: 'ref-note-1', href: 'note-1', marker: '1' },
      { id: 'ref-note-2', href: 'note-2', marker: '2' },
      { id: 'ref-note-3', href: 'note-3', marker: '3' },
      { id: undefined, href: 'note-2', marker: '2' },
    ]);
    expect(two.notes).toEqual([{ id: 'note-4', text: '1. A note in the second chapter.' }]);
    const text = chapters.map((c) => c.paragraphs.join('\n')).join('\n');
    expect(text).not.toMatch(/\[\^|\^\[|\]:/);
    // The reference sits right after the comma it follows, with no space before it.
    expect(chapters[0].xhtml).toContain('1875,<sup><a epub:type="noteref"');
    expect(chapters[0].xhtml).toMatch(/<em>Le Figaro<\/em>/);
    const check = await epubcheck(epub);
    expect(check.messages).toEqual([]);
  });

  it('keep their kind and their place in the source', () => {
    const dir = makeBook({ 'manuscript/01.md': CHAPTER_ONE });
    const { book } = loadBook(dir, {});
    const notes = blockNotes(book.chapters[0].blocks);
    expect(notes.map((n) => [n.kind, n.pos.start.line, n.pos.start.column])).toEqual([
      ['footnote', 7, 1],
      ['footnote', 9, 1],
      ['footnote', 5, 20],
    ]);
    expect(notes[1].blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('warn, with the place, for a reference with no note and a note with no reference', () => {
    const dir = makeBook({
      'manuscript/01.md': 'It was true.[^gone] And so on.\n\n[^spare]: Nobody points here.\n',
    });
    const { diagnostics } = loadBook(dir, {});
    const warnings = diagnostics.warnings
      .filter((d) => d.rule.startsWith('note-'))
      .map((d) => [d.rule, d.start?.line, d.start?.column]);
    expect(warnings).toEqual([
      ['note-undefined', 1, 13],
      ['note-unused', 3, 1],
    ]);
  });
});

describe('notes: in book.yaml', () => {
  const yaml = (notes: string) => `title: "Notes"\nauthor: "Ada Writer"\nlanguage: en\nnotes:\n${notes}\n`;

  it('ebook: endnotes puts every note in a Notes section at the end, grouped by chapter, linked both ways', async () => {
    const dir = makeBook({
      'book.yaml': yaml('  ebook: endnotes'),
      'manuscript/01.md': CHAPTER_ONE,
      'manuscript/02.md': CHAPTER_TWO,
    });
    const { epub } = await compileEpub(dir);
    const { files, chapters, nav } = await readEpub(epub);
    const notes = [...files.entries()].find(([name]) => name.endsWith('notes.xhtml'))?.[1];
    expect(notes).toBeDefined();
    expect(notes).toContain('<section id="notes" epub:type="endnotes" role="doc-endnotes"');
    expect([...notes!.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['The Opera', 'The Lake']);
    expect(notes).toContain(
      '<li id="note-1" epub:type="endnote"><p><a href="ch-001.xhtml#ref-note-1" role="doc-backlink">1.</a>',
    );
    expect(notes).toContain('<a href="ch-002.xhtml#ref-note-4" role="doc-backlink">1.</a>');
    const one = chapters.find((c) => c.title === 'The Opera')!;
    expect(one.xhtml).not.toContain('<aside');
    expect(one.xhtml).toContain('id="ref-note-1" href="notes.xhtml#note-1">1</a>');
    expect(nav).toContain('notes.xhtml');
    expect((await epubcheck(epub)).messages).toEqual([]);
  });

  it.each([
    ['book', ['1', '2', '3'], ['4']],
    ['symbols', ['*', '†', '‡'], ['*']],
    ['chapter', ['1', '2', '3'], ['1']],
  ])('numbering: %s marks the notes %j, then %j in the next chapter', (numbering, first, second) => {
    const dir = makeBook({
      'book.yaml': yaml(`  numbering: ${numbering}`),
      'manuscript/01.md': CHAPTER_ONE,
      'manuscript/02.md': CHAPTER_TWO,
    });
    const { book } = loadBook(dir, {});
    const markers = book.chapters.map((c) => blockNotes(c.blocks).map((n) => n.marker));
    expect(markers).toEqual([first, second]);
  });

  it('keeps the short form for authors’ notes, and explains a wrong value with its fix', async () => {
    const short = makeBook({ 'book.yaml': 'title: "N"\nauthor: "A"\nnotes: keep\n', 'manuscript/01.md': 'Text.\n' });
    expect(loadBook(short, {}).config.notes).toBe('keep');
    const wrong = makeBook({ 'book.yaml': yaml('  print: bottom'), 'manuscript/01.md': 'Text.\n' });
    const run = await octavo(['compile', wrong]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('book.yaml:5:10');
    expect(run.stderr).toContain('"notes.print" has the wrong value');
    expect(run.stderr).toContain('Write print: foot (at the foot of the page), chapter-end or book-end.');
  });
});

describe('pictures in notes', () => {
  it('a picture in a note is put in the book like any other, and the EPUB stays valid', async () => {
    const dir = makeBook({
      'manuscript/01.md':
        '# One\n\nThe plan of the cellars.[^plan]\n\n[^plan]: Drawn by Garnier: ![the plan](assets/plan.png)\n',
      'assets/plan.png': png(40, 30),
    });
    const { epub } = await compileEpub(dir);
    const { files, chapters, opf } = await readEpub(epub);
    const aside = /<aside[^>]*epub:type="footnote"[\s\S]*?<\/aside>/.exec(chapters[0].xhtml)?.[0] ?? '';
    const src = /<img[^>]*src="([^"]+)"[^>]*alt="the plan"/.exec(aside)?.[1];
    expect(src).toBeDefined();
    expect(opf).toContain(`href="${src}"`);
    expect([...files.keys()].some((f) => f.endsWith(src!))).toBe(true);
    expect((await epubcheck(epub)).errors).toBe(0);
  });
});
