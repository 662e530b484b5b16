/**
 * What real reading systems do with Octavo's EPUB, beyond what a validator checks: calibre's conversion to
 * AZW3 (what a Kindle reader sideloads), and the book's pages in a browser engine with the book's styles and
 * without them (as epub.js and readers with publisher styles off show it). Each skips with a message when
 * its client is absent; .ci/run installs them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, compileEpub, makeBook, ROOT, tempDir, unzip } from './helpers/book.js';

afterAll(cleanup);

const hasCalibre = spawnSync('sh', ['-c', 'command -v ebook-convert']).status === 0;
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!hasCalibre) console.warn('calibre test skipped: it needs ebook-convert (apt-get install calibre)');
if (!chromium) console.warn('browser tests skipped: they need chromium (apt-get install chromium)');

const BOOK = {
  'book.yaml':
    'title: "The Masked Ball"\nsubtitle: "A Story of the Opera"\nauthor: "A. Writer"\npublisher: "Rue Scribe Press"\nlanguage: en\n',
  'manuscript/01.md': '# Chapter One\n\nShe closed the door.\n\n* * *\n\nMorning came.\n',
  'manuscript/02.md': '# Chapter Two\n\nThe second chapter.\n',
};

describe.skipIf(!hasCalibre)('through calibre to a Kindle', () => {
  it('AZW3 keeps the book’s own contents: calibre adds no table of contents of its own at the end', async () => {
    const { path: epub } = await compileEpub(makeBook(BOOK));
    const dir = tempDir('octavo-azw3-');
    const azw3 = path.join(dir, 'book.azw3');
    const txt = path.join(dir, 'book.txt');
    for (const [from, to] of [
      [epub, azw3],
      [azw3, txt],
    ]) {
      const run = spawnSync('ebook-convert', [from, to], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
    }
    const text = fs.readFileSync(txt, 'utf8').trim();
    // The book ends with its last chapter's text, not a generated "Table of Contents".
    expect(text.slice(-400)).toContain('The second chapter.');
    expect(text.slice(-400)).not.toMatch(/Table of Contents/i);
  }, 180_000);
});

describe.skipIf(!hasCalibre)("calibre's Check Book", () => {
  it('finds nothing in a book with notes, tables and lists: no stylesheet rule out of order, no unknown property', async () => {
    const { path: epub } = await compileEpub(path.join(ROOT, 'test', 'fixtures', 'apparatus'));
    const script = path.join(tempDir('octavo-calibre-check-'), 'check.py');
    fs.writeFileSync(
      script,
      [
        'import sys',
        'from calibre.ebooks.oeb.polish.container import get_container',
        'from calibre.ebooks.oeb.polish.check.main import run_checks',
        'from calibre.utils.logging import default_log',
        'errors = run_checks(get_container(sys.argv[-1], default_log, tweak_mode=True))',
        "for e in errors: print('FOUND', type(e).__name__, getattr(e, 'msg', ''), getattr(e, 'name', ''))",
        "print('CHECKED', len(errors))",
      ].join('\n'),
    );
    const run = spawnSync('calibre-debug', [script, epub], {
      encoding: 'utf8',
      timeout: 170_000,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', QTWEBENGINE_CHROMIUM_FLAGS: '--no-sandbox' },
    });
    const found = run.stdout.split('\n').filter((l) => l.startsWith('FOUND'));
    expect(run.stdout, run.stderr).toContain('CHECKED');
    expect(found).toEqual([]);
  }, 180_000);
});

describe.skipIf(!chromium)('pages in a browser engine', () => {
  /** The EPUB unpacked in a folder, to open its pages as a reading system does. */
  async function unpacked(): Promise<string> {
    const { epub } = await compileEpub(makeBook(BOOK));
    const dir = tempDir('octavo-unpacked-');
    for (const [name, text] of await unzip(epub)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  it('centres every line of the title page, not only the title', async () => {
    const dir = await unpacked();
    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(dir, 'OEBPS', 'titlepage.xhtml')}`);
      const lines = await page.$$eval('body *', (els) =>
        els
          .filter((el) => /^(h1|p)$/i.test(el.tagName) && el.textContent?.trim())
          .map((el) => [el.textContent!.trim(), getComputedStyle(el).textAlign]),
      );
      expect(lines.map(([text]) => text)).toEqual(
        expect.arrayContaining(['The Masked Ball', 'A Story of the Opera', 'A. Writer']),
      );
      for (const [text, align] of lines) expect(align, text).toBe('center');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('shows a scene break with publisher styles off: the ornament is in the text, not in the CSS', async () => {
    const dir = await unpacked();
    const chapter = path.join(dir, 'OEBPS', 'ch-001.xhtml');
    // Styles off: the stylesheet link taken out, as a reader with publisher styles off ignores it.
    fs.writeFileSync(chapter, fs.readFileSync(chapter, 'utf8').replace(/<link [^>]*stylesheet[^>]*>/, ''));
    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${chapter}`);
      // The text as rendered (what a reader sees), which is what innerText gives and textContent does not.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
      const text = await page.innerText('body');
      expect(text).toMatch(/She closed the door\.\s+\*\s+\*\s+\*\s+Morning came\./);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
