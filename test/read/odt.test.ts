/**
 * OpenDocument manuscripts (.odt from LibreOffice Writer or Google Docs), read into the same model as Word's:
 * chapters from heading styles and from headings made by hand, the title page, formatting from automatic
 * styles, notes, lists, tables, tracked changes and comments; refusals for what is not a text document.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { blockNotes, plainText, type Block } from '../../src/model/book.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, compileEpub, epubcheck, makeBook, octavo, png, readEpub } from '../helpers/book.js';
import { esc, h, odt, p, span } from '../helpers/odt.js';

afterAll(cleanup);

const YAML = 'title: "The Novel"\nauthor: "A. Writer"\nlanguage: en\ndate: 2026\n';
const book = (bytes: Uint8Array, yaml = YAML) => makeBook({ 'book.yaml': yaml, 'manuscript/novel.odt': bytes });
const texts = (blocks: Block[]) => blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type));

const note = (text: string, n: number) =>
  `<text:note text:id="ftn${n}" text:note-class="footnote"><text:note-citation>${n}</text:note-citation>` +
  `<text:note-body>${p(text, 'Footnote')}</text:note-body></text:note>`;

describe('an OpenDocument manuscript', () => {
  it('is read as Word is: chapters, the title page, italics, notes, lists, tables; a valid EPUB', async () => {
    const body =
      p('The Novel', 'Title') +
      p('by A. Writer', 'P2') +
      h('Chapter One: The Arrival') +
      p(`It was ${span('very', 'T1')} late,${note('Past midnight.', 1)} and ${span('dark', 'T2')}.`) +
      p(`One line<text:line-break/>and the next,<text:s text:c="2"/>spaced.`) +
      '<text:list text:style-name="L1"><text:list-item>' +
      p('The staircase.') +
      '</text:list-item><text:list-item>' +
      p('The foyer.') +
      '</text:list-item></text:list>' +
      '<table:table table:name="Table1"><table:table-column table:number-columns-repeated="2"/>' +
      '<table:table-header-rows><table:table-row><table:table-cell office:value-type="string">' +
      p('Opera') +
      '</table:table-cell><table:table-cell office:value-type="string">' +
      p('Nights') +
      '</table:table-cell></table:table-row></table:table-header-rows>' +
      '<table:table-row><table:table-cell>' +
      p('Faust') +
      '</table:table-cell><table:table-cell>' +
      p('14') +
      '</table:table-cell></table:table-row>' +
      '<table:table-row><table:table-cell table:number-columns-spanned="2">' +
      p('Total: 14') +
      '</table:table-cell><table:covered-table-cell/></table:table-row></table:table>' +
      h('Chapter Two: The Storm') +
      p('The rain came.');
    const dir = book(odt({ body }));
    const { book: b, diagnostics } = loadBook(dir, {});
    expect(b.chapters.map((c) => plainText(c.title))).toEqual(['The Arrival', 'The Storm']);
    const blocks = b.chapters[0].blocks;
    expect(texts(blocks)).toEqual(['It was very late, and dark.', 'One line\nand the next, spaced.', 'list', 'table']);
    const first = blocks[0] as Extract<Block, { type: 'paragraph' }>;
    expect(first.children.map((n) => n.type)).toEqual([
      'text',
      'emphasis',
      'text',
      'noteRef',
      'text',
      'strong',
      'text',
    ]);
    expect(blockNotes(blocks).map((n) => [n.kind, n.blocks.map((x) => texts([x])[0])])).toEqual([
      ['footnote', ['Past midnight.']],
    ]);
    const list = blocks[2] as Extract<Block, { type: 'list' }>;
    expect([list.ordered, list.numbers]).toEqual([true, [3, 4]]);
    const table = blocks[3] as Extract<Block, { type: 'table' }>;
    expect(table.rows.map((r) => r.map((c) => [plainText(c.children), c.header, c.colSpan ?? 1]))).toEqual([
      [
        ['Opera', true, 1],
        ['Nights', true, 1],
      ],
      [
        ['Faust', false, 1],
        ['14', false, 1],
      ],
      [['Total: 14', false, 2]],
    ]);
    expect(diagnostics.items.find((d) => d.rule === 'docx-title-page')?.before).toBe('The Novel\nby A. Writer');
    const { epub } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].xhtml).toContain('<aside epub:type="footnote"');
    expect((await epubcheck(epub)).messages).toEqual([]);
  });

  it('finds a chapter heading made by hand: bold, centred and larger, after a page break', () => {
    const body = h('Chapter One') + p('The first chapter.') + p(esc('CHAPTER TWO'), 'P1') + p('The second chapter.');
    const { book: b } = loadBook(book(odt({ body })), {});
    expect(b.chapters.map((c) => [c.kind, plainText(c.title) || `#${c.number}`])).toEqual([
      ['chapter', '#1'],
      ['chapter', '#2'],
    ]);
  });

  it('accepts tracked insertions, leaves deletions and comments out, and says how many there were', () => {
    const changes =
      '<text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>Ed</dc:creator>' +
      '<dc:date>2024-01-01T00:00:00</dc:date></office:change-info></text:insertion></text:changed-region>' +
      '<text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>Ed</dc:creator>' +
      '<dc:date>2024-01-01T00:00:00</dc:date></office:change-info>' +
      p('struck words ') +
      '</text:deletion></text:changed-region>';
    const body =
      h('Chapter One') +
      p(
        'It was <text:change-start text:change-id="ct1"/>very <text:change-end text:change-id="ct1"/>late' +
          '<text:change text:change-id="ct2"/> at night.' +
          '<office:annotation><dc:creator>Ed</dc:creator><text:p>Is it?</text:p></office:annotation>',
      );
    const accepted = loadBook(book(odt({ body, changes })), {});
    expect(texts(accepted.book.chapters[0].blocks)).toEqual(['It was very late at night.']);
    expect(accepted.diagnostics.warnings.map((d) => d.rule)).toEqual(['docx-revisions', 'docx-comments']);
    const rejected = loadBook(book(odt({ body, changes }), `${YAML}revisions: reject\n`), {});
    expect(texts(rejected.book.chapters[0].blocks)).toEqual(['It was late at night.']);
  });

  it('takes the language from the document, and compiles on its own with title and author from it', async () => {
    const body = p('The Lake', 'Title') + p('by Ada Writer', 'P2') + h('One') + p('Colour and honour.');
    const dir = makeBook({ 'lake.odt': odt({ body, language: 'en-GB', creator: 'Someone Else' }) }, undefined);
    const { book: b } = loadBook(`${dir}/lake.odt`, {});
    expect([b.metadata.title, b.metadata.creators[0]?.name, b.metadata.language]).toEqual([
      'The Lake',
      'Ada Writer',
      'en-GB',
    ]);
  });

  it('refuses another kind of OpenDocument file and a cut-short one, saying what to do', async () => {
    const sheet = book(odt({ body: p('x'), mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }));
    const one = await octavo(['compile', sheet]);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('is an OpenDocument file of another kind');
    const cut = book(odt({ body: h('One') + p('Text.'.repeat(50)), cutShort: true }));
    const two = await octavo(['compile', cut]);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('is cut short');
  });

  it('takes a horizontal line for a scene break, and a picture with its description for a figure', () => {
    const line =
      '<text:p text:style-name="Standard"><draw:rect text:anchor-type="as-char" style:rel-width="100%" ' +
      'draw:z-index="0" draw:style-name="gr1" svg:width="6.5in" svg:height="0.0213in"><text:p/></draw:rect></text:p>';
    const frame =
      '<text:p text:style-name="Standard"><draw:frame draw:name="Image1" text:anchor-type="as-char" svg:width="2in" svg:height="1.5in">' +
      '<draw:image xlink:href="Pictures/100000010000019000000190A1B2C3D4.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>' +
      '<svg:title>Plan</svg:title><svg:desc>A plan of the cellars</svg:desc></draw:frame></text:p>';
    const body = h('Chapter One') + p('Before.') + line + p('After.') + frame + p('The end.');
    const bytes = odt({ body, pictures: { 'Pictures/100000010000019000000190A1B2C3D4.png': png(400, 300) } });
    const { book: b } = loadBook(book(bytes), {});
    const blocks = b.chapters[0].blocks;
    expect(texts(blocks)).toEqual(['Before.', 'sceneBreak', 'After.', 'figure', 'The end.']);
    const figure = blocks[3] as Extract<Block, { type: 'figure' }>;
    expect([figure.alt, b.assets.get(figure.asset)?.mediaType]).toEqual(['A plan of the cellars', 'image/png']);
  });
});
