/** Chapters and paragraphs found in manuscripts as writers deliver them: one file, any heading form. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CP1252_HIGH } from '../../src/model/cp1252.js';
import { inlineRuns, plainText, type Book } from '../../src/model/book.js';
import { chapterLabel } from '../../src/structure/chapters.js';
import { chapterHeading, numberFromRoman, numberFromWords } from '../../src/parse/headings.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, compileEpub, CORPUS, hasCorpus, makeBook, readEpub } from '../helpers/book.js';

afterAll(cleanup);

describe('chapter headings', () => {
  it.each([
    ['Chapter 1', 'chapter', 1, ''],
    ['CHAPTER TWO', 'chapter', 2, ''],
    ['Chapter 3: The Title', 'chapter', 3, 'The Title'],
    ['Ch. 4 - Title', 'chapter', 4, 'Title'],
    ['Chapter Twenty-One', 'chapter', 21, ''],
    ['Chapter XIV', 'chapter', 14, ''],
    ['chapter 7. A Night at the Opera', 'chapter', 7, 'A Night at the Opera'],
    ['Chapter 12 — The Masked Ball', 'chapter', 12, 'The Masked Ball'],
    ['XIV', 'chapter', 14, ''],
    ['14.', 'chapter', 14, ''],
    ['Prologue', 'prologue', undefined, ''],
    ['Epilogue: After', 'epilogue', undefined, 'After'],
    ['INTERLUDE', 'interlude', undefined, ''],
    // Decorated, as archives and pastes decorate them.
    ['~ Chapter Nine ~', 'chapter', 9, ''],
    ['-= 9 =-', 'chapter', 9, ''],
    ['*** Chapter 9 ***', 'chapter', 9, ''],
    ['[Chapter 9]', 'chapter', 9, ''],
    ['~ Chapter Twenty-Five ~', 'chapter', 25, ''],
    // A number before a title (trusted in a sequence only).
    ['1. Prologue', 'chapter', 1, 'Prologue'],
    ['12. XI: Above the Trap-Doors', 'chapter', 12, 'XI: Above the Trap-Doors'],
    ['3 - The Return', 'chapter', 3, 'The Return'],
  ])('%s', (line, kind, number, title) => {
    const h = chapterHeading(line)!;
    expect(h).toBeDefined();
    expect([h.kind, h.number, h.title]).toEqual([kind, number, title]);
  });

  it.each([
    'Chapter and verse were quoted at him.',
    'Chapter one of my life began in Paris, long ago.',
    '"Chapter 1," she read aloud.',
    'The prologue was long.',
    'Chapterhouse',
    'IIII',
    '',
    '* * *',
    '-x-x-x-',
    '~*~*~',
    '-oOo-',
    '1. Buy milk.',
    '10 years later',
  ])('is not a heading: %s', (line) => {
    expect(chapterHeading(line)).toBeUndefined();
  });

  it('reads numbers in words and roman numerals strictly', () => {
    expect(['one', 'Twelve', 'twenty-one', 'Ninety nine', 'thirty'].map(numberFromWords)).toEqual([1, 12, 21, 99, 30]);
    expect(['ninety-ten', 'and'].map(numberFromWords)).toEqual([undefined, undefined]);
    expect(['I', 'IV', 'XIV', 'MCMXCIX', 'IL', 'VV'].map(numberFromRoman)).toEqual([
      1,
      4,
      14,
      1999,
      undefined,
      undefined,
    ]);
  });
});

/** Chapter titles (labels) and the words of every paragraph-like run, per chapter. */
function structure(book: Book) {
  return book.chapters.map((c) => ({
    label: chapterLabel(c),
    kind: c.kind,
    paragraphs: [...inlineRuns(c.blocks)].length,
    words:
      [...inlineRuns(c.blocks)]
        .map((r) => plainText(r))
        .join(' ')
        .toLowerCase()
        .match(/\p{L}+/gu) ?? [],
  }));
}

describe('one file holding a whole book', () => {
  it(
    'splits at chapter headings, keeps a line of dialogue that says "I", and numbers bare numerals only in ' +
      'sequence',
    () => {
      const text = [
        'Prologue',
        '',
        'It began.',
        '',
        'I',
        '',
        'She said it was her.',
        '',
        'I',
        '',
        '"I?"',
        '',
        'II',
        '',
        'The second.',
        '',
        'III',
        '',
        'The third.',
        '',
      ].join('\n');
      const { book } = loadBook(makeBook({ 'manuscript/book.txt': text }), {});
      expect(book.chapters.map((c) => [c.kind, chapterLabel(c)])).toEqual([
        ['prologue', 'Prologue'],
        ['chapter', 'Chapter 1'],
        ['chapter', 'Chapter 2'],
        ['chapter', 'Chapter 3'],
      ]);
      // The first "I" starts chapter 1; a second "I" after it breaks the sequence, so it is dialogue... and
      // it stays in the text with the quoted "I?".
      expect(book.chapters[1].blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type))).toEqual([
        'She said it was her.',
        'I',
        '“I?”',
      ]);
    },
  );

  it("reads a posted story's chapters in every form it mixes, its header and two-paragraph notes apart", () => {
    const text = [
      'The Masked Ball',
      'by operaghost1881',
      '',
      'Summary: Secrets and a lot of tea.',
      '',
      "DISCLAIMER: I don't own any of it.",
      '',
      '1. Prologue',
      '',
      'The prologue text, long enough to be a paragraph of the story and not a title of any kind.',
      '',
      '2',
      '',
      'Disclaimer: See chapter one.',
      '',
      'The second chapter begins here, with a sentence of the story.',
      '',
      'Chapter 3: The New Margarita',
      '',
      "Author's Note: Thank you so much for all the reviews on chapter 2, you guys are the best!",
      '',
      'Thanks again to my beta for betaing!',
      '',
      'The third chapter, and the story goes on from where it stopped.',
      '',
      'Chapter 4',
      'Box Five',
      '',
      'The fourth chapter.',
      '',
      '~ Chapter Five ~',
      '',
      'The fifth chapter.',
      '',
      '6. The Enchanted Violin',
      '',
      'The sixth chapter, with a list in it:',
      '',
      '1. The first thing',
      '',
      '2. The second thing',
      '',
      'CHAPTER SEVEN',
      '',
      'The seventh chapter.',
      '',
      '(A/N: Big thanks to my beta for fixing my commas in chapter 7!)',
    ].join('\n');
    const { book } = loadBook(makeBook({ 'manuscript/story.txt': text }), {});
    expect(book.chapters.map((c) => [c.number, chapterLabel(c)])).toEqual([
      [1, 'Prologue'],
      [2, 'Chapter 2'],
      [3, 'The New Margarita'],
      [4, 'Box Five'],
      [5, 'Chapter 5'],
      [6, 'The Enchanted Violin'],
      [7, 'Chapter 7'],
    ]);
    const story = (k: number) =>
      book.chapters[k].blocks
        .filter((b) => b.type !== 'note')
        .map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type));
    const notes = (k: number) =>
      book.chapters[k].blocks.flatMap((b) =>
        b.type === 'note'
          ? [[b.role, b.children.map((c) => (c.type === 'paragraph' ? plainText(c.children) : c.type))]]
          : [],
      );
    // The header is a note at the first chapter, not a chapter of its own.
    expect(notes(0)).toEqual([
      [
        'story-header',
        [
          // Its title and byline: two lines of one paragraph.
          'The Masked Ball\nby operaghost1881',
          'Summary: Secrets and a lot of tea.',
          'DISCLAIMER: I don’t own any of it.',
        ],
      ],
    ]);
    expect(story(0)).toEqual([
      'The prologue text, long enough to be a paragraph of the story and not a title of any kind.',
    ]);
    expect(story(2)).toEqual(['The third chapter, and the story goes on from where it stopped.']);
    expect(notes(2)).toEqual([
      [
        'author-note',
        [
          'Author’s Note: Thank you so much for all the reviews on chapter 2, you guys are the best!',
          'Thanks again to my beta for betaing!',
        ],
      ],
    ]);
    // A numbered list inside a chapter stays text.
    expect(story(5)).toEqual(['The sixth chapter, with a list in it:', '1. The first thing', '2. The second thing']);
    expect(notes(6).map(([role]) => role)).toEqual(['author-note']);
  });

  it('reads a heading through mojibake, and a numbered title opening a plain-text chapter file', () => {
    const { book } = loadBook(
      makeBook({
        'manuscript/01.txt': 'Chapter 1 \u00e2\u20ac\u201c The Arrival\n\nOne.\n',
        'manuscript/02.txt': 'IV: Box Five\n\nTwo.\n',
        'manuscript/03.txt': 'It was late.\n\nThree.\n',
      }),
      {},
    );
    expect(book.chapters.map((c) => chapterLabel(c))).toEqual(['The Arrival', 'IV: Box Five', 'Chapter 3']);
    expect(book.chapters[2].blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type))).toEqual([
      'It was late.',
      'Three.',
    ]);
  });

  it('takes "Chapter 3: The Title" as chapter 3 titled "The Title", and a Markdown file split at its # headings', () => {
    const { book } = loadBook(
      makeBook({
        'manuscript/book.md': '# The Arrival\n\nOne.\n\n# The Storm\n\nTwo.\n\n## A scene heading\n\nStill two.\n',
      }),
      {},
    );
    expect(book.chapters.map((c) => chapterLabel(c))).toEqual(['The Arrival', 'The Storm']);
    const txt = loadBook(
      makeBook({ 'manuscript/book.txt': 'Chapter 1: The Arrival\n\nOne.\n\nChapter 2 - The Storm\n\nTwo.\n' }),
      {},
    ).book;
    expect(txt.chapters.map((c) => [c.number, chapterLabel(c)])).toEqual([
      [1, 'The Arrival'],
      [2, 'The Storm'],
    ]);
  });

  describe.skipIf(!hasCorpus)('the Phantom corpus delivered as one text file', () => {
    const FORMS = [
      (n: number, title: string) => `Chapter ${n}: ${title}`,
      (n: number) =>
        `CHAPTER ${['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE', 'THIRTEEN', 'FOURTEEN', 'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN', 'TWENTY', 'TWENTY-ONE', 'TWENTY-TWO', 'TWENTY-THREE', 'TWENTY-FOUR', 'TWENTY-FIVE', 'TWENTY-SIX', 'TWENTY-SEVEN'][n]}`,
      (n: number, title: string) => `Ch. ${n} - ${title}`,
      (n: number) =>
        `Chapter ${['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII', 'XXIII', 'XXIV', 'XXV', 'XXVI', 'XXVII'][n]}`,
    ];
    /** The corpus's chapters as one text: a heading line in one of the forms, then the chapter's paragraphs. */
    const originalBook = hasCorpus ? loadBook(CORPUS, {}).book : undefined;
    /** A paragraph hard-wrapped at 72 characters, as plain-text archives deliver it. */
    const wrap = (p: string) => p.replace(/(.{1,72})(?: +|$)/g, '$1\n').trimEnd();
    function oneText(separator: string, shape: (p: string) => string = (p) => p): { text: string; titles: string[] } {
      const dir = path.join(CORPUS, 'manuscript');
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort();
      const titles: string[] = [];
      const parts = files.map((f, k) => {
        const raw = fs.readFileSync(path.join(dir, f), 'utf8');
        // The title as the book shows it (its roman numeral off): "I: Is It the Ghost?" → "Is It the Ghost?".
        const title = chapterLabel(originalBook!.chapters[k]).replace(/^[IVXL]+: /, '');
        const body = raw
          .replace(/^---[\s\S]*?---\n/, '')
          .trim()
          .split(/\n\s*\n/)
          .map((p) => shape(p.replace(/\n/g, ' ')))
          .join(separator);
        const special = /prologue|epilogue/.exec(f)?.[0];
        const heading = special ? special[0].toUpperCase() + special.slice(1) : FORMS[k % FORMS.length](k, title);
        titles.push(special ? heading : heading.includes(title) ? title : `Chapter ${k}`);
        return `${heading}${separator}${body}`;
      });
      return { text: `${parts.join(separator)}\n`, titles };
    }
    const windows1252 = (s: string) =>
      Buffer.from(
        [...s.replace(/⸺/g, '——')].map((ch) => {
          const c = ch.charCodeAt(0);
          return c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : 0x80 + CP1252_HIGH.indexOf(ch);
        }),
      );

    it('finds the same chapters and paragraphs in every delivery form', () => {
      const original = structure(originalBook!);
      const forms: [string, string | Buffer][] = [
        ['blank-line paragraphs', oneText('\n\n').text],
        ['single-newline paragraphs (a Word paste)', oneText('\n').text],
        ['CRLF and Windows-1252', windows1252(oneText('\r\n\r\n').text)],
        ['hard-wrapped, blank lines between paragraphs', oneText('\n\n', wrap).text],
        ['hard-wrapped, paragraphs indented', oneText('\n', (p) => `    ${wrap(p)}`).text],
      ];
      const { titles } = oneText('\n\n');
      for (const [name, content] of forms) {
        const found = structure(
          loadBook(makeBook({ 'book.yaml': 'title: "Phantom"\nlanguage: en\n', 'manuscript/phantom.txt': content }), {})
            .book,
        );
        expect(found.length, name).toBe(original.length);
        expect(
          found.map((c) => c.label),
          name,
        ).toEqual(titles);
        expect(
          found.map((c) => c.kind),
          name,
        ).toEqual(original.map((c) => c.kind));
        expect(
          found.map((c) => c.paragraphs),
          name,
        ).toEqual(original.map((c) => c.paragraphs));
        // Every word is there (the Markdown marks, like * for emphasis, stay as typed in a .txt).
        expect(
          found.map((c) => c.words.join(' ')),
          name,
        ).toEqual(original.map((c) => c.words.join(' ')));
      }
    }, 120_000);
  });
});

describe('chapter headings as book.yaml asks', () => {
  it.each([
    ['title', ['Prologue', 'The Arrival', 'Chapter 2'], 'The Arrival'],
    ['number', ['Prologue', 'Chapter 1', 'Chapter 2'], 'Chapter 1'],
    ['both', ['Prologue', 'Chapter 1: The Arrival', 'Chapter 2'], 'Chapter 1<br />The Arrival'],
  ])('chapterHeadings: %s', async (style, labels, heading) => {
    const dir = makeBook({
      'book.yaml': `title: "T"\nauthor: "A"\nlanguage: en\nchapterHeadings: ${style}\n`,
      'manuscript/book.txt': 'Prologue\n\nIt began.\n\nChapter 1: The Arrival\n\nOne.\n\nChapter 2\n\nTwo.\n',
    });
    const { epub } = await compileEpub(dir);
    const { nav, chapters } = await readEpub(epub);
    expect([...nav.matchAll(/<a href="ch-\d+\.xhtml">([^<]*)<\/a>/g)].map((m) => m[1])).toEqual(labels);
    expect(chapters[1].xhtml).toContain(`<h1 id="ch-002-title">${heading}</h1>`);
  });
});
