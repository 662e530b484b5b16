/**
 * Every change and finding at its exact place, after whatever the writer typed before it: a table of
 * constructs per reader. Each row plants a straight quote (the quotes rule changes it) and a doubled
 * word (the repeated-words check finds it) after the construct; the expected line and column are read
 * off the source text itself, as an editor shows them (1-based, UTF-16 code units).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkBook } from '../src/check/index.js';
import { loadBook } from '../src/pipeline.js';
import { ao3Html, type FakeChapter, type FakeWork } from './archive/ao3.js';
import { cleanup, makeBook, png } from './helpers/book.js';

afterAll(cleanup);

const QUOTE = '"hello,"';
/** A doubled word the check reports and the doubled-words rule leaves alone ("what it was was…" can be meant). */
const DOUBLED = 'was was';

/**
 * Line and column of the first `needle` after `after` in `text`, counted as an editor counts (CRLF is one line end).
 */
function placeOf(text: string, needle: string, after = 0): { line: number; column: number } {
  const at = text.indexOf(needle, after);
  if (at < 0) throw new Error(`${needle} is not in the row's text`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

interface Row {
  name: string;
  text: string;
  /** Where the planted quote is, when the text has several. */
  quoteAfter?: string;
}

const tail = `said ${QUOTE} and ${DOUBLED} end.`;
const two: FakeChapter = { heading: 'Chapter 2', body: '<p>The second chapter.</p>' };
const work: FakeWork = { title: 'Positions', authors: ['someone'], chapters: [{ body: '<p>One.</p>' }, two] };

const MARKDOWN: Row[] = [
  { name: 'an entity', text: `Tom &amp; Jerry ${tail}\n` },
  { name: 'a numeric character reference', text: `The caf&#233; owner ${tail}\n` },
  { name: 'a hexadecimal reference', text: `Wait&#x2014;the owner ${tail}\n` },
  { name: 'a named reference the parser knows', text: `I &hearts; Paris, she ${tail}\n` },
  { name: 'backslash escapes', text: `A \\*star\\* and a \\_line\\_ ${tail}\n` },
  { name: 'inline HTML', text: `A <span class="x">word</span> and <em>more</em> ${tail}\n` },
  { name: 'a link', text: `[Tom and Jerry](https://example.com/a_b?x=1) ${tail}\n` },
  { name: 'a link with an entity in its text', text: `[Tom &amp; Jerry](https://example.com/) ${tail}\n` },
  { name: 'a link whose address holds the words', text: `[x](https://example.com/the/the/said) ${tail}\n` },
  { name: 'a link with emphasis inside', text: `[*Tom* and **Jerry**](https://example.com/) ${tail}\n` },
  { name: 'an image', text: `![A "map" of it](assets/map.png) ${tail}\n` },
  { name: 'emphasis and strong', text: `*Tom* and **Jerry** and _Meg_ ${tail}\n` },
  { name: 'a code span', text: `The \`"code"\` word ${tail}\n`, quoteAfter: 'word' },
  { name: 'CRLF line ends', text: `First paragraph.\r\n\r\nTom &amp; Jerry ${tail}\r\n` },
  {
    name: 'front matter above the text',
    text: `---\ntitle: "A Title"\n---\n\nTom &amp; Jerry ${tail}\n`,
    quoteAfter: 'Jerry',
  },
  { name: 'a tab-indented paragraph', text: `\tTom and Jerry ${tail}\n` },
  { name: 'multi-byte characters', text: `Zoë 😀 and 𝒳 ${tail}\n` },
  { name: 'hard-wrapped lines', text: `Tom &amp; Jerry came in\nand then ${tail}\n` },
  { name: 'a block quote', text: `> Tom &amp; Jerry ${tail}\n` },
  { name: 'block HTML', text: `<p>Tom &amp; Jerry\n  ${tail}</p>\n` },
  { name: 'a heading before', text: `# The &amp; Title\n\nTom &amp; Jerry ${tail}\n` },
  { name: 'a note reference', text: `Tom[^1] &amp; Jerry ${tail}\n\n[^1]: A note.\n` },
  { name: 'text inside a note', text: `Tom and Jerry.[^1]\n\n[^1]: A note where Tom &amp; he ${tail}\n` },
  { name: "a note's second paragraph", text: `Tom.[^n]\n\n[^n]: First.\n\n    Then he ${tail}\n` },
  { name: 'text inside an inline note', text: `Tom^[A note: *he* ${tail}] and Jerry.\n` },
  { name: 'a table above', text: `| A | B |\n|---|---|\n| Tom &amp; Jerry | x |\n\nThen he ${tail}\n` },
  { name: 'text in a table cell', text: `| A | B |\n|---|---|\n| x | Tom &amp; he ${tail} |\n` },
  {
    name: 'a cell that repeats the one before',
    text: `| A | B |\n|---|---|\n| said | said ${QUOTE} and ${DOUBLED} |\n`,
    quoteAfter: '| said',
  },
  { name: 'an inline note before', text: `Tom^[A "short" note.] and he ${tail}\n`, quoteAfter: 'and he' },
];

const TEXT: Row[] = [
  { name: 'plain words', text: `Tom and Jerry ${tail}\n` },
  { name: 'an entity typed as text', text: `Tom &amp; Jerry ${tail}\n` },
  { name: 'CRLF line ends', text: `First paragraph.\r\n\r\nTom and Jerry ${tail}\r\n` },
  { name: 'a tab indent', text: `\tTom and Jerry ${tail}\n` },
  { name: 'multi-byte characters', text: `Zoë 😀 and 𝒳 ${tail}\n` },
  { name: 'hard-wrapped lines', text: `Tom and Jerry came in at last\nand then ${tail}\n` },
  { name: 'a mojibake repair before', text: `Tom donâ€™t know, ${tail}\n` },
];

const HTML: Row[] = [
  { name: 'an entity', text: `<html><body>\n<p>Tom &amp; Jerry ${tail}</p>\n</body></html>\n` },
  { name: 'numeric references', text: `<html><body>\n<p>The caf&#233; &#x2014; owner ${tail}</p>\n</body></html>\n` },
  {
    name: 'a line end inside a paragraph',
    text: `<html><body>\n<p>Tom and Jerry\n    came in and ${tail}</p>\n</body></html>\n`,
  },
  { name: 'emphasis', text: `<html><body>\n<p><em>Tom</em> &amp; <b>Jerry</b> ${tail}</p>\n</body></html>\n` },
  { name: 'a link', text: `<html><body>\n<p><a href="https://example.com/">Tom</a> ${tail}</p>\n</body></html>\n` },
];

/** Archive of Our Own downloads: the planted text in a chapter's body, in its notes, in the work's notes. */
const ARCHIVE: Row[] = [
  { name: "a chapter's text", text: ao3Html({ ...work, chapters: [{ body: `<p>Tom &amp; Jerry ${tail}</p>` }, two] }) },
  {
    name: "a chapter's notes",
    text: ao3Html({ ...work, chapters: [{ notes: `<p>Ta &amp; ta, I ${tail}</p>`, body: '<p>Story.</p>' }, two] }),
  },
  { name: "the work's notes", text: ao3Html({ ...work, notes: `<p>Caf&#233; &amp; ${tail}</p>` }) },
];

function expectPlaces(dir: string, file: string, row: Row) {
  const { diagnostics, book, sources, config } = loadBook(dir, {});
  const quote = diagnostics.changes.find((d) => d.rule === 'quotes' && d.file === file && /hello/.test(d.before ?? ''));
  const source = row.text.replace(/\r\n/g, '\n');
  const afterAt = row.quoteAfter ? source.indexOf(row.quoteAfter) : 0;
  expect(quote, `${row.name}: the quote change`).toBeDefined();
  expect({ line: quote!.start!.line, column: quote!.start!.column }, `${row.name}: the quote's place`).toEqual(
    placeOf(source, QUOTE, afterAt),
  );
  const report = checkBook(book, sources, { language: config.language, words: [], switches: {} });
  const doubled = report.findings.find((d) => d.rule === 'repeated-words' && d.file === file);
  expect(doubled, `${row.name}: the doubled word`).toBeDefined();
  expect({ line: doubled!.start!.line, column: doubled!.start!.column }, `${row.name}: the finding's place`).toEqual(
    placeOf(source, DOUBLED),
  );
}

describe('positions of changes and findings', () => {
  it.each(MARKDOWN)('in Markdown, after $name', (row) => {
    const dir = makeBook({
      'book.yaml': 'title: "T"\nauthor: "A"\n',
      'manuscript/01.md': row.text,
      'assets/map.png': png(40, 30),
    });
    expectPlaces(dir, 'manuscript/01.md', row);
  });

  it.each(TEXT)('in plain text, after $name', (row) => {
    const dir = makeBook({ 'book.yaml': 'title: "T"\nauthor: "A"\n', 'manuscript/01.txt': row.text });
    expectPlaces(dir, 'manuscript/01.txt', row);
  });

  it.each(ARCHIVE)('in an archive download, in $name', (row) => {
    const dir = makeBook({ 'work.html': row.text });
    expectPlaces(`${dir}/work.html`, 'work.html', row);
  });

  it.each(HTML)('in an HTML story, after $name', (row) => {
    const dir = makeBook({ 'story.html': row.text });
    expectPlaces(`${dir}/story.html`, 'story.html', row);
  });
});
