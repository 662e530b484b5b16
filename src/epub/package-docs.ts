/** The package document (OPF), the EPUB 3 navigation document and the NCX for older readers. */
import type { Asset, Book } from '../model/book.js';
import type { EbookFont } from '../design/design.js';
import { xmlAttr, xmlText } from './xml.js';

export interface Page {
  /** Manifest id and file stem (`ch-001`). */
  id: string;
  file: string;
  title: string;
  /** Listed in the table of contents. */
  inToc: boolean;
  /** Reading-order role for landmarks. */
  landmark?: 'cover' | 'titlepage' | 'bodymatter' | 'copyright-page';
  /** A part's page: the chapters after it, up to the next part, are listed under it. */
  part?: boolean;
  xhtml: string;
}

export const NAV_FILE = 'toc.xhtml';
export const NCX_FILE = 'toc.ncx';
export const CSS_FILE = 'style.css';
export const IMAGE_DIR = 'images';

export function assetFile(asset: Asset): string {
  return `${IMAGE_DIR}/${asset.id}.${asset.extension}`;
}

function accessibility(book: Book): string[] {
  const images = [...book.assets.values()].filter((a) => a.id !== book.cover);
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
  if (images.length) features.push('alternativeText');
  const summary =
    'This publication meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA. It has a table of contents, ' +
    'headings that give its structure, a logical reading order, and text that the reader can restyle. ' +
    (images.length ? 'Images have text alternatives.' : 'It has no images other than the cover.');
  return [
    '<meta property="schema:accessMode">textual</meta>',
    ...(images.length || book.cover ? ['<meta property="schema:accessMode">visual</meta>'] : []),
    '<meta property="schema:accessModeSufficient">textual</meta>',
    ...features.map((f) => `<meta property="schema:accessibilityFeature">${f}</meta>`),
    '<meta property="schema:accessibilityHazard">none</meta>',
    `<meta property="schema:accessibilitySummary">${xmlText(summary)}</meta>`,
    '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
  ];
}

export function packageDocument(book: Book, front: Page[], body: Page[], fonts: EbookFont[] = []): string {
  const m = book.metadata;
  const meta: string[] = [
    `<dc:identifier id="book-id">${xmlText(m.identifier)}</dc:identifier>`,
    `<dc:title id="title">${xmlText(m.title)}</dc:title>`,
    '<meta refines="#title" property="title-type">main</meta>',
  ];
  if (m.subtitle)
    meta.push(
      `<dc:title id="subtitle">${xmlText(m.subtitle)}</dc:title>`,
      '<meta refines="#subtitle" property="title-type">subtitle</meta>',
    );
  m.creators.forEach((c, i) => {
    const id = `creator-${i + 1}`;
    const tag = c.role === 'aut' ? 'dc:creator' : 'dc:contributor';
    meta.push(`<${tag} id="${id}">${xmlText(c.name)}</${tag}>`);
    meta.push(`<meta refines="#${id}" property="role" scheme="marc:relators">${c.role}</meta>`);
    if (c.fileAs) meta.push(`<meta refines="#${id}" property="file-as">${xmlText(c.fileAs)}</meta>`);
  });
  meta.push(`<dc:language>${xmlText(m.language)}</dc:language>`);
  if (m.date) meta.push(`<dc:date>${xmlText(m.date)}</dc:date>`);
  if (m.publisher) meta.push(`<dc:publisher>${xmlText(m.publisher)}</dc:publisher>`);
  if (m.description) meta.push(`<dc:description>${xmlText(m.description)}</dc:description>`);
  if (m.rights) meta.push(`<dc:rights>${xmlText(m.rights)}</dc:rights>`);
  if (m.source) meta.push(`<dc:source>${xmlText(m.source.url)}</dc:source>`);
  for (const s of m.subjects) meta.push(`<dc:subject>${xmlText(s)}</dc:subject>`);
  if (m.series) {
    meta.push(
      `<meta property="belongs-to-collection" id="series">${xmlText(m.series.name)}</meta>`,
      '<meta refines="#series" property="collection-type">series</meta>',
    );
    if (m.series.position !== undefined)
      meta.push(`<meta refines="#series" property="group-position">${m.series.position}</meta>`);
  }
  meta.push(`<meta property="dcterms:modified">${m.modified}</meta>`);
  meta.push(...accessibility(book));
  if (book.cover) meta.push(`<meta name="cover" content="${book.cover}" />`);
  // Apple Books sets embedded fonts only when the book says it specifies them.
  if (fonts.length) meta.push('<meta property="ibooks:specified-fonts">true</meta>');

  const manifest: string[] = [
    `<item id="nav" href="${NAV_FILE}" media-type="application/xhtml+xml" properties="nav" />`,
    `<item id="ncx" href="${NCX_FILE}" media-type="application/x-dtbncx+xml" />`,
    `<item id="css" href="${CSS_FILE}" media-type="text/css" />`,
  ];
  for (const asset of [...book.assets.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const props = asset.id === book.cover ? ' properties="cover-image"' : '';
    manifest.push(`<item id="${asset.id}" href="${assetFile(asset)}" media-type="${asset.mediaType}"${props} />`);
  }
  for (const [i, font] of fonts.entries())
    manifest.push(`<item id="font-${i + 1}" href="fonts/${xmlAttr(font.file)}" media-type="font/ttf" />`);
  for (const page of [...front, ...body])
    manifest.push(`<item id="${page.id}" href="${page.file}" media-type="application/xhtml+xml" />`);

  const spine = [
    ...front.map((p) => `<itemref idref="${p.id}" />`),
    '<itemref idref="nav" />',
    ...body.map((p) => `<itemref idref="${p.id}" />`),
  ];
  // EPUB 2's guide beside EPUB 3's landmarks: calibre (and so Kindle, through it) reads only the guide for
  // the cover, the contents ("Go To > Contents") and where reading starts.
  const cover = front.find((p) => p.landmark === 'cover');
  const start = body.find((p) => p.landmark === 'bodymatter') ?? body[0];
  const guide = [
    ...(cover ? [`<reference type="cover" title="Cover" href="${cover.file}" />`] : []),
    `<reference type="toc" title="Contents" href="${NAV_FILE}" />`,
    ...(start ? [`<reference type="text" title="Start of Content" href="${start.file}" />`] : []),
  ];

  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${xmlAttr(m.language)}"${fonts.length ? ' prefix="ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/"' : ''}>
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${meta.join('\n')}
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine toc="ncx">
${spine.join('\n')}
</spine>
<guide>
${guide.join('\n')}
</guide>
</package>
`;
}

/** Table-of-contents entries: pages in order, each part with the chapters that follow it beneath it. */
function tocTree(pages: Page[]): { page: Page; children: Page[] }[] {
  const tree: { page: Page; children: Page[] }[] = [];
  let part: { page: Page; children: Page[] } | undefined;
  for (const page of pages.filter((p) => p.inToc)) {
    if (page.part) {
      part = { page, children: [] };
      tree.push(part);
    } else if (part && !page.landmark?.startsWith('copyright')) part.children.push(page);
    else tree.push({ page, children: [] });
  }
  return tree;
}

export function navDocument(book: Book, front: Page[], body: Page[], tocTitle: string): string {
  const m = book.metadata;
  const link = (p: Page) => `<a href="${p.file}">${xmlText(p.title)}</a>`;
  const entries = [...tocTree(front), ...tocTree(body)].map(({ page, children }) =>
    children.length
      ? `<li>${link(page)}\n<ol>\n${children.map((c) => `<li>${link(c)}</li>`).join('\n')}\n</ol></li>`
      : `<li>${link(page)}</li>`,
  );
  const landmarks: string[] = [];
  const cover = front.find((p) => p.landmark === 'cover');
  if (cover) landmarks.push(`<li><a epub:type="cover" href="${cover.file}">Cover</a></li>`);
  const titlePage = front.find((p) => p.landmark === 'titlepage');
  if (titlePage) landmarks.push(`<li><a epub:type="titlepage" href="${titlePage.file}">Title Page</a></li>`);
  landmarks.push(`<li><a epub:type="toc" href="${NAV_FILE}#toc">${xmlText(tocTitle)}</a></li>`);
  const start = body.find((p) => p.landmark === 'bodymatter') ?? body[0];
  if (start) landmarks.push(`<li><a epub:type="bodymatter" href="${start.file}">Start of Content</a></li>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${xmlAttr(m.language)}" xml:lang="${xmlAttr(m.language)}">
<head>
<meta charset="UTF-8" />
<title>${xmlText(tocTitle)}</title>
<link rel="stylesheet" type="text/css" href="${CSS_FILE}" />
</head>
<body epub:type="frontmatter">
<nav id="toc" epub:type="toc" role="doc-toc" aria-labelledby="toc-title">
<h1 id="toc-title">${xmlText(tocTitle)}</h1>
<ol>
${entries.join('\n')}
</ol>
</nav>
<nav epub:type="landmarks" aria-label="Landmarks" hidden="hidden">
<ol>
${landmarks.join('\n')}
</ol>
</nav>
</body>
</html>
`;
}

export function ncxDocument(book: Book, front: Page[], body: Page[], tocTitle: string): string {
  const m = book.metadata;
  const nav: Page = { id: 'nav', file: NAV_FILE, title: tocTitle, inToc: true, xhtml: '' };
  const tree = [...tocTree(front), { page: nav, children: [] }, ...tocTree(body)];
  // Play order follows reading order: a part, then its chapters.
  let order = 0;
  const point = (p: Page, children: Page[] = []): string => {
    const head =
      `<navPoint id="np-${p.id}" ` +
      `playOrder="${++order}"><navLabel><text>${xmlText(p.title)}</text></navLabel><content src="${p.file}" />`;
    return `${head}${children.map((c) => point(c)).join('')}</navPoint>`;
  };
  const points = tree.map(({ page, children }) => point(page, children));
  const depth = tree.some((t) => t.children.length) ? 2 : 1;
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${xmlAttr(m.language)}">
<head>
<meta name="dtb:uid" content="${xmlAttr(m.identifier)}" />
<meta name="dtb:depth" content="${depth}" />
<meta name="dtb:totalPageCount" content="0" />
<meta name="dtb:maxPageNumber" content="0" />
</head>
<docTitle><text>${xmlText(m.title)}</text></docTitle>
<navMap>
${points.join('\n')}
</navMap>
</ncx>
`;
}
