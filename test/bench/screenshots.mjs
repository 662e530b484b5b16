// Screenshots for the README, made from real builds with real clients: the sample book's EPUB title page
// as epub.js shows it in Chromium, the designs' contact sheet, and the print contents page of the Phantom corpus (the sample book's
// when ../shared is absent) as pdftoppm renders it. `node test/bench/screenshots.mjs` writes
// test/screenshots/*.png. Needs Debian's chromium and poppler-utils.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'test', 'screenshots');
const corpus = path.resolve(root, '../shared/corpus/phantom');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) {
  console.error('screenshots need chromium: apt-get install chromium');
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'octavo-shots-'));

function compile(book, out, format) {
  execFileSync(
    process.execPath,
    [path.join(root, 'src/cli/bin.mjs'), 'compile', book, '--out', out, '--format', format],
    {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
      stdio: 'ignore',
    },
  );
  return path.join(
    out,
    fs.readdirSync(out).find((f) => f.endsWith(`.${format}`)),
  );
}

// The title page in epub.js, paginated as a reading system lays it out.
const epub = compile(root, path.join(tmp, 'sample'), 'epub');
const { chromium: browserType } = await import('playwright-core');
const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 480, height: 640 } });
  await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="r"></div></body></html>');
  await page.addScriptTag({ path: path.join(root, 'node_modules/jszip/dist/jszip.min.js') });
  await page.addScriptTag({ path: path.join(root, 'node_modules/epubjs/dist/epub.min.js') });
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const book = window.ePub(bytes.buffer);
    const rendition = book.renderTo('r', { width: 480, height: 640, spread: 'none', flow: 'paginated' });
    await rendition.display('titlepage.xhtml');
    await new Promise((done) => setTimeout(done, 500));
  }, fs.readFileSync(epub).toString('base64'));
  await page.screenshot({ path: path.join(outDir, 'epub-title-page.png') });
} finally {
  await browser.close();
}

// The print contents page: the first page whose text starts with "Contents".
const pdf = compile(fs.existsSync(corpus) ? corpus : root, path.join(tmp, 'print'), 'pdf');
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
let contents = 0;
for (let n = 1; n <= Math.min(pages, 20) && !contents; n++) {
  const text = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' });
  if (/^\s*Contents\s*$/m.test(text)) contents = n;
}
if (!contents) throw new Error('no contents page in the first 20 pages');
execFileSync('pdftoppm', [
  '-png',
  '-r',
  '72',
  '-f',
  String(contents),
  '-l',
  String(contents),
  '-singlefile',
  pdf,
  path.join(outDir, 'print-contents-page'),
]);

// The designs' contact sheet of the sample book (octavo designs --preview), small and grey for the README.
execFileSync(process.execPath, [path.join(root, 'src/cli/bin.mjs'), 'designs', '--preview', root, '--out', tmp], {
  env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
  stdio: 'ignore',
});
execFileSync('pdftoppm', [
  '-png',
  '-gray',
  '-r',
  '60',
  '-singlefile',
  path.join(tmp, 'designs.pdf'),
  path.join(outDir, 'designs'),
]);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(
  `wrote ${path.relative(root, outDir)}/epub-title-page.png, print-contents-page.png (page ${contents}) and designs.png`,
);
