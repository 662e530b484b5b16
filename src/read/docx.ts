/**
 * A Word document (`.docx` from Word, Google Docs or LibreOffice; `.docm` with its macros never run) as a
 * book of its own (`octavo compile "My Novel.docx"`), and as a chapter file in a book folder. The package
 * is opened with limits (src/read/zip.ts); nothing it refers to outside itself (linked images, templates,
 * INCLUDETEXT fields) is ever fetched. Places in messages are "paragraph of the body, character":
 * `book.docx:214:17` (shown as `book.docx ¶214:17`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { configFromValues } from '../config/load.js';
import { BookError, type Diagnostics, type RuleId } from '../diagnostics/diagnostic.js';
import type { Block, Inline, ManuscriptFile } from '../model/book.js';
import { decodeEntities } from '../model/entities.js';
import type { LineIndex, Span } from '../model/position.js';
import { parseDocx, type DocxResult } from '../parse/docx.js';
import { odtProperties, parseOdt } from '../parse/odt.js';
import { titleFromFileName } from './header.js';
import { defineReader } from './reader.js';
import { entryText, openZip } from './zip.js';

/** Where the packages keep their pictures: Word's word/media/, OpenDocument's Pictures/. */
const MEDIA = /^(word\/media|Pictures)\/[^/]+\.(png|jpe?g|gif)$/i;

/** book.yaml `revisions`: build with tracked changes accepted, rejected, or not at all while any remain. */
type Revisions = 'accept' | 'reject' | 'refuse';

export const WORD_EXTENSIONS = ['.docx', '.docm', '.odt'];

const PARTS = new Set([
  'word/document.xml',
  'word/styles.xml',
  'word/footnotes.xml',
  'word/endnotes.xml',
  'word/numbering.xml',
  'word/_rels/document.xml.rels',
  'docProps/core.xml',
  '[Content_Types].xml',
  // OpenDocument.
  'mimetype',
  'content.xml',
  'styles.xml',
  'meta.xml',
]);

/** What a Word document's package says of itself: its title, author and language. */
export interface WordDocument {
  file: ManuscriptFile;
  parsed: DocxResult;
  properties: { title?: string; author?: string };
}

/** An OLE compound file: a Word 97–2003 document, or a .docx encrypted with a password. */
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export function readWordDocument(
  bytes: Uint8Array,
  rel: string,
  diagnostics: Diagnostics,
  sources: Map<string, LineIndex>,
  revisions: Revisions = 'accept',
): WordDocument {
  if (isOle(bytes)) {
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 16)));
    const encrypted = /E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e/.test(text);
    throw new BookError({
      rule: 'not-text',
      message: encrypted
        ? `${rel} is protected with a password, so Octavo cannot read it`
        : `${rel} is a Word 97–2003 document (.doc), which Octavo does not read`,
      file: rel,
      hint: encrypted
        ? 'In Word: File, Info, Protect Document, Encrypt with Password, clear the password, then save.'
        : 'In Word: File, Save As, "Word Document (.docx)"; in LibreOffice: File, Save As, "Word 2007–365".',
    });
  }
  const zip = openZip(bytes, rel, 'a Word document', 'not-text', (name) => PARTS.has(name) || MEDIA.test(name));
  const images = new Map<string, Uint8Array>();
  for (const name of zip.names) if (MEDIA.test(name) && zip.files[name]) images.set(name, zip.files[name]);
  const part = (name: string) => entryText(zip.files[name]);
  const document = part('word/document.xml');
  // An OpenDocument text (whatever its name says): LibreOffice's and Google Docs' .odt.
  if (document === undefined && zip.names.includes('content.xml'))
    return readOpenDocument(part, images, rel, diagnostics, sources, revisions);
  if (document === undefined) {
    throw new BookError({
      rule: 'not-text',
      message: `${rel} has no word/document.xml: it is not a Word document`,
      file: rel,
      hint: 'Open it in Word or Google Docs and save or download it again as .docx.',
    });
  }
  if (!/<\/w:document>\s*$/.test(document)) {
    throw new BookError({
      rule: 'not-text',
      message: `${rel} is cut short: its text (word/document.xml) ends before the document does`,
      file: rel,
      hint: 'The file was damaged or not completely saved; save it again from Word and build again.',
    });
  }
  if (/vbaProject\.bin/.test(zip.names.join('\n'))) {
    diagnostics.warn({
      rule: 'docx',
      message: `${rel} holds macros; they are ignored (nothing in a manuscript is ever run)`,
      file: rel,
      hint: 'Save it as .docx (without macros) to be rid of this warning.',
    });
  }
  const parsed = parseDocx(
    {
      document,
      styles: part('word/styles.xml'),
      footnotes: part('word/footnotes.xml'),
      endnotes: part('word/endnotes.xml'),
      numbering: part('word/numbering.xml'),
      relationships: part('word/_rels/document.xml.rels'),
    },
    { file: rel, revisions: revisions === 'reject' ? 'reject' : 'accept' },
  );
  return finish(parsed, { rel, images, diagnostics, sources, revisions }, coreProperties(part('docProps/core.xml')));
}

/** What both kinds of document end with: the source known, the report made, the pictures checked. */
function finish(
  parsed: DocxResult,
  o: {
    rel: string;
    images: Map<string, Uint8Array>;
    diagnostics: Diagnostics;
    sources: Map<string, LineIndex>;
    revisions: Revisions;
  },
  properties: WordDocument['properties'],
): WordDocument {
  o.sources.set(o.rel, parsed.source);
  const tracked = parsed.counts.insertions + parsed.counts.deletions;
  if (o.revisions === 'refuse' && tracked > 0) {
    throw new BookError({
      rule: 'docx-revisions',
      message: `${o.rel} still has ${tracked} tracked change${tracked === 1 ? '' : 's'}, and book.yaml says revisions: refuse`,
      file: o.rel,
      start: parsed.firstAt.revision?.start,
      hint: 'Accept or reject them in the document (Review, Accept All Changes), then build again.',
    });
  }
  report(o.rel, parsed, o.diagnostics, o.revisions);
  parsed.blocks = keepHeldPictures(parsed.blocks, o.images, o.rel, o.diagnostics);
  const file: ManuscriptFile = {
    rel: o.rel,
    blocks: parsed.blocks,
    frontMatter: {},
    pos: parsed.source.span(o.rel, 0, 0),
    images: o.images,
  };
  return { file, parsed, properties };
}

/** An OpenDocument text's parts into the same model as a Word document's. */
function readOpenDocument(
  part: (name: string) => string | undefined,
  images: Map<string, Uint8Array>,
  rel: string,
  diagnostics: Diagnostics,
  sources: Map<string, LineIndex>,
  revisions: Revisions,
): WordDocument {
  const mimetype = part('mimetype')?.trim();
  if (mimetype && mimetype !== 'application/vnd.oasis.opendocument.text') {
    throw new BookError({
      rule: 'not-text',
      message: `${rel} is an OpenDocument file of another kind (${mimetype}), not a text document`,
      file: rel,
      hint: 'Save the manuscript from LibreOffice Writer or Google Docs as .odt or .docx.',
    });
  }
  const content = part('content.xml')!;
  if (!/<\/office:document-content>\s*$/.test(content)) {
    throw new BookError({
      rule: 'not-text',
      message: `${rel} is cut short: its text (content.xml) ends before the document does`,
      file: rel,
      hint: 'The file was damaged or not completely saved; save it again and build again.',
    });
  }
  const meta = part('meta.xml');
  const parsed = parseOdt(
    { content, styles: part('styles.xml'), meta },
    { file: rel, revisions: revisions === 'reject' ? 'reject' : 'accept' },
  );
  return finish(parsed, { rel, images, diagnostics, sources, revisions }, odtProperties(meta));
}

/**
 * The document's pictures that it holds as JPEG, PNG or GIF; any other (a Windows metafile, an SVG, a
 * picture missing from the package) is left out with a warning at its place.
 */
function keepHeldPictures(
  blocks: Block[],
  images: Map<string, Uint8Array>,
  rel: string,
  diagnostics: Diagnostics,
): Block[] {
  const left = (ref: string, pos: Span) =>
    diagnostics.warn({
      rule: 'bad-image',
      message: `the picture ${ref} in ${rel} is not a JPEG, PNG or GIF image held in the document; it is left out`,
      file: rel,
      start: pos.start,
      end: pos.end,
      hint: 'Insert the picture again from a PNG or JPEG file (not a drawing or a metafile).',
    });
  const inlines = (list: Inline[]): Inline[] =>
    list.flatMap((n): Inline[] => {
      if (n.type === 'image' && !images.has(n.asset)) {
        left(n.asset, n.pos);
        return [];
      }
      return 'children' in n ? [{ ...n, children: inlines(n.children) } as Inline] : [n];
    });
  const walk = (list: Block[]): Block[] =>
    list.flatMap((b): Block[] => {
      switch (b.type) {
        case 'figure':
          if (images.has(b.asset)) return [b];
          left(b.asset, b.pos);
          return [];
        case 'paragraph':
        case 'heading':
          return [{ ...b, children: inlines(b.children) }];
        case 'blockQuote':
        case 'note':
          return [{ ...b, children: walk(b.children) }];
        case 'list':
          return [{ ...b, items: b.items.map(walk) }];
        case 'table':
          return [{ ...b, rows: b.rows.map((r) => r.map((c) => ({ ...c, children: inlines(c.children) }))) }];
        default:
          return [b];
      }
    });
  return walk(blocks);
}

/** One message for each kind of thing in the document that is not book text, with where the first is. */
function report(rel: string, d: DocxResult, diagnostics: Diagnostics, revisions: Revisions): void {
  const { counts, firstAt } = d;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const done = revisions === 'accept' ? 'accepted' : 'rejected';
  const found: [number, RuleId, string, Span | undefined, string][] = [
    [
      counts.insertions + counts.deletions,
      'docx-revisions',
      `tracked changes (${plural(counts.insertions, 'insertion')}, ${plural(counts.deletions, 'deletion')}): ` +
        `the book is built with them ${done}`,
      firstAt.revision,
      'Accept or reject them in Word (Review, Accept All) to be rid of this warning, or set revisions: in book.yaml.',
    ],
    [
      counts.comments,
      'docx-comments',
      `${plural(counts.comments, 'comment')}; comments never reach the book`,
      firstAt.comment,
      'Resolve or delete them in Word (Review, Delete All Comments) to be rid of this warning.',
    ],
    [
      counts.textBoxes,
      'docx',
      `${plural(counts.textBoxes, 'text box')}; their text is set after the paragraph they are anchored to`,
      firstAt.textBox,
      'Move the text into the body of the document if it belongs elsewhere.',
    ],
    [
      counts.linkedImages,
      'remote-image',
      `${plural(counts.linkedImages, 'picture')} linked to a file outside the document; linked pictures are never fetched, so they are left out`,
      firstAt.linkedImage,
      'In Word: File, Info, "Edit Links to Files", "Break Link" (the picture is then held in the document); or insert it again without "Link to File".',
    ],
    [
      counts.unsafeLinks,
      'unsafe-link',
      `${plural(counts.unsafeLinks, 'link')} to an address a book may not hold (javascript:, a file on a disk); the text is kept, without the link`,
      firstAt.unsafeLink,
      'Link to a web address (https://…) or a mail address, or remove the link in the document.',
    ],
    [
      counts.mergedCells,
      'docx',
      `${plural(counts.mergedCells, 'table cell')} merged into the cell above: the EPUB keeps the merge; in print the ` +
        "merged cell's text stands in its first row",
      firstAt.table,
      'Check the table in the print edition; splitting the merged cells in Word sets every row in full.',
    ],
  ];
  for (const [count, rule, what, at, hint] of found) {
    if (count) diagnostics.warn({ rule, message: `${rel} has ${what}`, file: rel, start: at?.start, hint });
  }
  if (d.titlePage) {
    diagnostics.add({
      severity: 'info',
      rule: 'docx-title-page',
      message: `${rel}: the title page (its first ${plural(d.titlePage.lines.length, 'line')}) is the book's title page, not story text`,
      file: rel,
      start: d.titlePage.span.start,
      end: d.titlePage.span.end,
      before: d.titlePage.lines.join('\n'),
      after: '',
    });
  }
}

/** docProps/core.xml's title and creator. */
function coreProperties(xml: string | undefined): { title?: string; author?: string } {
  if (!xml) return {};
  const value = (tag: string) => {
    const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
    const v = m ? decodeEntities(m[1]).trim() : undefined;
    return v || undefined;
  };
  return { title: value('dc:title'), author: value('dc:creator') };
}

export default defineReader({
  name: 'a word processor document (.docx, .odt)',
  accepts: (target) =>
    WORD_EXTENSIONS.includes(path.extname(target).toLowerCase()) &&
    fs.existsSync(target) &&
    fs.statSync(target).isFile(),
  read({ path: file, title: givenTitle, author: givenAuthor, diagnostics, sources }) {
    const name = path.basename(file);
    const doc = readWordDocument(fs.readFileSync(file), name, diagnostics, sources);
    const page = doc.parsed.titlePage;
    const title = givenTitle ?? page?.title ?? doc.properties.title ?? titleFromFileName(name);
    const author = givenAuthor ?? page?.author ?? doc.properties.author;
    const from = (given: string | undefined, onPage: string | undefined, inProperties: string | undefined) =>
      given
        ? 'the command line'
        : onPage
          ? 'its title page'
          : inProperties
            ? "the document's properties"
            : 'the file name';
    diagnostics.add({
      severity: 'info',
      rule: 'single-file',
      message: `${name}: the title "${title}" is from ${from(givenTitle, page?.title, doc.properties.title)}${
        author ? `, the author "${author}" from ${from(givenAuthor, page?.author, doc.properties.author)}` : ''
      }`,
      file: name,
    });
    const language =
      doc.parsed.language && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(doc.parsed.language)
        ? doc.parsed.language
        : undefined;
    const config = configFromValues({ title, author, language }, `${name}'s properties`);
    return { bookDir: path.dirname(file), config, files: [doc.file] };
  },
});
