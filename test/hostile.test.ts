/** Bad and hostile input: each gets one clear message with its place, and no half-written output. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compileEpub, makeBook, octavo, readEpub, tempDir, type Files } from './helpers/book.js';

afterAll(cleanup);

const chapter = { 'manuscript/01.md': '# One\n\nIt was a dark night.\n' };

interface Case {
  name: string;
  files?: Files;
  setup?: (dir: string) => void;
  /** The exact first line of the message. */
  message: string | ((dir: string) => string);
  hint?: RegExp;
}

const cases: Case[] = [
  {
    name: 'a missing book folder',
    setup: (dir) => fs.rmSync(dir, { recursive: true }),
    message: (dir) => `error  the book folder ${dir} does not exist  no-book`,
  },
  {
    name: 'no manuscript folder',
    files: {},
    message: (dir) => `error  no manuscript/ folder in ${dir}  no-manuscript`,
  },
  {
    name: 'no chapter files',
    files: { 'manuscript/notes.pdf': '%PDF-1.4' },
    message: 'manuscript  error  no chapter files in manuscript/  no-chapters',
  },
  {
    name: 'no book.yaml',
    files: chapter,
    setup: (dir) => fs.rmSync(path.join(dir, 'book.yaml')),
    message: (dir) => `error  no book.yaml in ${dir}  no-config`,
  },
  {
    name: 'invalid YAML',
    files: { ...chapter, 'book.yaml': 'title: "Test"\nauthor: [unclosed\nlanguage: en\n' },
    message:
      'book.yaml:3:1  error  invalid YAML: Flow sequence in block collection must be sufficiently indented and end ' +
      'with a ]  invalid-yaml',
  },
  {
    name: 'an unknown book.yaml key',
    files: { ...chapter, 'book.yaml': 'title: "Test"\nauthr: "Me"\n' },
    message: 'book.yaml:2:1  error  unknown key "authr" in book.yaml  config-unknown-key',
    hint: /Did you mean "author"\?/,
  },
  {
    name: 'a wrong type',
    files: { ...chapter, 'book.yaml': 'title: "Test"\nlanguage: 42\n' },
    message:
      'book.yaml:2:11  error  "language" has the wrong value in book.yaml: expected text, got number 42  ' +
      'config-invalid-value',
  },
  {
    name: 'a missing title',
    files: { ...chapter, 'book.yaml': 'author: "Me"\n' },
    message: 'book.yaml:1:1  error  "title" is missing from book.yaml  config-missing-key',
  },
  {
    name: 'a YAML custom tag',
    files: { ...chapter, 'book.yaml': 'title: !!js/function "function(){}"\n' },
    message: 'book.yaml:1:8  error  unsupported YAML tag: Unresolved tag: tag:yaml.org,2002:js/function  invalid-yaml',
  },
  {
    name: 'a Word document saved as a chapter',
    files: { 'manuscript/01.txt': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 1)]) },
    message:
      'manuscript/01.txt  error  manuscript/01.txt is not a text file: it looks like a Word document (.docx), an ' +
      'OpenDocument text (.odt) or another zip file  not-text',
    hint: /Save the chapter as plain text \(\.txt\) or Markdown/,
  },
  {
    name: 'an http image',
    files: { 'manuscript/01.md': '# One\n\nSee ![map](http://example.com/map.png) here.\n' },
    message:
      'manuscript/01.md:3:5  error  the image http://example.com/map.png is on the web; Octavo never downloads ' +
      'anything while building  remote-image',
    hint: /Download the image into assets\//,
  },
  {
    name: 'an image path that leaves the book',
    files: { 'manuscript/01.md': '# One\n\n![x](../../x.png)\n' },
    message: 'manuscript/01.md:3:1  error  the image ../../x.png lies outside the book folder  unsafe-path',
  },
  {
    name: 'a file: image',
    files: { 'manuscript/01.md': '# One\n\n![x](file:///etc/passwd)\n' },
    message: 'manuscript/01.md:3:1  error  the image file:///etc/passwd uses a file: URL  unsafe-path',
  },
  {
    name: 'a missing image',
    files: { 'manuscript/01.md': '# One\n\n![x](assets/nothere.png)\n' },
    message: 'manuscript/01.md:3:1  error  the image assets/nothere.png does not exist  missing-image',
  },
  {
    name: 'a symlinked chapter pointing outside the book',
    files: chapter,
    setup: (dir) => {
      const outside = path.join(tempDir(), 'secret.md');
      fs.writeFileSync(outside, 'secret text');
      fs.symlinkSync(outside, path.join(dir, 'manuscript', '02-link.md'));
    },
    message:
      'manuscript/02-link.md  error  manuscript/02-link.md is a link to a file outside the book folder  unsafe-path',
  },
  {
    name: 'front matter in JavaScript',
    files: { 'manuscript/01.md': '---js\n{ title: require("fs").writeFileSync("PWNED", "x") }\n---\n\nText.\n' },
    message:
      'manuscript/01.md:1:1  error  front matter in JavaScript is not allowed: Octavo never runs code from a ' +
      'manuscript  unsafe-front-matter',
  },
  {
    name: 'a chapter list naming a missing file',
    files: { ...chapter, 'book.yaml': 'title: "T"\nchapters:\n  - 01.md\n  - 02.md\n' },
    message: 'book.yaml  error  manuscript/02.md does not exist  missing-chapter',
  },
];

describe('bad input gets one clear message', () => {
  it.each(cases)('$name', async ({ files, setup, message, hint }) => {
    const dir = makeBook(files ?? chapter);
    setup?.(dir);
    const out = tempDir('octavo-out-');
    const cwd = process.cwd();
    const run = await octavo(['compile', dir, '--out', out], { cwd: dir.startsWith('/') ? path.dirname(dir) : cwd });
    expect(run.code).toBe(1);
    const first = run.stderr.split('\n')[0].replace(`${path.basename(dir)}/`, '');
    expect(first).toBe(typeof message === 'function' ? message(dir) : message);
    if (hint) expect(run.stderr).toMatch(hint);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  });

  it('never runs JavaScript front matter', async () => {
    const dir = makeBook({
      'manuscript/01.md':
        `---js\n{ title: ` +
        `require("fs").writeFileSync(${JSON.stringify(path.join(tempDir(), 'PWNED'))}, "x") }\n---\nText.\n`,
    });
    const marker = path.join(path.dirname(dir), 'PWNED');
    const run = await octavo(['compile', dir, '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(fs.existsSync(marker)).toBe(false);
    const witness = /writeFileSync\("([^"]+)"/.exec(fs.readFileSync(path.join(dir, 'manuscript/01.md'), 'utf8'))![1];
    expect(fs.existsSync(witness)).toBe(false);
  });

  it('answers a usage error with exit status 2 and the way out', async () => {
    const run = await octavo(['compile', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("error  unknown option '--frobnicate'  usage");
    expect(run.stderr).toContain('octavo --help');
    expect((await octavo(['bind'])).stderr.split('\n')[0]).toBe('error  unknown command "bind"  usage');
  });
});

describe('raw HTML is limited to a safe subset', () => {
  it('drops scripts, event handlers and javascript: links, keeps the text, and says so', async () => {
    const dir = makeBook({
      'manuscript/01.md': [
        '# One',
        '',
        'Before <script>alert("inline")</script> after, <img src="assets/none.png" onerror="alert(1)"> and <a ' +
          'href="javascript:alert(2)">a link</a>.',
        '',
        '<script>',
        'alert("block")',
        '</script>',
        '',
        '<div onclick="steal()"><p>Kept <em>text</em>.</p><iframe ' +
          'src="https://evil.example"></iframe><style>body{display:none}</style></div>',
        '',
      ].join('\n'),
      'assets/none.png': Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a20000000049454e44ae426082',
        'hex',
      ),
    });
    const { epub, run } = await compileEpub(dir);
    const { chapters, files } = await readEpub(epub);
    const all = [...files.values()].join('\n');
    for (const bad of [
      '<script',
      'alert(',
      'onerror',
      'onclick',
      'javascript:',
      '<iframe',
      'evil.example',
      '<style',
      'display:none',
    ])
      expect(all).not.toContain(bad);
    expect(chapters[0].paragraphs).toEqual(['Before after,  and a link.', 'Kept text.']);
    // The image stays (without its handler) between the two spaces.
    expect(chapters[0].xhtml).toMatch(/after, <img src="images\/img-[0-9a-f]{12}\.png" alt="" \/> and a link\./);
    expect(run.stdout).toContain(
      'manuscript/01.md:3:8  warning  removed <script> and its content: it is not allowed in a book  unsafe-html',
    );
    expect(run.stdout).toContain('removed the event handler onerror= from <img>');
    expect(run.stdout).toContain('removed a javascript: link: a book must not run scripts');
    expect(run.stdout).toContain('removed the event handler onclick= from <div>');
    expect(run.stdout).toContain('removed <iframe> and its content');
  });
});

describe('size limits', () => {
  it('compiles a 10 MB paragraph', async () => {
    const paragraph = 'All work and no play makes Jack a dull boy. '.repeat(240_000);
    const dir = makeBook({ 'manuscript/01.md': `# One\n\n${paragraph}\n` });
    const { epub } = await compileEpub(dir);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].paragraphs[0].length).toBe(paragraph.trim().length);
  }, 60_000);

  it('compiles 2,000 chapter files in natural order', async () => {
    const files: Files = {};
    for (let i = 1; i <= 2000; i++) files[`manuscript/ch${i}.md`] = `# Chapter ${i}\n\nText of chapter ${i}.\n`;
    const { epub } = await compileEpub(makeBook(files));
    const { chapters } = await readEpub(epub);
    expect(chapters).toHaveLength(2000);
    expect(chapters.slice(0, 3).map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3']);
    expect(chapters[1999].title).toBe('Chapter 2000');
  }, 120_000);

  it('refuses a chapter file too large to be one, before reading it', async () => {
    const dir = makeBook(chapter);
    const fd = fs.openSync(path.join(dir, 'manuscript', '02-huge.md'), 'w');
    fs.ftruncateSync(fd, 60 * 1024 * 1024);
    fs.closeSync(fd);
    const run = await octavo(['compile', dir, '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(
      'manuscript/02-huge.md  error  manuscript/02-huge.md is 60 MB, too large to be a chapter (the limit is 50 MB) ' +
        ' file-too-large',
    );
  });
});
