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
import { cleanup, epubcheck, octavo, png, readEpub, tempDir } from '../helpers/book.js';

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
  /** Other files in the package, by their path in it. */
  extra?: Record<string, Uint8Array>;
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
  for (const [name, data] of Object.entries(o.extra ?? {})) files[name] = data;
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
  const report = JSON.parse(run.stdout) as { diagnostics: { rule: string; severity: string; message: string }[] };
  return { made, report, ...(await readEpub(made)) };
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

describe('pictures in an EPUB', () => {
  const withPicture = () =>
    epub({
      version: '3.0',
      title: 'Plans',
      author: 'A',
      language: 'en',
      docs: [
        {
          href: 'text/ch1.xhtml',
          label: 'The Plan',
          body: '<h1>The Plan</h1><p>The cellars:</p><p><img src="../images/plan.png" alt="the plan of the cellars"/></p><p>Gone.<img src="../images/missing.png" alt="x"/></p>',
        },
      ],
      extra: { 'OEBPS/images/plan.png': png(40, 30) },
    });

  it('takes a picture from the package, and leaves out one it does not hold, with a warning', async () => {
    const { files, chapters, made, report } = await build(withPicture());
    expect(chapters[0].xhtml).toMatch(/<img [^>]*alt="the plan of the cellars"/);
    expect([...files.keys()].filter((f) => f.endsWith('.png') && !f.includes('cover'))).toHaveLength(1);
    expect(report.diagnostics.filter((d) => d.rule === 'missing-image').map((d) => d.message)).toEqual([
      expect.stringContaining('OEBPS/images/missing.png is not in the EPUB'),
    ]);
    expect((await epubcheck(made)).errors).toBe(0);
  }, 60_000);

  it('octavo import writes the picture into assets/ and the folder builds the same chapter', async () => {
    const dir = tempDir('octavo-epub-import-');
    const file = path.join(dir, 'plans.epub');
    fs.writeFileSync(file, withPicture());
    const target = path.join(dir, 'plans');
    const run = await octavo(['import', file, target]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(fs.existsSync(path.join(target, 'assets', 'plan.png'))).toBe(true);
    const md = fs.readFileSync(
      path.join(target, 'manuscript', fs.readdirSync(path.join(target, 'manuscript'))[0]),
      'utf8',
    );
    expect(md).toContain('![the plan of the cellars](assets/plan.png)');
    const out = tempDir('octavo-out-');
    expect((await octavo(['compile', target, '--out', out, '--format', 'epub'])).code).toBe(0);
  }, 60_000);
});

describe('a hostile EPUB', () => {
  const refusal = async (bytes: Uint8Array) => {
    const dir = tempDir('octavo-epub-bad-');
    const file = path.join(dir, 'bad.epub');
    fs.writeFileSync(file, bytes);
    const out = tempDir('octavo-out-');
    const run = await octavo(['compile', file, '--out', out]);
    return { run, written: fs.existsSync(out) ? fs.readdirSync(out) : [] };
  };

  it('refuses a zip bomb with a clear message, and writes nothing', async () => {
    const bomb = zipSync(
      {
        mimetype: [enc('application/epub+zip'), { level: 0 }],
        'OEBPS/ch.xhtml': new Uint8Array(40 * 1024 * 1024).fill(0x20),
      },
      { level: 9 },
    );
    const { run, written } = await refusal(bomb);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.epub cannot be read as an EPUB: .*zip bomb/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(written.filter((f) => f.endsWith('.epub'))).toEqual([]);
  });

  it('reads past a DTD that defines entities, a script, names that climb out of the package and a bad escape', async () => {
    const laughs =
      '<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const bytes = epub({
      version: '3.0',
      title: 'Hostile',
      author: 'A',
      language: 'en',
      docs: [
        {
          href: 'ch1.xhtml',
          label: 'One',
          body: `<h1>One</h1><p>Text &lol2; here.</p><script>alert(1)</script><p><img src="../../../etc/passwd" alt="x"/></p><p><a href="%E0%A4%A">a link</a></p>`,
        },
      ],
    });
    // The DTD goes where a document's would be.
    const files = new Map<string, Uint8Array>();
    const { unzipSync } = await import('fflate');
    for (const [name, data] of Object.entries(unzipSync(bytes))) files.set(name, data);
    const doc = new TextDecoder().decode(files.get('OEBPS/ch1.xhtml'));
    files.set('OEBPS/ch1.xhtml', enc(doc.replace('<!DOCTYPE html>', laughs)));
    const rezipped = zipSync(
      Object.fromEntries(
        [...files].map(([n, d]) => [n, n === 'mimetype' ? ([d, { level: 0 }] as [Uint8Array, { level: 0 }]) : d]),
      ),
    );
    const { chapters } = await build(rezipped);
    expect(chapters.map((c) => c.title)).toEqual(['One']);
    // The entity is not expanded: the text is as written.
    expect(chapters[0].paragraphs[0]).toBe('Text &lol2; here.');
    expect(chapters[0].xhtml).not.toContain('<script');
    expect(chapters[0].xhtml).not.toContain('passwd');
  }, 60_000);
});
