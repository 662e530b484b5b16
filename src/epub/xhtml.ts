/** Model to XHTML content documents: one per chapter, plus the cover, title and copyright pages. */
import {
  blockNotes,
  headRows,
  standsAlone,
  type Block,
  type Book,
  type Chapter,
  type ChapterKind,
  type Inline,
  type Note,
  isVerse,
  openingMarks,
  plainText,
  type TableCell,
} from '../model/book.js';
import { chapterHeadingInlines, chapterHeadingParts, chapterLabel, type HeadingStyle } from '../structure/chapters.js';
import { ebookLook, openingXhtml, type EbookLook } from './design.js';
import { joinNames } from '../structure/matter.js';
import { xmlAttr, xmlText } from './xml.js';

/** Structural semantics: epub:type and the matching DPUB-ARIA role, when one exists. */
const SEMANTICS: Record<ChapterKind, { type: string; role?: string }> = {
  part: { type: 'part', role: 'doc-part' },
  chapter: { type: 'chapter', role: 'doc-chapter' },
  interlude: { type: 'chapter', role: 'doc-chapter' },
  prologue: { type: 'prologue', role: 'doc-prologue' },
  epilogue: { type: 'epilogue', role: 'doc-epilogue' },
  foreword: { type: 'foreword', role: 'doc-foreword' },
  preface: { type: 'preface', role: 'doc-preface' },
  introduction: { type: 'introduction', role: 'doc-introduction' },
  dedication: { type: 'dedication', role: 'doc-dedication' },
  epigraph: { type: 'epigraph', role: 'doc-epigraph' },
  acknowledgments: { type: 'acknowledgments', role: 'doc-acknowledgments' },
  afterword: { type: 'afterword', role: 'doc-afterword' },
  appendix: { type: 'appendix', role: 'doc-appendix' },
  'about-the-author': { type: 'backmatter' },
  'also-by': { type: 'backmatter' },
};

export interface AssetHrefs {
  /** Path of an asset inside the EPUB, relative to the content documents. */
  href(id: string): string;
  /** The document holding the book's notes when they are endnotes (book.yaml `notes.ebook: endnotes`). */
  notesFile?: string;
}

/** The file of the Notes section, when the EPUB's notes are endnotes. */
export const ENDNOTES_FILE = 'notes.xhtml';

export function inlinesXhtml(nodes: Inline[], assets: AssetHrefs): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += xmlText(n.value);
        break;
      case 'emphasis':
        out += `<em>${inlinesXhtml(n.children, assets)}</em>`;
        break;
      case 'strong':
        out += `<strong>${inlinesXhtml(n.children, assets)}</strong>`;
        break;
      case 'smallCaps':
        out += `<span class="smallcaps">${inlinesXhtml(n.children, assets)}</span>`;
        break;
      case 'superscript':
        out += `<sup>${inlinesXhtml(n.children, assets)}</sup>`;
        break;
      case 'subscript':
        out += `<sub>${inlinesXhtml(n.children, assets)}</sub>`;
        break;
      case 'code':
        out += `<code>${xmlText(n.value)}</code>`;
        break;
      case 'lineBreak':
        out += '<br />';
        break;
      case 'link':
        out += `<a href="${xmlAttr(n.href)}">${inlinesXhtml(n.children, assets)}</a>`;
        break;
      case 'image':
        out += `<img src="${xmlAttr(assets.href(n.asset))}" alt="${xmlAttr(n.alt)}" />`;
        break;
      case 'noteRef': {
        // What Kindle, Apple Books and Kobo turn into a pop-up: a noteref to an aside in the same document.
        // A second reference to the same note links to it too; the note's back-link returns to the first.
        const id = xmlAttr(n.note.id);
        const anchor = n.again ? '' : ` id="ref-${id}"`;
        const href = `${assets.notesFile ?? ''}#${id}`;
        out += `<sup><a epub:type="noteref" role="doc-noteref"${anchor} href="${href}">${xmlText(n.note.marker)}</a></sup>`;
        break;
      }
    }
  }
  return out;
}

/** A note's text, its marker first as a link back to the reference (in `refFile`, or this document). */
function noteBody(note: Note, assets: AssetHrefs, refFile = ''): string {
  const id = xmlAttr(note.id);
  const back = `<a href="${refFile}#ref-${id}" role="doc-backlink">${xmlText(note.marker)}.</a> `;
  const [first, ...rest] = note.blocks;
  const opening =
    first?.type === 'paragraph' ? `<p>${back}${inlinesXhtml(first.children, assets)}</p>` : `<p>${back}</p>`;
  const more = first?.type === 'paragraph' ? rest : note.blocks;
  return more.length ? `${opening}\n${blocksXhtml(more, assets)}` : opening;
}

/** A chapter's footnotes and endnotes, after its text: each an aside, its marker a link back to the reference. */
export function notesXhtml(notes: Note[], assets: AssetHrefs): string {
  return notes
    .map(
      (note) =>
        `<aside epub:type="${note.kind}" role="doc-footnote" id="${xmlAttr(note.id)}" class="footnote">` +
        `${noteBody(note, assets)}</aside>`,
    )
    .join('\n');
}

/**
 * The book's notes as endnotes, in a Notes section of their own: a list per chapter under its title, each
 * note linked back to its reference in the chapter's document.
 */
export function endnotesXhtml(book: Book, assets: AssetHrefs): string {
  const groups = book.chapters.flatMap((chapter) => {
    const notes = blockNotes(chapter.blocks);
    if (!notes.length) return [];
    const headingId = `notes-${chapter.id}`;
    const title = xmlText(chapterLabel(chapter, book.chapterHeadings));
    const items = notes
      .map(
        (note) =>
          `<li id="${xmlAttr(note.id)}" epub:type="endnote">${noteBody(note, assets, `${chapter.id}.xhtml`)}</li>`,
      )
      .join('\n');
    return [
      `<section aria-labelledby="${headingId}">\n<h2 id="${headingId}">${title}</h2>\n<ol class="endnotes">\n${items}\n</ol>\n</section>`,
    ];
  });
  return (
    `<section id="notes" epub:type="endnotes" role="doc-endnotes" aria-labelledby="notes-title">\n` +
    `<h1 id="notes-title">Notes</h1>\n${groups.join('\n')}\n</section>`
  );
}

/**
 * Blocks as XHTML. With a design's `look` (a chapter's own blocks), its first paragraph opens as the
 * design asks (a drop cap, a lead-in), and so does the first after a scene break when the design says so.
 */
export function blocksXhtml(blocks: Block[], assets: AssetHrefs, headingShift = 0, look?: EbookLook): string {
  const out: string[] = [];
  let first = true;
  let afterBreak = false;
  let opening = true;
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph': {
        // Verse (a paragraph of lines kept as written), as print sets it: flush left, inset, no drop cap.
        const verse = isVerse(b);
        // A song that opens with a quote mark hangs it before the line, as print does.
        const hang = verse && openingMarks(plainText(b.children)) !== '';
        const classes = [first ? 'first' : '', b.align ?? '', verse ? 'verse' : '', hang ? 'hang' : '']
          .filter(Boolean)
          .join(' ');
        // The chapter's first paragraph of prose (after an epigraph, say), or the first after a break.
        const opens =
          look?.design.ebookOpening &&
          first &&
          !b.align &&
          !verse &&
          (opening || (afterBreak && look.design.afterBreak));
        const text = opens
          ? openingXhtml(b.children, look, opening, (nodes) => inlinesXhtml(nodes, assets), xmlText)
          : inlinesXhtml(b.children, assets);
        out.push(`<p${classes ? ` class="${classes}"` : ''}>${text}</p>`);
        // After verse, prose starts flush, and the opening (a drop cap, small capitals) is still to come.
        first = verse;
        if (!verse) afterBreak = false;
        if (!b.align && !verse) opening = false;
        break;
      }
      case 'heading': {
        const level = Math.min(6, Math.max(2, b.level + headingShift));
        out.push(`<h${level}>${inlinesXhtml(b.children, assets)}</h${level}>`);
        first = true;
        break;
      }
      case 'sceneBreak':
        // The ornament is in the text, so that readers without generated content or with publisher
        // styles off still show the break (a gap alone vanishes at a page's top).
        // A picture for it is decoration: the separator role says what it is to a screen reader.
        out.push(
          look?.design.sceneBreakImage
            ? `<div class="scene-break" role="separator"><img src="${xmlText(assets.href(look.design.sceneBreakImage))}" alt="" /></div>`
            : `<div class="scene-break" role="separator">${xmlText(look?.sceneBreak ?? '*\u2003*\u2003*')}</div>`,
        );
        first = true;
        afterBreak = true;
        break;
      case 'blockQuote':
        out.push(`<blockquote>${blocksXhtml(b.children, assets, headingShift)}</blockquote>`);
        first = true;
        break;
      case 'note':
        out.push(`<aside class="note ${b.role}">${blocksXhtml(b.children, assets, headingShift)}</aside>`);
        first = true;
        break;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        const start = b.ordered && b.numbers[0] !== 1 ? ` start="${b.numbers[0]}"` : '';
        // An item numbered other than one more than the last keeps its own number.
        const value = (k: number) =>
          b.ordered && k > 0 && b.numbers[k] !== b.numbers[k - 1] + 1 ? ` value="${b.numbers[k]}"` : '';
        const items = b.items.map((item, k) => `<li${value(k)}>${blocksXhtml(item, assets, headingShift)}</li>`);
        out.push(`<${tag}${start}>${items.join('')}</${tag}>`);
        first = false;
        break;
      }
      case 'preformatted':
        out.push(`<pre>${xmlText(b.value)}</pre>`);
        first = false;
        break;
      case 'table':
        out.push(tableXhtml(b, assets));
        first = true;
        break;
      case 'figure': {
        const caption = b.caption.length ? `<figcaption><p>${inlinesXhtml(b.caption, assets)}</p></figcaption>` : '';
        out.push(`<figure><img src="${xmlAttr(assets.href(b.asset))}" alt="${xmlAttr(b.alt)}" />${caption}</figure>`);
        first = true;
        break;
      }
    }
  }
  return out.join('\n');
}

/**
 * A table: its caption, its head rows in a thead (column headers), the rest in a tbody (a header cell there
 * heads its row); spans and alignment kept.
 */
function tableXhtml(table: Extract<Block, { type: 'table' }>, assets: AssetHrefs): string {
  const heads = headRows(table.rows);
  const cell = (c: TableCell, inHead: boolean) => {
    const tag = c.header ? 'th' : 'td';
    const scope = c.header ? ` scope="${inHead ? 'col' : 'row'}"` : '';
    const span = `${c.colSpan ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}`;
    const align = c.align && c.align !== 'left' ? ` class="${c.align}"` : '';
    return `<${tag}${scope}${span}${align}>${inlinesXhtml(c.children, assets)}</${tag}>`;
  };
  const rows = (list: TableCell[][], inHead: boolean) =>
    list.map((r) => `<tr>${r.map((c) => cell(c, inHead)).join('')}</tr>`).join('\n');
  const caption = table.caption.length ? `<caption>${inlinesXhtml(table.caption, assets)}</caption>\n` : '';
  const head = heads ? `<thead>\n${rows(table.rows.slice(0, heads), true)}\n</thead>\n` : '';
  const body = table.rows.length > heads ? `<tbody>\n${rows(table.rows.slice(heads), false)}\n</tbody>\n` : '';
  return `<table>\n${caption}${head}${body}</table>`;
}

export function chapterXhtml(chapter: Chapter, assets: AssetHrefs, style?: HeadingStyle, look = ebookLook()): string {
  const sem = SEMANTICS[chapter.kind];
  const titleId = `${chapter.id}-title`;
  const role = sem.role ? ` role="${sem.role}"` : '';
  const heading = `${look.ornament ? `<div class="chapter-ornament" aria-hidden="true">${xmlText(look.ornament)}</div>\n` : ''}<h1 id="${titleId}">${headingXhtml(chapter, assets, style, look)}</h1>`;
  // With endnotes the notes are in the Notes section; otherwise at the chapter's end, where they pop up.
  const chapterNotes = assets.notesFile ? [] : blockNotes(chapter.blocks);
  const notes = chapterNotes.length ? `\n${notesXhtml(chapterNotes, assets)}` : '';
  return (
    `<section id="${chapter.id}" epub:type="${sem.type}"${role} ` +
    `aria-labelledby="${titleId}">\n${heading}\n${blocksXhtml(chapter.blocks, assets, 0, look)}${notes}\n</section>`
  );
}

/**
 * A chapter heading's content: as one line (classic's: the title, or "Chapter 3" over it), or, in a
 * design that sets them apart, the number and the title each in its span, the number read the design's way.
 */
function headingXhtml(chapter: Chapter, assets: AssetHrefs, style: HeadingStyle | undefined, look: EbookLook): string {
  if (!look.splitHeading) return inlinesXhtml(chapterHeadingInlines(chapter, style), assets);
  const parts = chapterHeadingParts(chapter, style, look.design.chapter);
  const number = parts.number ? `<span class="chapter-number">${xmlText(parts.number)}</span>` : '';
  const title = parts.title ? `<span class="chapter-title">${inlinesXhtml(parts.title, assets)}</span>` : '';
  return number && title ? `${number} ${title}` : number || title;
}

/** The title page; the design's ornament (as the chapters show it) between the title and the byline. */
export function titlePageXhtml(book: Book, look?: EbookLook): string {
  const t = book.matter.titlePage;
  const lines = [`<h1 class="title">${xmlText(t.title)}</h1>`];
  if (t.subtitle) lines.push(`<p class="subtitle">${xmlText(t.subtitle)}</p>`);
  if (look?.ornament) lines.push(`<p class="ornament" aria-hidden="true">${xmlText(look.ornament)}</p>`);
  if (t.byline) lines.push(`<p class="author">${xmlText(t.byline)}</p>`);
  if (t.publisher) lines.push(`<p class="publisher">${xmlText(t.publisher)}</p>`);
  return `<section class="titlepage" epub:type="titlepage" aria-label="Title page">\n${lines.join('\n')}\n</section>`;
}

export function copyrightXhtml(book: Book): string {
  const lines = book.matter.copyright.map((statement) => `<p>${xmlText(statement)}</p>`);
  return (
    `<section class="copyright" epub:type="copyright-page" ` +
    `aria-label="Copyright">\n${lines.join('\n')}\n</section>`
  );
}

export function coverXhtml(book: Book, assets: AssetHrefs): string {
  const m = book.metadata;
  const authors = m.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  const alt = `Cover of ${m.title}${authors.length ? ` by ${joinNames(authors)}` : ''}`;
  return (
    `<section class="cover" epub:type="cover" aria-label="Cover">\n<img ` +
    `src="${xmlAttr(assets.href(book.cover!))}" alt="${xmlAttr(alt)}" />\n</section>`
  );
}

/** A complete XHTML content document around a body fragment. */
export function xhtmlDocument(lang: string, title: string, body: string, bodyType?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${xmlAttr(lang)}" xml:lang="${xmlAttr(lang)}">
<head>
<meta charset="UTF-8" />
<title>${xmlText(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css" />
</head>
<body${bodyType ? ` epub:type="${bodyType}"` : ''}>
${body}
</body>
</html>
`;
}

/** Front matter that comes before the contents: a dedication, an epigraph. */
export function isFrontMatter(chapter: Chapter): boolean {
  return standsAlone(chapter.kind);
}
