/** Archive downloads as a book source: `octavo compile work.html` and `octavo import work.html mybook`. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { blocksToMarkdown } from '../../src/model/markdown.js';
import { plainText, type Block } from '../../src/model/book.js';
import { LineIndex } from '../../src/model/position.js';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { readArchive } from '../../src/parse/archive.js';
import { cleanup, epubcheck, octavo, png, readEpub, snapshot, tempDir } from '../helpers/book.js';
import { ao3Html, BACKSTAGE, type FakeWork } from './ao3.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** The work written where a fan saves a download, with optional files beside it. */
function download(work: FakeWork = BACKSTAGE, beside: Record<string, Uint8Array> = {}): string {
  const dir = tempDir('octavo-dl-');
  const file = path.join(dir, 'Backstage_at_the_Opera.html');
  fs.writeFileSync(file, ao3Html(work));
  for (const [rel, bytes] of Object.entries(beside)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  return file;
}

async function compile(source: string, format = 'epub', yamlPolicy?: string) {
  const out = tempDir('octavo-out-');
  if (yamlPolicy) fs.appendFileSync(path.join(source, 'book.yaml'), `notes: ${yamlPolicy}\n`);
  const run = await octavo(['compile', source, '--out', out, '--format', format, '--json']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as {
    diagnostics: { rule: string; severity: string; message: string; line: number | null }[];
  };
  const file = path.join(out, fs.readdirSync(out).find((f) => f.endsWith(`.${format}`))!);
  return { report, file, bytes: new Uint8Array(fs.readFileSync(file)) };
}

/** A chapter as a reader sees it: title, then each paragraph's text, asides marked. */
function readerView(xhtml: string): string[] {
  const body = /<section[\s\S]*<\/section>/.exec(xhtml)![0];
  return [
    ...body.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>|<p\b[^>]*>([\s\S]*?)<\/p>|<div [^>]*role="separator"[^>]*>|<aside\b/g),
  ].map((m) =>
    m[0].startsWith('<div')
      ? '* * *'
      : m[0].startsWith('<aside')
        ? 'aside'
        : (m[1] ?? m[2]).replace(/<br \/>/g, ' / ').replace(/<[^>]+>/g, ''),
  );
}

describe('an Archive of Our Own download', () => {
  it('compiles to a valid EPUB: metadata from the preface, chapters from its headings, notes set apart, the archive ' +
    'text left out', async () => {
    const file = download();
    const { report, bytes } = await compile(file);
    expect((await epubcheck(bytes)).messages).toEqual([]);
    const { chapters, opf, files } = await readEpub(bytes);
    expect(opf).toContain('<dc:title id="title">Backstage at the Opera</dc:title>');
    expect(opf).toMatch(/<dc:creator id="creator-1">megsfan<\/dc:creator>/);
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<dc:source>https://archiveofourown.org/works/4242</dc:source>');
    expect(opf).toContain('<dc:description>Meg waits for Jérôme after Antony and Cleopatra.');
    for (const tag of ['The Phantom of the Opera - All Media Types', 'Meg Giry/Jérôme', 'Madame Giry', 'Angst'])
      expect(opf).toContain(`<dc:subject>${tag}</dc:subject>`);
    const copyright = [...files.entries()].find(([name]) => name.endsWith('copyright.xhtml'))![1];
    expect(copyright).toContain(
      'Originally published on Archive of Our Own at https://archiveofourown.org/works/4242.',
    );

    expect(chapters.map((c) => c.title)).toEqual(['The Meeting', 'Chapter 2']);
    expect(readerView(chapters[0].xhtml)).toEqual([
      'The Meeting',
      '“Meet me backstage when your practice is over, Meg.” He whispers to her.',
      'She giggles and smooths down her hair.',
      '* * *',
      'Practice is hard, but it ends soon.',
      '* * *',
      'She runs to the Rue Scribe door. / It is locked. / It is always locked.',
      // The work's notes, the chapter's summary and notes, then its end notes: set apart after the story.
      'aside',
      'Notes: My first fic for this fandom! Thanks to my beta, who is a saint.',
      'aside',
      'Summary: Meg has a plan.',
      'aside',
      'Notes: Set the night of the gala.',
      'aside',
      'End Notes: Next chapter: the reveal!',
    ]);
    expect(readerView(chapters[1].xhtml)).toEqual([
      'Chapter 2',
      'The production was tonight.',
      'To Meg — meet me at the lake. J.',
      'a ribbon',
      'a letter',
      'She went down to the lake.',
      'aside',
      'End Notes: Thank you for reading all the way to the end.',
    ]);
    expect(chapters[0].xhtml).toContain('<aside class="note summary">');
    // Nothing of the archive's own text is story text.
    const text = chapters.map((c) => c.xhtml).join('\n');
    for (const boilerplate of [
      'Posted originally',
      'drop by the Archive',
      'Teen And Up Audiences',
      'Words:',
      'Preface',
      'Afterword',
      'See the end of the chapter',
    ])
      expect(text).not.toContain(boilerplate);
    // The image on the web is reported at its place and left out; nothing was fetched.
    const remote = report.diagnostics.filter((d) => d.rule === 'remote-image');
    expect(remote).toHaveLength(1);
    expect(remote[0]).toMatchObject({
      severity: 'warning',
      line:
        ao3Html(BACKSTAGE)
          .split('\n')
          .findIndex((l) => l.includes('imgur')) + 1,
    });
    expect(report.diagnostics.filter((d) => d.rule === 'notes')).toHaveLength(5);
    expect(report.diagnostics.find((d) => d.rule === 'archive-apparatus')?.message).toContain('Posted originally on');
  }, 60_000);

  it.each([
    [
      'keep',
      ['Summary: Meg has a plan.', 'Practice is hard, but it ends soon.', 'End Notes: Next chapter: the reveal!'],
    ],
    [
      'drop',
      [
        'She giggles and smooths down her hair.',
        'Practice is hard, but it ends soon.',
        'She runs to the Rue Scribe door. / It is locked. / It is always locked.',
      ],
    ],
  ])(
    'follows notes: %s',
    async (policy, expected) => {
      const dir = tempDir();
      const file = download();
      await octavo(['import', file, path.join(dir, 'book')]);
      const { bytes } = await compile(path.join(dir, 'book'), 'epub', policy);
      const view = readerView((await readEpub(bytes)).chapters[0].xhtml).filter((l) => l !== 'aside' && l !== '* * *');
      if (policy === 'keep') {
        // Where the archive put them: summary and notes before the story, end notes after it.
        expect(view.indexOf(expected[0])).toBeLessThan(view.indexOf(expected[1]));
        expect(view.indexOf(expected[2])).toBe(view.length - 1);
      } else expect(view.slice(-3)).toEqual(expected);
    },
    60_000,
  );

  it.skipIf(!has('pdftotext') || !has('pdffonts'))(
    'also makes a print PDF that credits the archive, with every font embedded',
    async () => {
      const { file } = await compile(download(), 'pdf');
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Originally published on Archive of Our Own at');
      expect(text).toContain('Backstage at the Opera');
      expect(text).toMatch(/Meet me backstage/);
      if (has('qpdf'))
        expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
          'No syntax or stream encoding errors',
        );
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f.split(/\s+/).at(-5)).toBe('yes');
    },
    60_000,
  );

  it('takes a one-chapter work as one chapter under the work title, and the writer local copy of an image', async () => {
    const oneShot: FakeWork = {
      ...BACKSTAGE,
      language: 'Français',
      chapters: [{ body: '<p>Elle attend.</p><p><img src="https://i.imgur.com/abc123.png" alt="La porte" /></p>' }],
    };
    const { bytes, report } = await compile(download(oneShot, { 'assets/abc123.png': png(40, 30) }));
    const { chapters, opf, files } = await readEpub(bytes);
    expect(chapters.map((c) => c.title)).toEqual(['Backstage at the Opera']);
    expect(opf).toContain('<dc:language>fr</dc:language>');
    expect(report.diagnostics.filter((d) => d.rule === 'remote-image')).toEqual([]);
    expect([...files.keys()].some((f) => f.endsWith('.png'))).toBe(true);
    expect(chapters[0].xhtml).toMatch(/<img [^>]*alt="La porte"/);
  }, 60_000);
  it("reads a paste's paragraphs and a heading typed again in the text, as writers post them", async () => {
    const pasted: FakeWork = {
      ...BACKSTAGE,
      chapters: [
        {
          heading: 'Prologue',
          body: '<p align="center"><b>Chapter One</b></p><p>The first paragraph.<br />\n<br />\nThe second paragraph.<br />A line of it.<br /><br /><br />The third.</p>',
        },
        { heading: 'Chapter 2', body: '<p><b><u>Chapter Two</u></b></p><p>Chapter two begins.</p>' },
        {
          heading: 'II: The New Margarita',
          body: '<p><strong>II: The New Margarita</strong></p><p><strong>Bold opening words</strong> of the text.</p>',
        },
      ],
    };
    const { bytes, report } = await compile(download(pasted));
    const { chapters } = await readEpub(bytes);
    expect(chapters.map((c) => c.title)).toEqual(['Prologue', 'Chapter 2', 'II: The New Margarita']);
    // (The work's notes stand in the first chapter too, set apart.)
    expect(chapters[0].paragraphs.filter((p) => !p.startsWith('Notes:'))).toEqual([
      'The first paragraph.',
      'The second paragraph. A line of it.',
      'The third.',
    ]);
    expect(chapters[0].xhtml).toContain('The second paragraph.<br />A line of it.');
    expect(chapters[1].paragraphs).toEqual(['Chapter two begins.']);
    expect(chapters[2].paragraphs[0]).toBe('Bold opening words of the text.');
    // Each heading left out is reported at its place.
    expect(report.diagnostics.filter((d) => /heading typed again/.test(d.message)).map((d) => d.line)).toHaveLength(3);
  }, 60_000);
});

/**
 * The download as calibre makes the archive's EPUB of it: the preface split over two documents that both
 * keep its id, the meta blocks' class renamed (`calibre1`), `userstuff` numbered (`userstuff1`, `userstuff2`).
 */
function asCalibreEpub(html: string): Uint8Array {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  const cut = body.indexOf('<h1');
  const calibre = `${body.slice(0, cut)}</div><div id="preface" class="calibre1">${body.slice(cut)}`
    .replace(/class="meta(?: group)?"/g, 'class="calibre1"')
    .replace('<div id="chapters" class="userstuff">', '<div id="chapters" class="userstuff1">')
    .replace(/<div class="userstuff">/g, '<div class="userstuff2">');
  return asEpub(html.replace(body, calibre), 'userstuff1', 'calibre1');
}

/** The download as the archive's EPUB: its parts in three documents, the chapters' wrapper split between two. */
function asEpub(html: string, wrapperClass = 'userstuff', metaClass = 'meta group'): Uint8Array {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  const [preface, rest] = body.split(`<div id="chapters" class="${wrapperClass}">`);
  const meta = `<div class="${metaClass}">`;
  const secondChapter = rest.indexOf(meta, rest.indexOf(meta) + 1);
  const [chapters, afterword] = [
    rest.slice(0, rest.lastIndexOf('<div id="afterword">')),
    rest.slice(rest.lastIndexOf('<div id="afterword">')),
  ];
  const doc = (inner: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<html ` +
    `xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>${inner}</body></html>`;
  const docs = [
    preface,
    `<div id="chapters" class="${wrapperClass}">${chapters.slice(0, secondChapter)}</div>`,
    // The archive's own EPUB drops the wrapper's id in the second part; calibre's keeps it.
    `<div${wrapperClass === 'userstuff' ? '' : ' id="chapters"'} class="${wrapperClass}">${chapters.slice(secondChapter)}${afterword}`,
  ];
  const enc = (s: string) => new TextEncoder().encode(s);
  return zipSync({
    mimetype: [enc('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': enc(
      '<?xml version="1.0"?><container version="1.0" ' +
        'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': enc(
      `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" ` +
        `version="2.0"><metadata/><manifest>${docs.map((_, i) => `<item id="s${i}" href="text/split_00${i}.xhtml" media-type="application/xhtml+xml"/>`).join('')}</manifest><spine>${docs.map((_, i) => `<itemref idref="s${i}"/>`).join('')}</spine></package>`,
    ),
    ...Object.fromEntries(docs.map((d, i) => [`OEBPS/text/split_00${i}.xhtml`, enc(doc(d))])),
  });
}

it('sanitises the story HTML as everywhere else: scripts and handlers go, with a warning, the words stay', async () => {
  const hostile: FakeWork = {
    ...BACKSTAGE,
    chapters: [
      { body: '<p onclick="steal()">She sang.</p><script>fetch("https://evil.example")</script><p>The end.</p>' },
    ],
  };
  const { bytes, report } = await compile(download(hostile));
  const { chapters } = await readEpub(bytes);
  expect(readerView(chapters[0].xhtml).slice(1, 3)).toEqual(['She sang.', 'The end.']);
  expect(chapters[0].xhtml).not.toMatch(/script|onclick|evil/);
  expect(report.diagnostics.filter((d) => d.rule === 'unsafe-html').map((d) => d.severity)).toEqual([
    'warning',
    'warning',
  ]);
});

describe("the archive's EPUB download", () => {
  /** The download made into an EPUB by `make`, compiled, beside the book its HTML gives. */
  async function bothWays(make: (html: string) => Uint8Array) {
    const html = download();
    const epub = path.join(path.dirname(html), 'Backstage_at_the_Opera.epub');
    fs.writeFileSync(epub, make(fs.readFileSync(html, 'utf8')));
    const fromHtml = await readEpub((await compile(html)).bytes);
    const out = tempDir('octavo-out-');
    const run = await octavo(['compile', epub, '--out', out, '--format', 'epub']);
    expect(run.code, run.stderr).toBe(0);
    const fromEpub = await readEpub(new Uint8Array(fs.readFileSync(path.join(out, 'backstage-at-the-opera.epub'))));
    return { fromHtml, fromEpub };
  }

  it('gives the same book as its HTML download', async () => {
    const { fromHtml, fromEpub } = await bothWays(asEpub);
    expect(fromEpub.chapters.map((c) => readerView(c.xhtml))).toEqual(
      fromHtml.chapters.map((c) => readerView(c.xhtml)),
    );
    expect(fromEpub.opf).toContain('<dc:source>https://archiveofourown.org/works/4242</dc:source>');
  }, 60_000);

  it('gives the same book when calibre made it (split preface, renamed classes), as the archive does', async () => {
    const { fromHtml, fromEpub } = await bothWays(asCalibreEpub);
    expect(fromEpub.chapters.map((c) => readerView(c.xhtml))).toEqual(
      fromHtml.chapters.map((c) => readerView(c.xhtml)),
    );
    expect(fromEpub.opf).toMatch(/<dc:creator[^>]*>[^<]+<\/dc:creator>/);
  }, 60_000);

  it('says what is wrong with a damaged one', async () => {
    const file = path.join(tempDir(), 'broken.epub');
    fs.writeFileSync(file, 'not a zip at all');
    const run = await octavo(['compile', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.epub cannot be read as an EPUB');
  });
});

describe('octavo import', () => {
  it('writes an editable folder that compiles to the same book as the download', async () => {
    const file = download();
    const target = path.join(tempDir(), 'mybook');
    const run = await octavo(['import', file, target]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 chapters in manuscript/');
    expect(fs.readdirSync(path.join(target, 'manuscript'))).toEqual(['01-the-meeting.md', '02-chapter-2.md']);
    const yaml = fs.readFileSync(path.join(target, 'book.yaml'), 'utf8');
    expect(yaml).toContain('title: Backstage at the Opera');
    expect(yaml).toContain('url: https://archiveofourown.org/works/4242');
    expect(yaml).toContain('rating: Teen And Up Audiences');
    expect(yaml).toMatch(/warnings:\n\s+- No Archive Warnings Apply/);
    const first = fs.readFileSync(path.join(target, 'manuscript', '01-the-meeting.md'), 'utf8');
    expect(first).toMatch(/^---\ntitle: "The Meeting"\n---\n\n> \*\*Notes:\*\* My first fic/);
    expect(first).toContain('She runs to the *Rue Scribe* door.\\\nIt is locked.');

    const direct = await readEpub((await compile(file)).bytes);
    const importedBytes = (await compile(target)).bytes;
    expect((await epubcheck(importedBytes)).messages).toEqual([]);
    const imported = await readEpub(importedBytes);
    expect(imported.chapters.map((c) => readerView(c.xhtml))).toEqual(direct.chapters.map((c) => readerView(c.xhtml)));
    const pdf = await compile(target, 'pdf');
    if (has('pdftotext'))
      expect(execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' })).toContain(
        'Originally published on Archive of Our Own',
      );
    else console.warn('pdftotext (poppler-utils) is missing: the imported book PDF text is not checked');
  }, 60_000);

  it('never writes into an existing folder, and leaves it as it was', async () => {
    const target = tempDir();
    fs.writeFileSync(path.join(target, 'notes.txt'), 'mine');
    const before = snapshot(target);
    const run = await octavo(['import', download(), target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('octavo import never writes into an existing folder');
    expect(snapshot(target)).toEqual(before);
  });
});

describe('the Markdown an import writes', () => {
  const ctx = () => {
    const text = '';
    return { file: 'x.md', lines: new LineIndex(text), bodyLine: 0, diagnostics: new Diagnostics() };
  };
  const shape = (blocks: Block[]): unknown =>
    blocks.map((b) =>
      // Spaces at the edge of emphasis move outside it (CommonMark needs that); the words and their marks stay.
      b.type === 'paragraph'
        ? `${b.align ?? ''}${JSON.stringify(b.children.map((c) => [c.type, plainText([c]).trim()]).filter(([, t]) => t))}`
        : b.type === 'blockQuote'
          ? { quote: shape(b.children) }
          : b.type === 'list'
            ? { list: b.numbers, items: b.items.map(shape) }
            : b.type,
    );
  it('reads back as the blocks it was written from, however the text looks', () => {
    const html = `<div id="preface"><h1>T</h1></div><div id="chapters"><div class="userstuff">
      <p># not a heading, * not a list, 1. not a number</p>
      <p>1999. A year to start a line. &lt;b&gt; is not a tag, &amp;amp; stays, back\\slash, a_b_c, [not a link]</p>
      <p><em> spaced emphasis </em>and<strong>bold</strong>, a <a href="https://example.com/a b">link</a></p>
      <p>First line<br />- second line<br /># third line</p>
      <p style="text-align: center">Centred <em>text</em></p>
      <blockquote><p>Quoted.</p><p>Twice.</p></blockquote>
      <ol start="1825"><li>Born.</li><li value="1832">Died.</li></ol>
      <hr />
      <p>End.</p>
    </div></div>`;
    const lines = new LineIndex(html);
    const work = readArchive(html, {
      file: 'w.html',
      lines,
      diagnostics: new Diagnostics(),
      localImage: () => undefined,
    });
    const blocks = work.chapters[0].blocks;
    const markdown = blocksToMarkdown(blocks);
    const c = ctx();
    const back = parseMarkdown(markdown, { ...c, lines: new LineIndex(markdown) });
    expect(shape(back)).toEqual(shape(blocks));
    expect(back.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type))).toContain(
      '# not a heading, * not a list, 1. not a number',
    );
  });
});
