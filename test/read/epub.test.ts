/**
 * EPUBs from any tool as a book source, written here the way each tool writes them: calibre's EPUB 2 (NCX
 * contents only, a cover and a title page before the text, classes its CSS makes italic or bold, split
 * files), Sigil's and pandoc's EPUB 3 (a nav document, a title page, notes). What a reader of the book
 * would notice: the chapters and their titles, the text with its italics, the scene breaks, the notes, the
 * title, author and language.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, epubcheck, octavo, readEpub, tempDir } from '../helpers/book.js';

afterAll(cleanup);

const enc = (s: string) => new TextEncoder().encode(s);

interface Doc {
  href: string;
  body: string;
  /** The contents' label for this document, when the contents list it. */
  label?: string;
}

function epub(o: {
  version: '2.0' | '3.0';
  title: string;
  author: string;
  language: string;
  docs: Doc[];
  css?: string;
}): Uint8Array {
  const xhtml = (body: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" ` +
    `xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${o.title}</title>` +
    `<link rel="stylesheet" type="text/css" href="stylesheet.css"/></head><body>${body}</body></html>`;
  const listed = o.docs.filter((d) => d.label !== undefined);
  const ncx =
    `<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">` +
    `<head><meta name="dtb:uid" content="x"/></head><docTitle><text>${o.title}</text></docTitle><navMap>` +
    listed
      .map(
        (d, k) =>
          `<navPoint id="np${k}" playOrder="${k + 1}"><navLabel><text>${d.label}</text></navLabel>` +
          `<content src="${d.href}"/></navPoint>`,
      )
      .join('') +
    '</navMap></ncx>';
  const nav = xhtml(
    `<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>${listed
      .map((d) => `<li><a href="${d.href}">${d.label}</a></li>`)
      .join('')}</ol></nav>`,
  );
  const three = o.version === '3.0';
  const opf =
    `<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="${o.version}" ` +
    `unique-identifier="uid"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">` +
    `<dc:title>${o.title}</dc:title><dc:creator opf:role="aut">${o.author}</dc:creator>` +
    `<dc:language>${o.language}</dc:language><dc:identifier id="uid">urn:uuid:1</dc:identifier></metadata><manifest>` +
    o.docs.map((d, k) => `<item id="d${k}" href="${d.href}" media-type="application/xhtml+xml"/>`).join('') +
    '<item id="css" href="stylesheet.css" media-type="text/css"/>' +
    '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>' +
    (three ? '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>' : '') +
    `</manifest><spine toc="ncx">${o.docs.map((_d, k) => `<itemref idref="d${k}"/>`).join('')}</spine></package>`;
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [enc('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': enc(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">' +
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': enc(opf),
    'OEBPS/toc.ncx': enc(ncx),
    'OEBPS/stylesheet.css': enc(o.css ?? ''),
  };
  if (three) files['OEBPS/nav.xhtml'] = enc(nav);
  for (const d of o.docs) files[`OEBPS/${d.href}`] = enc(xhtml(d.body));
  return zipSync(files);
}

async function build(bytes: Uint8Array) {
  const dir = tempDir('octavo-epub-in-');
  const file = path.join(dir, 'book.epub');
  fs.writeFileSync(file, bytes);
  const out = tempDir('octavo-out-');
  const run = await octavo(['compile', file, '--out', out, '--format', 'epub', '--json']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const made = fs.readFileSync(path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.epub'))!));
  return { made, ...(await readEpub(made)) };
}

describe('an EPUB from another tool', () => {
  it("calibre's EPUB 2: chapters from its documents after the title page, italics from its CSS classes", async () => {
    const bytes = epub({
      version: '2.0',
      title: 'The Masked Ball',
      author: 'A. Writer',
      language: 'en-GB',
      css:
        '.calibre { display: block } .calibre3 { font-style: italic } span.calibre5 { font-weight: bold }\n' +
        '.calibre6 { text-align: center } /* .calibre9 { font-style: italic } */',
      docs: [
        { href: 'titlepage.xhtml', body: '<div class="calibre"><img src="cover.jpeg" alt="cover"/></div>' },
        { href: 'index_split_000.xhtml', body: '<h1 class="calibre2">The Masked Ball</h1><p>by A. Writer</p>' },
        {
          href: 'index_split_001.xhtml',
          label: 'Chapter One',
          body:
            '<h2 class="calibre4">Chapter One</h2><p class="calibre1">She read <span class="calibre3">Le Figaro</span> ' +
            'and <span class="calibre5">laughed</span>.</p><p class="calibre6">* * *</p>' +
            '<p class="calibre3">A whole paragraph in italics.</p><p class="calibre9">Not italic.</p>',
        },
        {
          href: 'index_split_002.xhtml',
          label: 'The Lake',
          body: '<p class="calibre1">The second chapter, whose title is only in the contents.</p>',
        },
      ],
    });
    const { chapters, opf, made } = await build(bytes);
    expect(chapters.map((c) => c.title)).toEqual(['Chapter 1', 'The Lake']);
    expect(chapters[0].xhtml).toContain('She read <em>Le Figaro</em> and <strong>laughed</strong>.');
    expect(chapters[0].xhtml).toMatch(/<p[^>]*><em>A whole paragraph in italics\.<\/em><\/p>/);
    expect(chapters[0].xhtml).toMatch(/<p[^>]*>Not italic\.<\/p>/);
    expect(chapters[0].xhtml).toMatch(/scene-break|role="separator"/);
    expect(opf).toContain('<dc:title id="title">The Masked Ball</dc:title>');
    expect(opf).toContain('A. Writer</dc:creator>');
    expect(opf).toContain('<dc:language>en-GB</dc:language>');
    expect((await epubcheck(made)).errors).toBe(0);
  }, 60_000);

  it("Sigil's or pandoc's EPUB 3: the nav's contents, a title page left out, a chapter per document, its notes", async () => {
    const bytes = epub({
      version: '3.0',
      title: 'Pandoc Notes',
      author: 'A. Writer',
      language: 'fr',
      docs: [
        {
          href: 'text/title_page.xhtml',
          label: 'Pandoc Notes',
          body: '<section epub:type="titlepage"><h1 class="title">Pandoc Notes</h1><p class="author">A. Writer</p></section>',
        },
        {
          href: 'text/ch001.xhtml',
          label: 'Le lac',
          body:
            '<section id="le-lac" class="level1"><h1>Le lac</h1><p>Il descendit.<a href="#fn1" class="footnote-ref" id="fnref1" ' +
            'epub:type="noteref">1</a></p></section><section class="footnotes" epub:type="footnotes"><hr /><ol>' +
            '<li id="fn1" epub:type="footnote"><p>Sous l’Opéra.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>',
        },
        {
          href: 'text/ch002.xhtml',
          label: 'La loge',
          body: '<section id="la-loge" class="level1"><h1>La loge</h1><p>La loge numéro cinq.</p></section>',
        },
      ],
    });
    const { chapters, opf, made } = await build(bytes);
    expect(chapters.map((c) => c.title)).toEqual(['Le lac', 'La loge']);
    expect(chapters[0].xhtml).toMatch(/epub:type="noteref"/);
    expect(chapters[0].xhtml).toMatch(/<aside epub:type="footnote"[^>]*>.*Sous l’Opéra\./);
    expect(chapters[0].xhtml).not.toContain('↩');
    expect(opf).toContain('<dc:language>fr</dc:language>');
    expect((await epubcheck(made)).errors).toBe(0);
  }, 60_000);
});
