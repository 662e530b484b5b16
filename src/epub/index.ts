/**
 * The EPUB back end: (book, options, env) → bytes. Content documents and package documents are made
 * from the model here; epub-gen-memory lays out the container (mimetype first and stored, META-INF,
 * OEBPS) through its template options; we add the images from memory and write the zip ourselves with
 * native zlib and one fixed date for every entry, so that builds are fast and reproducible. Nothing is fetched and no file is read.
 */
import { createRequire } from 'node:module';
import { blockNotes, hasTable, type Book } from '../model/book.js';
import { EPUB_CSS, NOTES_CSS, TABLE_CSS } from './css.js';
import { designCss, ebookLook, FONT_DIR } from './design.js';
import type { EbookFont } from '../design/design.js';
import { writeZip, type ZipEntry } from './zip.js';
import { assetFile, navDocument, ncxDocument, packageDocument, type Page } from './package-docs.js';
import {
  chapterXhtml,
  copyrightXhtml,
  ENDNOTES_FILE,
  endnotesXhtml,
  coverXhtml,
  isFrontMatter,
  titlePageXhtml,
  xhtmlDocument,
  type AssetHrefs,
} from './xhtml.js';
import { chapterLabel } from '../structure/chapters.js';

type EPubClass = typeof import('epub-gen-memory').EPub;
/**
 * epub-gen-memory, loaded when an EPUB is made (loading it costs a tenth of a second that `octavo check`
 * and a print-only build need not pay). In the CLI bundle the literal require is bundled, stubs included.
 */
function epubClass(): EPubClass {
  const mod = (
    typeof require === 'function' ? require('epub-gen-memory') : createRequire(import.meta.url)('epub-gen-memory')
  ) as { EPub?: EPubClass; default?: { EPub?: EPubClass } };
  // A CommonJS module: depending on the loader its exports sit on the namespace or on its default.
  return (mod.EPub ?? mod.default?.EPub) as EPubClass;
}

export interface EpubOptions {
  /** Title of the contents page. */
  tocTitle?: string;
  /** The design's fonts, embedded when book.yaml asks (`design.ebookFonts: true`); read by the caller. */
  fonts?: EbookFont[];
}

export function epubPages(book: Book, look = ebookLook(book.design)): { front: Page[]; body: Page[] } {
  const lang = book.metadata.language;
  const endnotes = book.notes?.ebook === 'endnotes' && book.chapters.some((c) => blockNotes(c.blocks).length > 0);
  const hrefs: AssetHrefs = {
    href: (id) => {
      const asset = book.assets.get(id);
      if (!asset) throw new Error(`internal: unknown asset ${id}`);
      return assetFile(asset);
    },
    ...(endnotes ? { notesFile: ENDNOTES_FILE } : {}),
  };
  const front: Page[] = [];
  if (book.cover)
    front.push({
      id: 'cover',
      file: 'cover.xhtml',
      title: 'Cover',
      inToc: false,
      landmark: 'cover',
      xhtml: xhtmlDocument(lang, 'Cover', coverXhtml(book, hrefs)),
    });
  front.push({
    id: 'titlepage',
    file: 'titlepage.xhtml',
    title: book.metadata.title,
    inToc: false,
    landmark: 'titlepage',
    xhtml: xhtmlDocument(lang, book.metadata.title, titlePageXhtml(book, look), 'frontmatter'),
  });
  front.push({
    id: 'copyright',
    file: 'copyright.xhtml',
    title: 'Copyright',
    inToc: false,
    landmark: 'copyright-page',
    xhtml: xhtmlDocument(lang, 'Copyright', copyrightXhtml(book), 'frontmatter'),
  });
  const body: Page[] = [];
  for (const chapter of book.chapters) {
    const title = chapterLabel(chapter, book.chapterHeadings);
    const frontMatter = isFrontMatter(chapter);
    const page: Page = {
      id: chapter.id,
      file: `${chapter.id}.xhtml`,
      title,
      inToc: true,
      part: chapter.kind === 'part',
      xhtml: xhtmlDocument(
        lang,
        title,
        chapterXhtml(chapter, hrefs, book.chapterHeadings, look),
        frontMatter ? 'frontmatter' : 'bodymatter',
      ),
    };
    (frontMatter ? front : body).push(page);
  }
  if (endnotes) {
    body.push({
      id: 'notes',
      file: ENDNOTES_FILE,
      title: 'Notes',
      inToc: true,
      xhtml: xhtmlDocument(lang, 'Notes', endnotesXhtml(book, hrefs), 'backmatter'),
    });
  }
  const start = body.find((p) => book.chapters.find((c) => c.id === p.id)?.kind !== 'foreword');
  if (start) start.landmark = 'bodymatter';
  return { front, body };
}

export async function renderEpub(book: Book, options: EpubOptions = {}): Promise<Uint8Array> {
  const tocTitle = options.tocTitle ?? 'Contents';
  const fonts = options.fonts ?? [];
  const look = ebookLook(book.design, fonts);
  const { front, body } = epubPages(book, look);
  const pages = [...front, ...body];
  const m = book.metadata;
  const EPub = epubClass();
  const generator = new EPub(
    {
      title: m.title,
      author: m.creators.map((c) => c.name),
      lang: m.language,
      description: m.description ?? m.title,
      date: m.modified,
      css:
        EPUB_CSS +
        (book.chapters.some((c) => blockNotes(c.blocks).length) ? NOTES_CSS : '') +
        (book.chapters.some((c) => hasTable(c.blocks)) ? TABLE_CSS : '') +
        designCss(look),
      version: 3,
      verbose: false,
      // Our documents are complete; the templates only place them.
      chapterXHTML: '<%- octavoXhtml %>',
      contentOPF: '<%- octavo.opf %>',
      tocNCX: '<%- octavo.ncx %>',
      tocXHTML: '<%- octavo.nav %>',
      octavo: {
        opf: packageDocument(book, front, body, fonts),
        nav: navDocument(book, front, body, tocTitle),
        ncx: ncxDocument(book, front, body, tocTitle),
      },
    } as never,
    pages.map((p) => ({ title: p.title, content: '', filename: p.file, octavoXhtml: p.xhtml })) as never,
  );
  await generator.render();
  // `zip` is protected in the typings but is the library's packaging hook: the one place to add files.
  // `zip` is protected in the typings but is the library's packaging hook: the container as it laid it out.
  const zip = (generator as unknown as { zip: import('jszip') }).zip;
  const entries: ZipEntry[] = [];
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir)
      entries.push({ name: entry.name, data: await entry.async('uint8array'), store: entry.name === 'mimetype' });
  }
  for (const asset of [...book.assets.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    entries.push({ name: `OEBPS/${assetFile(asset)}`, data: asset.data, store: true });
  }
  for (const font of fonts) entries.push({ name: `OEBPS/${FONT_DIR}/${font.file}`, data: font.data, store: false });
  if (entries[0]?.name !== 'mimetype') throw new Error('internal: the EPUB container must start with mimetype');
  const bytes = writeZip(entries, new Date(m.modified));
  return bytes;
}
