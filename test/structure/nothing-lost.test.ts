/**
 * Nothing lost: every word of the manuscript is in the book, or in the report of what Octavo dropped or
 * changed. Words are compared folded to ASCII (accents off, lower case, punctuation and Markdown marks
 * gone), as a reader would count them: the book is read back from the EPUB the user gets, and the report
 * is the `--json` one the user can read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { CP1252_HIGH } from '../../src/model/cp1252.js';
import { CORPUS, cleanup, decodeXml, hasCorpus, makeBook, octavo, readEpub, tempDir } from '../helpers/book.js';

afterAll(cleanup);

/** Words folded to ASCII: "Jérôme’s café—naïve" → ["jerome", "s", "cafe", "naive"]. */
function fold(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Lines that are only a scene-break marker are markup, like `*` for emphasis: the book shows an ornament. */
const SCENE_BREAK_LINE = /^[ \t]*(?:\*[ *]*|#|~{3,}|-{3,}|_{3,}|oOo|xXx|o0o|§|…|\.\s?\.\s?\.)[ \t]*$/gim;

/** A manuscript file's words, front matter aside (its title is the chapter's heading, compared apart). */
function manuscriptWords(text: string): string[] {
  return fold(matter(text).content.replace(SCENE_BREAK_LINE, ''));
}

/** What a reader sees of a chapter below its heading: its text, with ordered lists' numbers in front of their items. */
function visibleWords(xhtml: string): string[] {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(xhtml)![1].replace(/<h1[^>]*>[\s\S]*?<\/h1>/, '');
  const numbered = body.replace(
    /<ol(?: start="(\d+)")?>([\s\S]*?)<\/ol>/g,
    (_all, start: string | undefined, items: string) => {
      let n = Number(start ?? 1);
      return items.replace(/<li(?: value="(\d+)")?>/g, (_m, value: string | undefined) => {
        if (value) n = Number(value);
        return `<li>${n++}. `;
      });
    },
  );
  return fold(decodeXml(numbered.replace(/<[^>]+>/g, ' ')));
}

function counts(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

interface Reported {
  rule: string;
  file: string | null;
  before?: string;
  after?: string;
}

/** Compiles a book folder to an EPUB and returns its chapters' words and the report's changes. */
async function compileAndRead(dir: string): Promise<{ book: string[]; titles: string[]; changes: Reported[] }> {
  const out = tempDir('octavo-out-');
  const run = await octavo(['compile', dir, '--out', out, '--format', 'epub', '--json']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as { diagnostics: Reported[] };
  const epub = new Uint8Array(fs.readFileSync(path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.epub'))!)));
  const { chapters } = await readEpub(epub);
  expect(chapters.length).toBeGreaterThan(0);
  return {
    book: chapters.flatMap((c) => visibleWords(c.xhtml)),
    titles: chapters.map((c) => c.title),
    changes: report.diagnostics.filter((d) => d.before !== undefined),
  };
}

/** The manuscript's words, with every reported change applied to the count: what the book must hold. */
function expectedCounts(manuscript: string[], changes: Reported[]): Map<string, number> {
  const expected = counts(manuscript);
  for (const c of changes) {
    for (const w of fold(c.before!)) expected.set(w, (expected.get(w) ?? 0) - 1);
    for (const w of fold(c.after!)) expected.set(w, (expected.get(w) ?? 0) + 1);
  }
  for (const [w, n] of expected) if (n === 0) expected.delete(w);
  return expected;
}

describe('nothing lost', () => {
  it('a fan-fiction chapter pasted from Word and an archive: every dropped or changed word is in the report', async () => {
    const chapter = [
      '---',
      'title: "The Letter"',
      '---',
      '',
      "Disclaimer: I don't own the Phantom of the Opera, Gaston Leroux does.",
      '',
      "**A/N:** Thanks for 200 kudos! This one's for *you*.",
      '',
      'Christine read the letter by the window. Her immanent departure weighed on her, and the cafÃ© below was ' +
        'already closed.',
      '',
      'oOo',
      '',
      "A/N: Raoul's list is from the 1881 edition.",
      '',
      'Raoul wrote down what he knew:',
      '',
      '1825. Mlle. Daaé is born.',
      '1832. Her father dies.',
      '',
      '> The Angel of Music will visit you. — Erik',
      '',
      'She folded the letter twice, donâ€™t ask why, and went down to the cellars.',
      '',
      'Please review, it means the world to me!',
      '',
    ].join('\n');
    // A second file as Word saves it on Windows: Windows-1252, CRLF, a paragraph on each line.
    const reply =
      'Raoul waited in the rain. It was \x93cold\x94, he said\x85\r\nChristine did not come.\r\n\r\n* * *\r\n\r\nAt ' +
      'dawn the Op\xe9ra was silent.\r\n';
    const replyBytes = Buffer.from([...reply].map((ch) => ch.charCodeAt(0)));
    for (const policy of ['end-of-chapter', 'keep', 'drop']) {
      const dir = makeBook({
        'book.yaml': `title: "Letters"\nauthor: "A. Fan"\nlanguage: en\nnotes: ${policy}\n`,
        'manuscript/01-the-letter.md': chapter,
        'manuscript/02-the-reply.txt': replyBytes,
      });
      const replyText = [...reply]
        .map((ch) => (ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) < 0xa0 ? CP1252_HIGH[ch.charCodeAt(0) - 0x80] : ch))
        .join('');
      const manuscript = [...manuscriptWords(chapter), ...manuscriptWords(replyText)];
      const { book, titles, changes } = await compileAndRead(dir);
      expect(titles).toEqual(['The Letter', 'Chapter 2']);
      expect(counts(book), policy).toEqual(expectedCounts(manuscript, changes));
      // What the report accounts for: the correction, the two mojibake repairs, and (dropped) the four notes.
      const accounted = changes
        .filter((c) => fold(c.before!).join(' ') !== fold(c.after!).join(' '))
        .map((c) => c.rule);
      expect(accounted.sort(), policy).toEqual(
        policy === 'drop'
          ? ['corrections', 'mojibake', 'mojibake', 'notes', 'notes', 'notes', 'notes']
          : ['corrections', 'mojibake', 'mojibake'],
      );
    }
  }, 60_000);

  it('a single file with a header block: the header is the title page, and its words are in the report', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'masquerade.txt');
    const text =
      'Masquerade\nby A. Fan\nRating: T\nSummary: Paper faces on parade.\n\nThe ballroom glittered.\n\nErik came as ' +
      'the Red Death.\n';
    fs.writeFileSync(file, text);
    const { book, titles, changes } = await compileAndRead(file);
    // The header's title is the book's (its title page); the one chapter has none of its own.
    expect(titles).toEqual(['Chapter 1']);
    expect(counts(book)).toEqual(expectedCounts(fold(text), changes));
    expect(changes.map((c) => c.rule)).toContain('single-file');
  });

  describe.skipIf(!hasCorpus)('the Phantom corpus (Markdown, 28 files)', () => {
    it('keeps every word in order', async () => {
      const dir = path.join(CORPUS, 'manuscript');
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort();
      const sources = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      const manuscript = sources.flatMap(manuscriptWords);
      const { book, titles, changes } = await compileAndRead(CORPUS);
      expect(titles.map(fold)).toEqual(sources.map((s) => fold(matter(s).data.title)));
      expect(manuscript.length).toBeGreaterThan(80_000);
      // Typography changes quotes, dashes and ellipses; no word.
      expect(changes.filter((c) => fold(c.before!).join(' ') !== fold(c.after!).join(' '))).toEqual([]);
      expect(book.length).toBe(manuscript.length);
      const firstDifference = book.findIndex((w, i) => w !== manuscript[i]);
      expect(
        firstDifference,
        `first difference: ${manuscript.slice(firstDifference - 5, firstDifference + 5).join(' ')} / ` +
          `${book.slice(firstDifference - 5, firstDifference + 5).join(' ')}`,
      ).toBe(-1);
    }, 60_000);
  });
});
