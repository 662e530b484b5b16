/**
 * Word manuscripts, as Word, Google Docs and LibreOffice write them: chapters and titles from styles (by
 * their built-in names, whatever the ids), from headings made by hand and from a chapter's number and title
 * on two lines; the title page; inline formatting merged across run splits; tracked changes and comments;
 * footnotes; scene breaks; and packages that are not what they claim.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { blockNotes, plainText, type Block } from '../../src/model/book.js';
import { loadBook } from '../../src/pipeline.js';
import { printOptions, renderPdf } from '../../src/pdf/index.js';
import { cleanup, compileEpub, epubcheck, makeBook, octavo, png, readEpub } from '../helpers/book.js';
import {
  bold,
  centred,
  docx,
  footnotesXml,
  italic,
  pageBreak,
  para,
  prose,
  run,
  size,
  style,
  stylesXml,
  imageRel,
  picture,
  table,
  tc,
} from '../helpers/docx.js';

afterAll(cleanup);

const YAML = 'title: "The Novel"\nauthor: "A. Writer"\nlanguage: en\ndate: 2026\n';
const book = (bytes: Uint8Array, yaml = YAML) => makeBook({ 'book.yaml': yaml, 'manuscript/novel.docx': bytes });
const titles = (dir: string) => loadBook(dir, {}).book.chapters.map((c) => [c.kind, plainText(c.title)]);
const texts = (blocks: Block[]) => blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type));

const titlePage = para(run('The Novel'), style('Title') + centred) + para('by A. Writer', centred) + pageBreak;
const chapterText = (n: number) =>
  prose(`It was the ${n}th morning, and the rain had not stopped.`, 'She went out all the same.');

describe('a Word manuscript', () => {
  it('is split at its Heading 1 chapters, its title page set apart, and builds a valid EPUB', async () => {
    const body =
      titlePage +
      para('Chapter One: The Arrival', style('Heading1')) +
      para([run('“It is '), run('late', italic), run(',” she said. It was '), run('very', italic), run(' late.')]) +
      pageBreak +
      para('Chapter Two: The Storm', style('Heading1')) +
      chapterText(2);
    const dir = book(docx({ body }));
    const { book: b, diagnostics } = loadBook(dir, {});
    expect(b.chapters.map((c) => plainText(c.title))).toEqual(['The Arrival', 'The Storm']);
    // The italics of one word split over runs are one emphasis; the typed curly quotes are kept.
    const first = b.chapters[0].blocks[0] as Extract<Block, { type: 'paragraph' }>;
    expect(first.children.map((n) => n.type)).toEqual(['text', 'emphasis', 'text', 'emphasis', 'text']);
    expect(plainText(first.children)).toBe('“It is late,” she said. It was very late.');
    // The title page is reported, its text whole, and is in no chapter.
    const page = diagnostics.items.find((d) => d.rule === 'docx-title-page');
    expect(page?.before).toBe('The Novel\nby A. Writer');
    expect(b.chapters.flatMap((c) => texts(c.blocks))).not.toContain('by A. Writer');
    const { epub } = await compileEpub(dir);
    expect(await epubcheck(epub)).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('knows headings by their built-in names in a localised Word, and styles based on them', () => {
    const german = stylesXml(
      { 'heading 1': 'berschrift1', 'heading 2': 'berschrift2', title: 'Titel' },
      '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Kapitel"><w:name w:val="Kapitel"/>' +
        '<w:basedOn w:val="berschrift1"/></w:style>',
    );
    const body =
      para('Der Roman', style('Titel')) +
      pageBreak +
      para('Die Ankunft', style('berschrift1')) +
      chapterText(1) +
      para('Der Sturm', style('Kapitel')) +
      chapterText(2) +
      para('Das Ende', '<w:outlineLvl w:val="0"/>') +
      chapterText(3);
    expect(titles(book(docx({ body, styles: german })))).toEqual([
      ['chapter', 'Die Ankunft'],
      ['chapter', 'Der Sturm'],
      ['chapter', 'Das Ende'],
    ]);
  });

  it('finds headings made by hand: bold, centred or larger after a page break, on one line or two', () => {
    const hand = (text: string) => para(run(text, bold + size(32)), centred);
    const body =
      para(run('About 80,000 words', size(24)), '<w:jc w:val="right"/>') +
      para(run('The Novel', bold + size(40)), centred) +
      para('By A. Writer', centred) +
      pageBreak +
      // "CHAPTER ONE", a soft line break, then the title, in one paragraph.
      para([run('CHAPTER ONE', bold + size(28)), '<w:r><w:br/></w:r>', run('The Arrival', bold + size(28))], centred) +
      chapterText(1) +
      pageBreak +
      // The number and the title as two paragraphs; the title ends with "!".
      hand('Chapter Two') +
      para(run('Run, Meg, Run!', bold), centred) +
      chapterText(2) +
      pageBreak +
      hand('The Last Night') +
      chapterText(3);
    const dir = book(docx({ body }));
    expect(titles(dir)).toEqual([
      ['chapter', 'The Arrival'],
      ['chapter', 'Run, Meg, Run!'],
      ['chapter', 'The Last Night'],
    ]);
    const words = loadBook(dir, {}).book.chapters.flatMap((c) => texts(c.blocks));
    for (const line of ['About 80,000 words', 'The Novel', 'By A. Writer']) expect(words).not.toContain(line);
  });

  it('reads a Google Docs download: Heading 2 over Heading 3, suggestions accepted, the comment left out', () => {
    const body =
      para('The Novel', style('Title')) +
      para('Chapter One', style('Heading2') + '<w:pageBreakBefore/>') +
      para('Prologue', style('Heading3')) +
      para([
        run('She left '),
        '<w:del w:id="1" w:author="Ellen" w:date="2023-01-12T17:45:00Z"><w:r><w:delText>right away</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="Ellen" w:date="2023-01-12T17:45:00Z">' + run('at once') + '</w:ins>',
        '<w:commentRangeStart w:id="0"/>',
        run(' and did not look back.'),
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
      ]) +
      para('Chapter Two', style('Heading2') + '<w:pageBreakBefore/>') +
      para('The Storm', style('Heading3')) +
      chapterText(2);
    const dir = book(
      docx({
        body,
        entries: {
          'word/comments.xml':
            '<w:comments><w:comment w:id="0"><w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment></w:comments>',
        },
      }),
    );
    const { book: b, diagnostics } = loadBook(dir, {});
    // "Chapter One", titled "Prologue": the writer numbered it, so it is chapter 1.
    expect(b.chapters.map((c) => [c.kind, plainText(c.title)])).toEqual([
      ['chapter', 'Prologue'],
      ['chapter', 'The Storm'],
    ]);
    expect(texts(b.chapters[0].blocks)).toEqual(['She left at once and did not look back.']);
    const revisions = diagnostics.items.find((d) => d.rule === 'docx-revisions');
    expect(revisions?.message).toContain('1 insertion, 1 deletion');
    expect(revisions?.start?.line).toBe(4);
    expect(diagnostics.items.find((d) => d.rule === 'docx-comments')?.message).toContain('1 comment');
    // Rejected on request: the text as it was before the suggestions.
    const rejected = loadBook(book(docx({ body }), `${YAML}revisions: reject\n`), {}).book;
    expect(texts(rejected.chapters[0].blocks)).toEqual(['She left right away and did not look back.']);
  });

  it('makes footnotes notes at their reference: a linked pop-up note in the EPUB, never inline text', async () => {
    const body =
      para('Chapter One', style('Heading1')) +
      para([
        run('They saw '),
        run('Faust', italic),
        run('.'),
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
        run(' Then they went home.'),
      ]) +
      para('Chapter Two', style('Heading1')) +
      chapterText(2);
    const dir = book(docx({ body, footnotes: ["Gounod's opera of 1859."] }));
    const { epub } = await compileEpub(dir);
    expect(await epubcheck(epub)).toMatchObject({ errors: 0, warnings: 0 });
    const { files } = await readEpub(epub);
    const chapter = [...files].find(([name]) => name.endsWith('ch-001.xhtml'))![1];
    expect(chapter).toContain(
      '.<sup><a epub:type="noteref" role="doc-noteref" id="ref-note-1" href="#note-1">1</a></sup> Then they went home.',
    );
    expect(chapter).toMatch(
      /<aside epub:type="footnote" role="doc-footnote" id="note-1" class="footnote"><p><a href="#ref-note-1" role="doc-backlink">1\.<\/a> Gounod’s opera of 1859\.<\/p><\/aside>/,
    );
    expect(chapter.split('Gounod').length).toBe(2);
  });

  it('reads a custom footnote mark (*) as Word writes it: no stray mark in the text or the note', () => {
    // A German Word: the reference style's id is its own word, its name the English built-in one.
    const mark = '<w:rPr><w:rStyle w:val="Funotenzeichen"/></w:rPr>';
    const body =
      para('Chapter One', style('Heading1')) +
      para([
        run('They saw the opera.'),
        `<w:r>${mark}<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>`,
        run(' Then they went home.'),
      ]) +
      para('Chapter Two', style('Heading1')) +
      chapterText(2);
    const notes = footnotesXml([
      `<w:footnote w:id="1"><w:p><w:r>${mark}<w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Gounod's, of 1859.</w:t></w:r></w:p></w:footnote>`,
    ]);
    const styles = stylesXml(
      {},
      '<w:style w:type="character" w:styleId="Funotenzeichen"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
    );
    const loaded = loadBook(book(docx({ body, styles, entries: { 'word/footnotes.xml': notes } })), {});
    const first = loaded.book.chapters[0].blocks;
    expect(texts(first)).toEqual(['They saw the opera. Then they went home.']);
    const [note] = blockNotes(first);
    expect(texts(note.blocks)).toEqual(['Gounod’s, of 1859.']);
  });

  it('takes centred markers, horizontal lines and bordered empty paragraphs for scene breaks', () => {
    const body =
      para('Chapter One', style('Heading1')) +
      prose('One.') +
      para('* * *', centred) +
      prose('Two.') +
      '<w:p><w:r><w:pict><v:rect style="width:0;height:1.5pt" o:hr="t" o:hrstd="t"/></w:pict></w:r></w:p>' +
      prose('Three.') +
      '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr></w:pPr></w:p>' +
      prose('Four.') +
      para('Chapter Two', style('Heading1')) +
      chapterText(2);
    const blocks = loadBook(book(docx({ body })), {}).book.chapters[0].blocks;
    expect(texts(blocks)).toEqual(['One.', 'sceneBreak', 'Two.', 'sceneBreak', 'Three.', 'sceneBreak', 'Four.']);
  });

  it('keeps field results, drops field codes and a table of contents, refuses unsafe links', () => {
    const body =
      '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>' +
      para('Contents', style('TOCHeading')) +
      para('Chapter One ........ 1') +
      '</w:sdtContent></w:sdt>' +
      para('Chapter One', style('Heading1')) +
      para([
        run('Page '),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run('7'),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        run(' of the '),
        `<w:hyperlink r:id="rId9">${run('letter')}</w:hyperlink>`,
        run(' and the '),
        `<w:hyperlink r:id="rId10">${run('site')}</w:hyperlink>`,
        run('.'),
      ]) +
      para('Chapter Two', style('Heading1')) +
      chapterText(2);
    const relationships =
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>' +
      '<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>';
    const { book: b, diagnostics } = loadBook(book(docx({ body, relationships })), {});
    const p = b.chapters[0].blocks[0] as Extract<Block, { type: 'paragraph' }>;
    expect(plainText(p.children)).toBe('Page 7 of the letter and the site.');
    // The refused link is said, at its place: the body's fourth paragraph (after the contents' two and the
    // heading), after "Page 7 of the ".
    const refused = diagnostics.warnings.filter((d) => d.rule === 'unsafe-link');
    expect(refused.map((d) => [d.start?.line, d.start?.column])).toEqual([[4, 15]]);
    expect(p.children.filter((n) => n.type === 'link').map((n) => (n as { href: string }).href)).toEqual([
      'https://example.com/',
    ]);
    expect(b.chapters.flatMap((c) => texts(c.blocks)).join(' ')).not.toContain('........');
  });

  it('reads numbered and bulleted lists from numbering.xml, with the start number kept', () => {
    const numbering =
      '<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>';
    const item = (text: string, id: number) =>
      para(text, `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${id}"/></w:numPr>`);
    const body =
      para('Chapter One', style('Heading1')) +
      item('eggs', 1) +
      item('flour', 1) +
      prose('And also:') +
      item('a ribbon', 2) +
      item('a letter', 2) +
      para('Chapter Two', style('Heading1')) +
      chapterText(2);
    const blocks = loadBook(book(docx({ body, entries: { 'word/numbering.xml': numbering } })), {}).book.chapters[0]
      .blocks;
    const lists = blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    expect(lists.map((l) => [l.ordered, l.numbers, l.items.map((i) => texts(i)[0])])).toEqual([
      [true, [3, 4], ['eggs', 'flour']],
      [false, [1, 2], ['a ribbon', 'a letter']],
    ]);
  });

  it('places a change at its paragraph and character (book.docx ¶N:C)', async () => {
    const body =
      para('Chapter One', style('Heading1')) +
      prose('She said "hello" -- and left.') +
      para('Chapter Two', style('Heading1')) +
      chapterText(2);
    const dir = book(docx({ body }));
    const { diagnostics } = loadBook(dir, {});
    const quote = diagnostics.changes.find((d) => d.rule === 'quotes');
    expect({ line: quote?.start?.line, column: quote?.start?.column }).toEqual({ line: 2, column: 10 });
    const run1 = await octavo(['changes', dir]);
    expect(run1.stdout).toContain('manuscript/novel.docx ¶2:10');
  });

  it('compiles one .docx given on the command line, title and author from its title page', async () => {
    const dir = makeBook({ 'x.txt': '' });
    const file = path.join(dir, 'My Novel (final).docx');
    fs.writeFileSync(
      file,
      docx({
        body:
          titlePage +
          para('Chapter One', style('Heading1')) +
          chapterText(1) +
          para('Chapter Two', style('Heading1')) +
          chapterText(2),
        creator: 'Someone Else',
      }),
    );
    const run1 = await octavo(['compile', file, '--format', 'epub', '--out', path.join(dir, 'out')]);
    expect(run1.code).toBe(0);
    expect(run1.stdout).toContain(
      'the title "The Novel" is from its title page, the author "A. Writer" from its title page',
    );
    const { opf } = await readEpub(new Uint8Array(fs.readFileSync(path.join(dir, 'out', 'the-novel.epub'))));
    expect(opf).toContain('<dc:language>en-GB</dc:language>');
  });
});

describe('a Word package that is not what it claims', () => {
  const refusal = async (bytes: Uint8Array, expected: RegExp) => {
    const run1 = await octavo(['compile', book(bytes), '--format', 'epub']);
    expect(run1.code).toBe(1);
    expect(run1.stderr).toMatch(expected);
    expect(run1.stderr).not.toMatch(/at \w+ \(|internal error/);
    return run1;
  };

  it('refuses a text file renamed .docx, a Word 97 document, a password-protected one', async () => {
    await refusal(
      strToU8('Chapter One\n\nIt was dark.'),
      /novel\.docx cannot be read as a Word document: it is not a zip package/,
    );
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await refusal(ole, /Word 97–2003 document \(\.doc\)[\s\S]*Word Document \(\.docx\)/);
    ole.set(strToU8('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'), 600);
    await refusal(ole, /protected with a password/);
  });

  it('refuses a package without word/document.xml, a cut-short one, a zip bomb', async () => {
    await refusal(zipSync({ 'word/styles.xml': strToU8('<w:styles/>') }), /has no word\/document.xml/);
    // An OpenDocument text under a Word name is read as what it is; a cut-short one is refused as such.
    await refusal(zipSync({ 'content.xml': strToU8('<office:document-content><office:body>') }), /cut short/);
    await refusal(zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>Cut') }), /cut short/);
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(30 * 1024 * 1024).fill(0x20) }, { level: 9 });
    await refusal(bomb, /compressed \d+ to 1 \(a zip bomb\?\)/);
  });

  it('never expands entities a DTD declares (billion laughs), nor reads the Fallback of alternate content', () => {
    const laughs =
      '<!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const bytes = docx({
      body:
        para('Chapter One', style('Heading1')) +
        para('Before &c; after.') +
        para([
          run('A box: '),
          '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>chosen</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent>',
        ]) +
        para('Chapter Two', style('Heading1')) +
        chapterText(2),
    });
    const dir = book(withDoctype(bytes, laughs));
    const texts1 = loadBook(dir, {}).book.chapters[0].blocks.map((b) =>
      b.type === 'paragraph' ? plainText(b.children) : '',
    );
    expect(texts1.join('|')).not.toContain('lollol');
    expect(texts1[1]).toBe('A box: chosen');
  });
});

/** The package with a DOCTYPE written before document.xml's root element. */
function withDoctype(bytes: Uint8Array, doctype: string): Uint8Array {
  const files = unzipSync(bytes);
  const xml = new TextDecoder().decode(files['word/document.xml']).replace('?><w:document', `?>${doctype}<w:document`);
  files['word/document.xml'] = strToU8(xml);
  return zipSync(files);
}

describe('Word tables', () => {
  it('reads the header row, spans across columns and rows, alignment, cells of several paragraphs', async () => {
    const body =
      para('Chapter One', style('Heading1')) +
      prose('The receipts were these:') +
      table(
        [
          [tc('Opera'), tc('Nights'), tc('Receipts')],
          [tc('Faust'), tc(para('14', '<w:jc w:val="center"/>')), tc(para('182,000', '<w:jc w:val="right"/>'))],
          [tc('Les Huguenots', { vMerge: 'restart' }), tc('9'), tc(para('117,500', '<w:jc w:val="right"/>'))],
          [tc('', { vMerge: 'continue' }), tc(para('matinées') + para('(two)')), tc('3,000')],
          [tc('Total', { span: 2 }), tc('302,500')],
        ],
        { columns: 3 },
      ) +
      prose('And so on.');
    const dir = book(docx({ body }));
    const { book: b, diagnostics } = loadBook(dir, {});
    const t = b.chapters[0].blocks.find((x) => x.type === 'table');
    expect(t?.type).toBe('table');
    if (t?.type !== 'table') return;
    const cells = t.rows.map((r) =>
      r.map((c) => [plainText(c.children), c.header, c.align ?? '', c.colSpan ?? 1, c.rowSpan ?? 1]),
    );
    expect(cells).toEqual([
      [
        ['Opera', true, '', 1, 1],
        ['Nights', true, '', 1, 1],
        ['Receipts', true, '', 1, 1],
      ],
      [
        ['Faust', false, '', 1, 1],
        ['14', false, 'center', 1, 1],
        ['182,000', false, 'right', 1, 1],
      ],
      [
        ['Les Huguenots', false, '', 1, 2],
        ['9', false, '', 1, 1],
        ['117,500', false, 'right', 1, 1],
      ],
      [
        ['matinées\n(two)', false, '', 1, 1],
        ['3,000', false, '', 1, 1],
      ],
      [
        ['Total', false, '', 2, 1],
        ['302,500', false, '', 1, 1],
      ],
    ]);
    expect(texts(b.chapters[0].blocks)).toEqual(['The receipts were these:', 'table', 'And so on.']);
    expect(diagnostics.warnings.map((d) => d.message)).toEqual([
      "manuscript/novel.docx has 1 table cell merged into the cell above: the EPUB keeps the merge; in print the merged cell's text stands in its first row",
    ]);
    const { epub } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].xhtml).toContain(
      '<thead>\n<tr><th scope="col">Opera</th><th scope="col">Nights</th><th scope="col">Receipts</th></tr>\n</thead>',
    );
    expect(chapters[0].xhtml).toContain('<td rowspan="2">Les Huguenots</td>');
    expect(chapters[0].xhtml).toContain('<td>matinées<br />(two)</td>');
    expect(chapters[0].xhtml).toContain('<td colspan="2">Total</td>');
    expect((await epubcheck(epub)).messages).toEqual([]);
  });

  it('takes a header row repeated on each page as the head, and a table without one as all body', () => {
    const rows = [
      [tc('A'), tc('B')],
      [tc('1'), tc('2')],
    ];
    const body = (t: string) => para('Chapter One', style('Heading1')) + t;
    const heads = (bytes: Uint8Array) => {
      const t = loadBook(book(bytes), {}).book.chapters[0].blocks.find((x) => x.type === 'table');
      return t?.type === 'table' ? t.rows.map((r) => r.every((c) => c.header)) : [];
    };
    expect(heads(docx({ body: body(table(rows, { columns: 2, look: false, headerRow: true })) }))).toEqual([
      true,
      false,
    ]);
    expect(heads(docx({ body: body(table(rows, { columns: 2, look: false })) }))).toEqual([false, false]);
  });
});

describe('Word pictures', () => {
  it('become figures with their alt text, in the EPUB and the PDF; a metafile or a linked picture is left out with a warning', async () => {
    const body =
      para('Chapter One', style('Heading1')) +
      prose('The cellars, as the architect drew them:') +
      picture('rId7', 'A plan of the cellars') +
      picture('rId8', 'An anchored photograph', true) +
      picture('rId9', 'A metafile drawing') +
      picture('rId10', 'A linked picture') +
      prose('And so down to the lake.');
    const bytes = docx({
      body,
      relationships:
        imageRel('rId7', 'media/image1.png') +
        imageRel('rId8', 'media/image2.png') +
        imageRel('rId9', 'media/image3.emf') +
        imageRel('rId10', 'file:///C:/Users/me/Pictures/lake.jpg', true),
      entries: {
        'word/media/image1.png': png(400, 300),
        'word/media/image2.png': png(300, 400),
        'word/media/image3.emf': new Uint8Array([1, 0, 0, 0, 0x6c, 0, 0, 0]),
      },
    });
    const dir = book(bytes);
    const { book: b, diagnostics } = loadBook(dir, {});
    const figures = b.chapters[0].blocks.filter((x) => x.type === 'figure');
    expect(figures.map((f) => (f.type === 'figure' ? f.alt : ''))).toEqual([
      'A plan of the cellars',
      'An anchored photograph',
    ]);
    expect(figures.every((f) => f.type === 'figure' && b.assets.get(f.asset)?.mediaType === 'image/png')).toBe(true);
    expect(diagnostics.warnings.map((d) => [d.rule, d.start?.line])).toEqual([
      ['remote-image', 6],
      ['bad-image', 5],
    ]);
    const { epub } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].xhtml).toMatch(/<figure><img src="[^"]+\.png" alt="A plan of the cellars" \/><\/figure>/);
    expect((await epubcheck(epub)).messages).toEqual([]);
    const laid = (await renderPdf(b, printOptions(loadBook(dir, {}).config))).laid;
    expect(laid.pages.flatMap((p) => p.images).length).toBe(2);
  });
});

describe('octavo import of a Word document', () => {
  it('makes an editable folder that builds the same book: chapters, italics, notes, tables, pictures', async () => {
    const body =
      titlePage +
      para('Chapter One: The Arrival', style('Heading1')) +
      para([
        run('It was '),
        run('very', italic),
        run(' late.'),
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
        run(' The rain came.'),
      ]) +
      table(
        [
          [tc('Opera'), tc('Nights')],
          [tc('Faust'), tc('14')],
        ],
        { columns: 2 },
      ) +
      picture('rId7', 'A plan of the cellars') +
      para('Chapter Two: The Storm', style('Heading1')) +
      chapterText(2);
    const bytes = docx({
      body,
      footnotes: ["Gounod's opera of 1859."],
      relationships: imageRel('rId7', 'media/image1.png'),
      entries: { 'word/media/image1.png': png(400, 300) },
    });
    const src = makeBook({ 'The Novel.docx': bytes });
    const dir = path.join(src, 'novel');
    const run1 = await octavo(['import', path.join(src, 'The Novel.docx'), dir]);
    expect(run1.code, run1.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'manuscript'))).toEqual(['01-the-arrival.md', '02-the-storm.md']);
    expect(fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')).toContain('title: The Novel\nauthor: A. Writer\n');
    const one = fs.readFileSync(path.join(dir, 'manuscript', '01-the-arrival.md'), 'utf8');
    expect(one).toContain('It was *very* late.[^1] The rain came.');
    expect(one).toContain("[^1]: Gounod's opera of 1859.");
    expect(one).toContain('| Opera | Nights |');
    expect(one).toContain('![A plan of the cellars](assets/image1.png)');
    expect(fs.existsSync(path.join(dir, 'assets', 'image1.png'))).toBe(true);
    // The folder builds the book the document builds.
    const shape = (target: string) =>
      loadBook(target, {}).book.chapters.map((c) => [
        plainText(c.title),
        texts(c.blocks),
        blockNotes(c.blocks).map((n) => texts(n.blocks)),
      ]);
    expect(shape(dir)).toEqual(shape(path.join(src, 'The Novel.docx')));
  });

  it('starts a book folder from one with init --from', async () => {
    const src = makeBook({ 'story.docx': docx({ body: para('Chapter One', style('Heading1')) + chapterText(1) }) });
    const dir = path.join(src, 'book');
    const run1 = await octavo(['init', dir, '--from', path.join(src, 'story.docx')]);
    expect(run1.code, run1.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'manuscript'))).toEqual(['01-chapter-1.md']);
  });
});

describe('a hostile or strange Word package', () => {
  const chapterOne = para('Chapter One', style('Heading1'));

  it('reads a UTF-16 document part, and drops control characters from the text', async () => {
    const bytes = docx({ body: chapterOne + para('Bell\u0007 and form\u000c feed; a tab\there.') });
    const files = unzipSync(bytes);
    const xml = new TextDecoder().decode(files['word/document.xml']).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = xml.charCodeAt(i) >> 8;
    }
    files['word/document.xml'] = utf16;
    const dir = book(zipSync(files));
    const { book: b } = loadBook(dir, {});
    expect(texts(b.chapters[0].blocks)).toEqual(['Bell and form feed; a tab here.']);
    const { epub } = await compileEpub(dir);
    expect((await epubcheck(epub)).messages).toEqual([]);
  });

  it('never leaves the package: a relationship aiming above it, or at the disk, is no picture', () => {
    const body = chapterOne + picture('rId7', 'Up and out') + picture('rId8', 'On the disk') + prose('Text.');
    const bytes = docx({
      body,
      relationships: imageRel('rId7', '../../../../etc/passwd') + imageRel('rId8', '/etc/hostname'),
      entries: { '../evil.png': png(10, 10) },
    });
    const { book: b, diagnostics } = loadBook(book(bytes), {});
    expect(texts(b.chapters[0].blocks)).toEqual(['Text.']);
    expect(b.assets.size).toBe(0);
    expect(diagnostics.warnings.filter((d) => d.rule === 'bad-image').length).toBe(2);
  });

  it('reads 100,000 nested content controls and 200,000 paragraphs without a stack or a stall', () => {
    const deep = `${'<w:sdt><w:sdtContent>'.repeat(100_000)}${para('Deep inside.')}${'</w:sdtContent></w:sdt>'.repeat(100_000)}`;
    const many = Array.from({ length: 200_000 }, (_, k) => `<w:p><w:r><w:t>Line ${k}.</w:t></w:r></w:p>`).join('');
    const { book: b } = loadBook(book(docx({ body: chapterOne + deep + many })), {});
    const blocks = b.chapters[0].blocks;
    expect(texts(blocks.slice(0, 2))).toEqual(['Deep inside.', 'Line 0.']);
    expect(blocks.length).toBe(200_001);
  }, 60_000);
});

describe('what a writer may hand over instead', () => {
  it('refuses .rtf, .pages and a Google Docs link file with how to save a .docx', async () => {
    const dir = makeBook({
      'novel.rtf': '{\\rtf1\\ansi Hello}',
      'novel.pages': 'PK\u0003\u0004x',
      'novel.gdoc': '{"url":"x"}',
    });
    for (const [name, hint] of [
      ['novel.rtf', /save it as \.docx/],
      ['novel.pages', /Export To, Word/],
      ['novel.gdoc', /Download, Microsoft Word/],
    ] as const) {
      const run = await octavo(['compile', path.join(dir, name)]);
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toMatch(hint);
    }
  });

  it('builds nothing while tracked changes remain when book.yaml says revisions: refuse', async () => {
    const body =
      para('Chapter One', style('Heading1')) +
      para([run('She left '), `<w:ins w:id="2" w:author="Ed" w:date="2023-01-12T17:45:00Z">${run('at once')}</w:ins>`]);
    const run1 = await octavo(['compile', book(docx({ body }), `${YAML}revisions: refuse\n`)]);
    expect(run1.code).toBe(1);
    expect(run1.stderr).toContain('still has 1 tracked change, and book.yaml says revisions: refuse');
  });
});
