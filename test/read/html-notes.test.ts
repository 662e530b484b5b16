/**
 * Notes in HTML and EPUB sources, as the programs that write them mark them up (copied from their output:
 * pandoc 2.17's HTML5 and EPUB 3, an EPUB 3 aside as Sigil and Standard Ebooks write it, Word's "Save as
 * Web Page", Google Docs' "Download → Web page", and a calibre conversion where only the links are left),
 * and links that are not notes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, epubcheck, octavo, readEpub, tempDir } from '../helpers/book.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { plainText, type Block, type Inline, type Note } from '../../src/model/book.js';
import { LineIndex } from '../../src/model/position.js';
import { htmlToBlocks } from '../../src/parse/html.js';

function read(html: string) {
  const diagnostics = new Diagnostics();
  const blocks = htmlToBlocks(html, { file: 'in.html', lines: new LineIndex(html), base: 0, diagnostics });
  const notes: { note: Note; again: boolean }[] = [];
  const walk = (inlines: Inline[]) => {
    for (const n of inlines) {
      if (n.type === 'noteRef') notes.push({ note: n.note, again: n.again === true });
      else if ('children' in n) walk(n.children);
    }
  };
  const visit = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'paragraph' || b.type === 'heading') walk(b.children);
      else if (b.type === 'blockQuote' || b.type === 'note') visit(b.children);
      else if (b.type === 'list') for (const item of b.items) visit(item);
    }
  };
  visit(blocks);
  const text = (bs: Block[]) =>
    bs.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? plainText(b.children) : `<${b.type}>`));
  return {
    /** The running text, paragraph by paragraph (a reference shows as nothing). */
    body: text(blocks),
    notes: notes.filter((n) => !n.again).map((n) => ({ kind: n.note.kind, text: text(n.note.blocks) })),
    again: notes.filter((n) => n.again).length,
  };
}

const CASES: { name: string; html: string; body: string[]; notes: { kind: string; text: string[] }[] }[] = [
  {
    name: 'pandoc HTML5 (section.footnotes, doc-noteref, back-links)',
    html: `<p>He went down.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> Up.<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<section class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr />
<ol>
<li id="fn1" role="doc-endnote"><p>The first note, <em>italic</em>.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2" role="doc-endnote"><p>Second note.</p>
<p>Its second paragraph.<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol>
</section>`,
    body: ['He went down. Up.'],
    notes: [
      { kind: 'endnote', text: ['The first note, italic.'] },
      { kind: 'endnote', text: ['Second note.', 'Its second paragraph.'] },
    ],
  },
  {
    name: 'pandoc EPUB 3 chapter (epub:type noteref and footnote)',
    html: `<section id="chapter-two" class="level1"><h1>Chapter Two</h1>
<p>A second chapter with a note.<a href="#fn1" class="footnote-ref" id="fnref1" epub:type="noteref">1</a></p>
</section>
<section class="footnotes footnotes-end-of-document" epub:type="footnotes">
<hr />
<ol>
<li id="fn1" epub:type="footnote"><p>Third note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol>
</section>`,
    body: ['Chapter Two', 'A second chapter with a note.'],
    notes: [{ kind: 'footnote', text: ['Third note.'] }],
  },
  {
    name: 'EPUB 3 aside after the paragraph (Sigil, Standard Ebooks)',
    html: `<p>The box was let.<a href="#note-1" id="noteref-1" epub:type="noteref">1</a></p>
<aside id="note-1" epub:type="endnote" role="doc-endnote"><p>Box five, on the grand tier. <a href="#noteref-1" epub:type="backlink" role="doc-backlink">↩</a></p></aside>
<p>The text goes on.</p>`,
    body: ['The box was let.', 'The text goes on.'],
    notes: [{ kind: 'endnote', text: ['Box five, on the grand tier.'] }],
  },
  {
    name: 'Word "Save as Web Page" (_ftn1, mso-element: footnote)',
    html: `<p class=MsoNormal>And Word style.<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![endif]><span class=MsoFootnoteReference><span style='font-size:12.0pt'>[1]</span></span></span></span></a> The end.</p>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>
<hr align=left size=1 width="33%">
<![endif]>
<div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![endif]><span class=MsoFootnoteReference><span style='font-size:10.0pt'>[1]</span></span></span></span></a> A Word note.</p>
</div>
</div>`,
    body: ['And Word style. The end.'],
    notes: [{ kind: 'footnote', text: ['A Word note.'] }],
  },
  {
    name: 'Google Docs "Download → Web page" (ftnt1, ftnt_ref1)',
    html: `<p class="c2"><span class="c0">Google style here.</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span class="c0">&nbsp;And on.</span></p>
<hr class="c5"><div><p class="c3"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c1">&nbsp;A Google note.</span></p><p class="c3"><span class="c1">Its second paragraph.</span></p></div>`,
    body: ['Google style here. And on.'],
    notes: [{ kind: 'footnote', text: ['A Google note.', 'Its second paragraph.'] }],
  },
  {
    name: 'a calibre conversion: a raised number linking to a later paragraph that links back',
    html: `<p class="calibre1">The chandelier fell.<sup class="calibre3"><a href="index_split_003.html#fn7" id="ref7" class="calibre4">7</a></sup></p>
<p class="calibre1">More story.</p>
<p class="calibre5" id="fn7"><a href="index_split_001.html#ref7" class="calibre4">7</a>. It weighed seven tons.</p>`,
    body: ['The chandelier fell.', 'More story.'],
    notes: [{ kind: 'footnote', text: ['It weighed seven tons.'] }],
  },
];

afterAll(cleanup);

describe('notes in HTML and EPUB sources', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = read(c.html);
      expect(got.body).toEqual(c.body);
      expect(got.notes).toEqual(c.notes);
    });
  }

  it('a note referred to twice is one note, the second a reference again', () => {
    const got = read(`<p>One.<a href="#fn1" role="doc-noteref">1</a> Two.<a href="#fn1" role="doc-noteref">1</a></p>
<aside id="fn1" epub:type="footnote"><p>The note.</p></aside>`);
    expect(got.notes).toEqual([{ kind: 'footnote', text: ['The note.'] }]);
    expect(got.again).toBe(1);
  });

  it('leaves links that are not notes in the text: a contents list, a raised number, a link to a chapter', () => {
    const got = read(`<p><a href="#c2">2</a> The contents entry.</p>
<p>Two<sup>2</sup> squared, and <a href="#c2">the next chapter</a>.</p>
<p><sup><a href="#c2">3</a></sup> A raised link with no way back.</p>
<h2 id="c2">Chapter 2</h2><div id="d"><p>Text.</p></div>`);
    expect(got.notes).toEqual([]);
    expect(got.body).toEqual([
      '2 The contents entry.',
      'Two2 squared, and the next chapter.',
      '3 A raised link with no way back.',
      'Chapter 2',
      'Text.',
    ]);
  });

  it('a story saved as HTML with notes builds an EPUB with linked notes, none left in the text', async () => {
    const dir = tempDir('octavo-html-notes-');
    const file = path.join(dir, 'story.html');
    fs.writeFileSync(
      file,
      `<!DOCTYPE html><html><head><title>Notes</title></head><body>\n<h1>One</h1>\n${CASES[0].html}\n</body></html>\n`,
    );
    const out = tempDir('octavo-out-');
    const run = await octavo(['compile', file, '--out', out, '--format', 'epub']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const bytes = fs.readFileSync(path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.epub'))!));
    const { chapters } = await readEpub(bytes);
    const xhtml = chapters.map((c) => c.xhtml).join('');
    expect(xhtml.match(/epub:type="noteref"/g)).toHaveLength(2);
    expect(xhtml.match(/<aside epub:type="(?:foot|end)note"/g)).toHaveLength(2);
    expect(xhtml).not.toContain('↩');
    expect(chapters.flatMap((c) => c.paragraphs)).toContain('He went down.1 Up.2');
    expect((await epubcheck(bytes)).errors).toBe(0);
  });
});
