/**
 * The book as a Word manuscript in standard manuscript format, for agents and editors who ask for .docx
 * (most do): the same pages as the manuscript design's PDF, in Word's own terms, so that an editor can
 * mark it up with tracked changes. US Letter with inch margins; 12 pt Courier Prime (Courier New where
 * Word lacks it), double-spaced, flush left, every paragraph's first line half an inch in; a cover page
 * with the author and the length in words, the title and byline halfway down; "Surname / Title / page"
 * at the head of every later page (Word's PAGE field, the cover page numbered 0); each chapter on a new
 * page a third of the way down, under Word's "heading 1" (the navigation pane lists the chapters); #
 * between scenes; block quotes half an inch in, as Shunn's guide asks; real footnotes and endnotes with
 * the book's own markers; END at the close.
 *
 * Written from the model, as the EPUB and the PDF are; no Word template, nothing read. The parts are the
 * few Word needs and writes itself (document, styles, settings, fonts, header, notes, properties), with
 * no revision ids or dates but the book's, so the same book gives the same bytes.
 */
import {
  type Block,
  type Book,
  bookWords,
  type Chapter,
  type Inline,
  isVerse,
  type Note,
  plainText,
  type TableCell,
} from '../model/book.js';
import { xmlAttr, xmlText } from '../epub/xml.js';
import { writeZip } from '../epub/zip.js';
import { chapterHeadingParts } from '../structure/chapters.js';
import type { Design } from '../design/design.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Twentieths of a point: Word's unit for lengths. An inch is 1440. */
const INCH = 1440;
const HALF_INCH = 720;
/** Double spacing, in 240ths of a line. */
const DOUBLE = 480;
/** The text block of US Letter with inch margins: 6.5 × 9 in. */
const TEXT_WIDTH = 6.5 * INCH;
const TEXT_HEIGHT = 9 * INCH;

export interface ManuscriptOptions {
  /** The header's short title (book.yaml `runningHead`), else the book's. */
  runningHead?: string;
  design: Design;
}

/** The Word manuscript's bytes. */
export function manuscriptDocx(book: Book, options: ManuscriptOptions): Uint8Array {
  const doc = new ManuscriptWriter(book, options);
  const body = doc.body();
  // The book's date (SOURCE_DATE_EPOCH's when set) for the properties and every zip entry; 1980, the zip
  // format's first, when it has none.
  const given = new Date(book.metadata.modified);
  const date = Number.isNaN(given.getTime()) ? new Date(Date.UTC(1980, 0, 1)) : given;
  const parts: [string, string][] = [
    ['[Content_Types].xml', contentTypes()],
    ['_rels/.rels', packageRels()],
    ['docProps/core.xml', coreProperties(book, date)],
    ['docProps/app.xml', appProperties(book)],
    ['word/document.xml', document(body)],
    ['word/_rels/document.xml.rels', documentRels()],
    ['word/styles.xml', styles(book.metadata.language)],
    ['word/settings.xml', settings()],
    ['word/fontTable.xml', fontTable()],
    ['word/header1.xml', header(doc.headText())],
    ['word/footnotes.xml', notesPart('footnotes', 'footnote', doc.footnotes)],
    ['word/endnotes.xml', notesPart('endnotes', 'endnote', doc.endnotes)],
  ];
  return writeZip(
    parts.map(([name, xml]) => ({ name, data: new TextEncoder().encode(xml) })),
    date,
  );
}

/** A run's properties, from the inlines around it. */
interface RunStyle {
  italic: boolean;
  bold: boolean;
  smallCaps: boolean;
  vert?: 'superscript' | 'subscript';
}

const PLAIN: RunStyle = { italic: false, bold: false, smallCaps: false };

/** Paragraph properties a block's context adds: the inset of a block quote, a list's hanging marker. */
interface Frame {
  left: number;
  right: number;
  firstLine: number;
  single?: boolean;
}

const BODY: Frame = { left: 0, right: 0, firstLine: HALF_INCH };

class ManuscriptWriter {
  /** Notes in the order of their first reference: Word's ids from 1. */
  readonly footnotes: string[] = [];
  readonly endnotes: string[] = [];
  private readonly noteIds = new Map<Note, { id: number; kind: 'footnote' | 'endnote' }>();
  private readonly authors: string[];

  constructor(
    private readonly book: Book,
    private readonly options: ManuscriptOptions,
  ) {
    this.authors = book.metadata.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  }

  /** Surname / Title / (the page number follows as a field). */
  headText(): string {
    const surname = (this.authors[0] ?? '').trim().split(/\s+/).at(-1) ?? '';
    const title = this.options.runningHead ?? this.book.metadata.title;
    return `${[surname, title].filter(Boolean).join(' / ')} / `;
  }

  body(): string {
    const out = [this.cover()];
    const chapters = this.book.chapters;
    const hasParts = chapters.some((c) => c.kind === 'part');
    const lastText = chapters.map((c) => c.kind !== 'part').lastIndexOf(true);
    chapters.forEach((chapter, k) => {
      out.push(this.heading(chapter, chapter.kind === 'part' || !hasParts ? 1 : 2));
      out.push(...this.blocks(chapter.blocks, BODY));
      if (k === lastText) out.push(paragraph(run('END', PLAIN), { jc: 'center', frame: { ...BODY, firstLine: 0 } }));
    });
    return out.join('');
  }

  /** The cover page: the author at the top left, the length at the top right, title and byline halfway. */
  private cover(): string {
    const m = this.book.metadata;
    const words = bookWords(this.book);
    // Rounded as the format asks: to the nearest hundred under 10,000 words, else the nearest thousand.
    const rounded = words < 10_000 ? Math.max(100, Math.round(words / 100) * 100) : Math.round(words / 1000) * 1000;
    const single: Frame = { left: 0, right: 0, firstLine: 0, single: true };
    const top =
      `<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs>${frameXml(single)}</w:pPr>` +
      `${run(this.authors.join(' and '), PLAIN)}<w:r><w:tab/></w:r>` +
      `${run(`about ${rounded.toLocaleString('en-US')} words`, PLAIN)}</w:p>`;
    const centred = { jc: 'center' as const, frame: { ...BODY, firstLine: 0 } };
    const out = [top, paragraph(run(m.title, PLAIN), { ...centred, before: Math.round(TEXT_HEIGHT / 2 - 2.5 * 240) })];
    if (m.subtitle) out.push(paragraph(run(m.subtitle, PLAIN), centred));
    if (this.authors.length)
      out.push(paragraph('', centred), paragraph(run(`by ${this.authors.join(' and ')}`, PLAIN), centred));
    return out.join('');
  }

  /** A chapter's heading on a new page, a third of the way down: "Chapter 3", then its title. */
  private heading(chapter: Chapter, level: 1 | 2): string {
    const parts = chapterHeadingParts(chapter, this.book.chapterHeadings, this.options.design.chapter);
    const runs: string[] = [];
    if (parts.number) runs.push(run(parts.number, PLAIN));
    if (parts.number && parts.title) runs.push('<w:r><w:br/></w:r>');
    if (parts.title) runs.push(this.inlines(parts.title, PLAIN));
    if (!runs.length) runs.push(run(plainText(chapter.title) || 'Untitled', PLAIN));
    return `<w:p><w:pPr><w:pStyle w:val="Heading${level}"/></w:pPr>${runs.join('')}</w:p>`;
  }

  private blocks(blocks: Block[], frame: Frame): string[] {
    const out: string[] = [];
    for (const b of blocks) out.push(...this.block(b, frame));
    return out;
  }

  private block(b: Block, frame: Frame): string[] {
    switch (b.type) {
      case 'paragraph': {
        const verse = isVerse(b);
        const f = verse || b.align ? { ...frame, firstLine: 0, left: frame.left + (verse ? HALF_INCH : 0) } : frame;
        return [paragraph(this.inlines(b.children, PLAIN), { frame: f, jc: b.align })];
      }
      case 'heading':
        return [
          paragraph(this.inlines(b.children, PLAIN), {
            frame: { ...frame, firstLine: 0 },
            jc: 'center',
            keepNext: true,
          }),
        ];
      case 'sceneBreak':
        return [paragraph(run('#', PLAIN), { frame: { ...frame, firstLine: 0 }, jc: 'center' })];
      case 'blockQuote':
        // Half an inch in from the left margin; each paragraph's first line half an inch further.
        return this.blocks(b.children, { ...frame, left: frame.left + HALF_INCH }).map((p) =>
          p.replace('<w:pPr>', '<w:pPr><w:pStyle w:val="Quote"/>'),
        );
      case 'note':
        return this.blocks(b.children, { ...frame, left: frame.left + HALF_INCH, right: frame.right + HALF_INCH });
      case 'list':
        return b.items.flatMap((item, k) => {
          const marker = b.ordered ? `${b.numbers[k]}.` : '\u2022';
          const hang: Frame = { ...frame, left: frame.left + HALF_INCH, firstLine: -HALF_INCH / 2 };
          return item.flatMap((ib, j) =>
            j === 0 && ib.type === 'paragraph'
              ? [
                  paragraph(`${run(marker, PLAIN)}<w:r><w:tab/></w:r>${this.inlines(ib.children, PLAIN)}`, {
                    frame: hang,
                    tab: frame.left + HALF_INCH,
                  }),
                ]
              : this.block(ib, { ...frame, left: frame.left + HALF_INCH, firstLine: 0 }),
          );
        });
      case 'preformatted':
        return [
          paragraph(
            b.value
              .replace(/\n$/, '')
              .split('\n')
              .map((line) => run(line, PLAIN))
              .join('<w:r><w:br/></w:r>'),
            { frame: { ...frame, firstLine: 0, left: frame.left + HALF_INCH } },
          ),
        ];
      case 'figure': {
        const caption = b.caption.length ? this.inlines(b.caption, PLAIN) : '';
        const centred = { frame: { ...frame, firstLine: 0 }, jc: 'center' as const };
        return [
          paragraph(run(`[Illustration${b.alt ? `: ${b.alt}` : ''}]`, PLAIN), centred),
          ...(caption ? [paragraph(caption, centred)] : []),
        ];
      }
      case 'table':
        return this.table(b.rows, b.caption, frame);
    }
  }

  /** A ruled table, its cells single-spaced; merged cells as Word merges them (gridSpan, vMerge). */
  private table(rows: TableCell[][], caption: Inline[], frame: Frame): string[] {
    const grid = tableGrid(rows);
    const columns = Math.max(1, ...grid.map((r) => r.length));
    const width = Math.floor((TEXT_WIDTH - frame.left - frame.right) / columns);
    const cellFrame: Frame = { left: 0, right: 0, firstLine: 0, single: true };
    const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
    const rowsXml = grid.map((row) => {
      const cells = row
        .filter((slot) => slot.kind !== 'covered')
        .map((slot) => {
          const span =
            slot.kind === 'cell' && (slot.cell.colSpan ?? 1) > 1 ? `<w:gridSpan w:val="${slot.cell.colSpan}"/>` : '';
          const merge =
            slot.kind === 'below'
              ? '<w:vMerge/>'
              : slot.kind === 'cell' && (slot.cell.rowSpan ?? 1) > 1
                ? '<w:vMerge w:val="restart"/>'
                : '';
          const cols = slot.kind === 'cell' ? (slot.cell.colSpan ?? 1) : slot.span;
          const content =
            slot.kind === 'cell'
              ? this.inlines(slot.cell.children, slot.cell.header ? { ...PLAIN, bold: true } : PLAIN)
              : '';
          const jc =
            slot.kind === 'cell' && slot.cell.align && slot.cell.align !== 'left' ? slot.cell.align : undefined;
          return (
            `<w:tc><w:tcPr><w:tcW w:w="${width * cols}" w:type="dxa"/>${span}${merge}</w:tcPr>` +
            `${paragraph(content, { frame: cellFrame, jc })}</w:tc>`
          );
        });
      const head = row.some((s) => s.kind === 'cell' && s.cell.header) ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
      return `<w:tr>${head}${cells.join('')}</w:tr>`;
    });
    const table =
      `<w:tbl><w:tblPr><w:tblW w:w="${width * columns}" w:type="dxa"/>` +
      (frame.left ? `<w:tblInd w:w="${frame.left}" w:type="dxa"/>` : '') +
      `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
      `<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>` +
      `${rowsXml.join('')}</w:tbl>`;
    const out = caption.length
      ? [paragraph(this.inlines(caption, PLAIN), { frame: { ...frame, firstLine: 0 }, jc: 'center' })]
      : [];
    // Word needs a paragraph after a table before the next one.
    return [...out, table, paragraph('', { frame: { ...frame, firstLine: 0 } })];
  }

  private inlines(nodes: Inline[], style: RunStyle): string {
    let out = '';
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
        case 'code':
          out += run(n.value, style);
          break;
        case 'lineBreak':
          out += '<w:r><w:br/></w:r>';
          break;
        case 'emphasis':
          out += this.inlines(n.children, { ...style, italic: !style.italic });
          break;
        case 'strong':
          out += this.inlines(n.children, { ...style, bold: true });
          break;
        case 'smallCaps':
          out += this.inlines(n.children, { ...style, smallCaps: true });
          break;
        case 'superscript':
        case 'subscript':
          out += this.inlines(n.children, { ...style, vert: n.type });
          break;
        case 'link':
          out += this.inlines(n.children, style);
          break;
        case 'image':
          out += run(`[Illustration${n.alt ? `: ${n.alt}` : ''}]`, style);
          break;
        case 'noteRef':
          out += this.noteRef(n.note, n.again === true);
          break;
      }
    }
    return out;
  }

  /**
   * A note's reference: Word's own footnote (or endnote, as the book sets its notes) with the book's
   * marker; a second reference to the same note, the marker raised.
   */
  private noteRef(note: Note, again: boolean): string {
    const known = this.noteIds.get(note);
    const marker = xmlText(note.marker);
    const raised = `<w:rPr><w:rStyle w:val="NoteReference"/></w:rPr>`;
    if (again || known) return `<w:r>${raised}<w:t>${marker}</w:t></w:r>`;
    const kind = note.kind === 'endnote' || this.book.notes?.print === 'book-end' ? 'endnote' : 'footnote';
    const list = kind === 'footnote' ? this.footnotes : this.endnotes;
    const id = list.length + 1;
    this.noteIds.set(note, { id, kind });
    // Reserved first, so that a note referring to another numbers in reading order.
    list.push('');
    const paragraphs = this.blocks(note.blocks, { left: 0, right: 0, firstLine: 0, single: true });
    if (!paragraphs.length) paragraphs.push('<w:p><w:pPr></w:pPr></w:p>');
    // Word numbers notes 1, 2, 3 through the document; a book's own markers (*, numbers restarting in each
    // chapter) go in as custom marks, which Word shows as given.
    const auto = note.marker === String(id);
    const mark = `<w:r>${raised}${auto ? `<w:${kind}Ref/>` : `<w:t>${marker}</w:t>`}</w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`;
    paragraphs[0] = paragraphs[0].replace('</w:pPr>', `</w:pPr>${mark}`);
    const styled = paragraphs.map((p) => p.replace('<w:pPr>', '<w:pPr><w:pStyle w:val="NoteText"/>'));
    list[id - 1] = `<w:${kind} w:id="${id}">${styled.join('')}</w:${kind}>`;
    return auto
      ? `<w:r>${raised}<w:${kind}Reference w:id="${id}"/></w:r>`
      : `<w:r>${raised}<w:${kind}Reference w:customMarkFollows="1" w:id="${id}"/><w:t>${marker}</w:t></w:r>`;
  }
}

/** A table's rows as grid slots: a cell, a slot a cell to the left covers, or one a cell above covers. */
type Slot = { kind: 'cell'; cell: TableCell } | { kind: 'covered' } | { kind: 'below'; span: number };

function tableGrid(rows: TableCell[][]): Slot[][] {
  const grid: Slot[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      const cols = Math.max(1, cell.colSpan ?? 1);
      const down = Math.max(1, cell.rowSpan ?? 1);
      grid[r][c] = { kind: 'cell', cell };
      for (let k = 1; k < cols; k++) grid[r][c + k] = { kind: 'covered' };
      for (let d = 1; d < down && r + d < rows.length; d++) {
        grid[r + d][c] = { kind: 'below', span: cols };
        for (let k = 1; k < cols; k++) grid[r + d][c + k] = { kind: 'covered' };
      }
      c += cols;
    }
  });
  return grid.map((row) => Array.from(row, (s) => s ?? { kind: 'covered' as const }));
}

function run(text: string, style: RunStyle): string {
  if (!text) return '';
  const props =
    (style.bold ? '<w:b/>' : '') +
    (style.italic ? '<w:i/>' : '') +
    (style.smallCaps ? '<w:smallCaps/>' : '') +
    (style.vert ? `<w:vertAlign w:val="${style.vert}"/>` : '');
  // Tabs in the text are Word's tabs; anything else as written, spaces kept.
  return text
    .split('\t')
    .map((part) =>
      part
        ? `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(part)}</w:t></w:r>`
        : '',
    )
    .join('<w:r><w:tab/></w:r>');
}

function frameXml(f: Frame): string {
  const ind =
    f.left || f.right || f.firstLine
      ? `<w:ind w:left="${f.left}" w:right="${f.right}" ${f.firstLine < 0 ? `w:hanging="${-f.firstLine}"` : `w:firstLine="${f.firstLine}"`}/>`
      : '<w:ind w:firstLine="0"/>';
  return `${f.single ? '<w:spacing w:line="240" w:lineRule="auto"/>' : ''}${ind}`;
}

function paragraph(
  runs: string,
  o: { frame: Frame; jc?: 'center' | 'right'; before?: number; keepNext?: boolean; tab?: number },
): string {
  const spacing = o.before ? `<w:spacing w:before="${o.before}"/>` : '';
  const tab = o.tab !== undefined ? `<w:tabs><w:tab w:val="left" w:pos="${o.tab}"/></w:tabs>` : '';
  const props =
    (o.keepNext ? '<w:keepNext/>' : '') + tab + spacing + frameXml(o.frame) + (o.jc ? `<w:jc w:val="${o.jc}"/>` : '');
  return `<w:p><w:pPr>${props}</w:pPr>${runs}</w:p>`;
}

function document(body: string): string {
  return (
    `${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}` +
    '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>' +
    `<w:pgSz w:w="${8.5 * INCH}" w:h="${11 * INCH}"/>` +
    `<w:pgMar w:top="${INCH}" w:right="${INCH}" w:bottom="${INCH}" w:left="${INCH}" w:header="${HALF_INCH}" w:footer="${HALF_INCH}" w:gutter="0"/>` +
    // The cover page is page 0 and has no header: the first page of the text is 1.
    '<w:pgNumType w:start="0"/><w:titlePg/></w:sectPr></w:body></w:document>'
  );
}

function header(text: string): string {
  const field = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
  return (
    `${XML}<w:hdr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>` +
    `${run(text, PLAIN)}${field('begin')}<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
    `${field('separate')}<w:r><w:t>1</w:t></w:r>${field('end')}</w:p></w:hdr>`
  );
}

function notesPart(root: 'footnotes' | 'endnotes', kind: 'footnote' | 'endnote', notes: string[]): string {
  return (
    `${XML}<w:${root} xmlns:w="${W}" xmlns:r="${R}">` +
    `<w:${kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:${kind}>` +
    `<w:${kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>` +
    `${notes.join('')}</w:${root}>`
  );
}

function styles(language: string): string {
  const lang = xmlAttr(language || 'en-US');
  const font =
    '<w:rFonts w:ascii="Courier Prime" w:hAnsi="Courier Prime" w:cs="Courier Prime" w:eastAsia="Courier Prime"/>';
  const heading = (level: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/>` +
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:pageBreakBefore/>' +
    // A third of the way down the page (the first line of the text block is where the page starts).
    `<w:spacing w:before="${Math.round(TEXT_HEIGHT / 3)}" w:after="${DOUBLE}"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>` +
    `<w:outlineLvl w:val="${level - 1}"/></w:pPr></w:style>`;
  return (
    `${XML}<w:styles xmlns:w="${W}" xmlns:r="${R}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${font}<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="${lang}"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="${DOUBLE}" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>' +
    `<w:pPr><w:ind w:firstLine="${HALF_INCH}"/></w:pPr></w:style>` +
    heading(1) +
    heading(2) +
    '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/>' +
    `<w:pPr><w:ind w:left="${HALF_INCH}" w:firstLine="${HALF_INCH}"/></w:pPr></w:style>` +
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>' +
    '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="NoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>' +
    '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr></w:style>' +
    '<w:style w:type="character" w:styleId="NoteReference"><w:name w:val="footnote reference"/>' +
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>' +
    '</w:styles>'
  );
}

function settings(): string {
  return (
    `${XML}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="${HALF_INCH}"/>` +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' +
    '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '</w:settings>'
  );
}

/** Courier Prime, and what Word sets where it is not installed: Courier New, a fixed-pitch face. */
function fontTable(): string {
  return (
    `${XML}<w:fonts xmlns:w="${W}"><w:font w:name="Courier Prime"><w:altName w:val="Courier New"/>` +
    '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font></w:fonts>'
  );
}

function contentTypes(): string {
  const o = (part: string, type: string) =>
    `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/>`;
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o('/word/document.xml', 'wordprocessingml.document.main+xml') +
    o('/word/styles.xml', 'wordprocessingml.styles+xml') +
    o('/word/settings.xml', 'wordprocessingml.settings+xml') +
    o('/word/fontTable.xml', 'wordprocessingml.fontTable+xml') +
    o('/word/header1.xml', 'wordprocessingml.header+xml') +
    o('/word/footnotes.xml', 'wordprocessingml.footnotes+xml') +
    o('/word/endnotes.xml', 'wordprocessingml.endnotes+xml') +
    o('/docProps/app.xml', 'extended-properties+xml') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>'
  );
}

function packageRels(): string {
  return (
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function documentRels(): string {
  const rel = (id: number, type: string, target: string) =>
    `<Relationship Id="rId${id}" Type="${REL}/${type}" Target="${target}"/>`;
  return (
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rel(1, 'styles', 'styles.xml') +
    rel(2, 'settings', 'settings.xml') +
    rel(3, 'fontTable', 'fontTable.xml') +
    rel(4, 'header', 'header1.xml') +
    rel(5, 'footnotes', 'footnotes.xml') +
    rel(6, 'endnotes', 'endnotes.xml') +
    '</Relationships>'
  );
}

function coreProperties(book: Book, when: Date): string {
  const m = book.metadata;
  const date = `${when.toISOString().slice(0, 19)}Z`;
  const authors = m.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(m.title)}</dc:title>` +
    (authors.length ? `<dc:creator>${xmlText(authors.join(' and '))}</dc:creator>` : '') +
    `<dc:language>${xmlText(m.language)}</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function appProperties(book: Book): string {
  return (
    `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    `<Application>Octavo</Application><Words>${bookWords(book)}</Words></Properties>`
  );
}
