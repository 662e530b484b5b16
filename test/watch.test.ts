/**
 * `octavo watch`: a save rebuilds the book and tells the page; a broken book.yaml shows on the page and
 * the last good preview stays; the page in a real browser (Debian's chromium through playwright-core);
 * Ctrl-C stops the command cleanly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startWatch } from '../src/cli/watch.js';
import { cleanup, makeBook, readEpub, ROOT, tempDir } from './helpers/book.js';

afterAll(cleanup);

const seeds = (): Record<string, string> => {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(ROOT, 'manuscript')))
    files[`manuscript/${f}`] = fs.readFileSync(path.join(ROOT, 'manuscript', f), 'utf8');
  return files;
};

const get = (url: string) =>
  new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
      })
      .on('error', reject);
  });

const post = (url: string, body: string, origin?: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: origin ? { origin } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });

/** The build events the page would receive. */
function listen(url: string): { events: { build: number; ok: boolean }[]; close(): void } {
  const events: { build: number; ok: boolean }[] = [];
  const req = http.get(`${url}events`, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (d) => {
      buffer += d;
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const data = /data: (.*)/.exec(buffer.slice(0, i))?.[1];
        if (data) events.push(JSON.parse(data));
        buffer = buffer.slice(i + 2);
      }
    });
  });
  req.on('error', () => undefined);
  return { events, close: () => req.destroy() };
}

const waitFor = async (test: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('octavo watch', () => {
  it('rebuilds on a save, tells the page, and keeps the last good preview when book.yaml breaks', async () => {
    const dir = makeBook(seeds());
    const out = path.join(dir, 'dist');
    const watcher = await startWatch(dir, {}, { formats: ['epub'], debounceMs: 20 });
    try {
      expect(watcher.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      await watcher.built(1);
      const sse = listen(watcher.url);
      await waitFor(() => sse.events.length > 0);
      const first = await get(watcher.url);
      expect(first.body).toContain('<iframe title="The chapter as the EPUB shows it"');
      expect((await get(`${watcher.url}chapter`)).body).toContain('Raoul walked slowly out of the hospital.');

      // A save to the second chapter: the preview shows it, and the EPUB in dist/ has it.
      const chapter = path.join(dir, 'manuscript', '02-backstage.txt');
      fs.appendFileSync(chapter, '\nMeg laughed at the ghost, and the ghost laughed back.\n');
      await waitFor(() => watcher.content().state.build >= 3 && !watcher.content().state.error);
      await waitFor(() => sse.events.some((e) => e.build === watcher.content().state.build));
      const page = await get(`${watcher.url}chapter`);
      expect(page.body).toContain('Meg laughed at the ghost, and the ghost laughed back.');
      expect(watcher.content().state.chapter?.file).toBe('manuscript/02-backstage.txt');
      const epub = await readEpub(new Uint8Array(fs.readFileSync(path.join(out, 'test-book.epub'))));
      expect(epub.chapters[1].paragraphs.at(-1)).toBe('Meg laughed at the ghost, and the ghost laughed back.');

      // A mistake in book.yaml: the page says so above the last good preview.
      const before = watcher.content().state.build;
      fs.writeFileSync(path.join(dir, 'book.yaml'), 'title: [unclosed\n');
      await watcher.built(before + 1);
      await waitFor(() => sse.events.some((e) => e.build === watcher.content().state.build && !e.ok));
      const failed = await get(watcher.url);
      expect(failed.body).toContain('build failed: showing the last good preview');
      expect(failed.body).toMatch(/book\.yaml:\d+:\d+<\/a> <span class="sev">error<\/span> invalid YAML/);
      expect((await get(`${watcher.url}chapter`)).body).toContain('Meg laughed at the ghost');

      // Mended, it builds again.
      const broken = watcher.content().state.build;
      fs.writeFileSync(path.join(dir, 'book.yaml'), 'title: "Test Book"\nauthor: "Ada Writer"\nlanguage: en\n');
      await watcher.built(broken + 1);
      await waitFor(() => !watcher.content().state.error);
      sse.close();
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('switches the preview to another design when the page asks, and only the page may ask', async () => {
    const dir = makeBook(seeds());
    const yaml = fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8');
    const watcher = await startWatch(dir, {}, { formats: ['epub'], debounceMs: 20 });
    try {
      await watcher.built(1);
      const page = (await get(watcher.url)).body;
      expect(page).toMatch(/<option value="classic"[^>]* selected>classic<\/option>/);
      expect(page).toContain('<option value="fantasy"');
      // Classic heads a chapter in one line; fantasy sets the number and the title apart.
      expect((await get(`${watcher.url}chapter`)).body).not.toContain('chapter-number');

      const origin = watcher.url.replace(/\/$/, '');
      const built = watcher.content().state.build;
      const asked = await post(`${watcher.url}design`, 'fantasy', origin);
      expect(asked.status).toBe(202);
      await watcher.built(built + 1);
      await waitFor(() => watcher.content().state.design === 'fantasy');
      expect((await get(`${watcher.url}chapter`)).body).toContain('<span class="chapter-number">');
      expect((await get(watcher.url)).body).toMatch(/<option value="fantasy"[^>]* selected>/);
      const epub = await readEpub(new Uint8Array(fs.readFileSync(path.join(dir, 'dist', 'test-book.epub'))));
      expect(epub.chapters[0].xhtml).toContain('<span class="chapter-number">');
      // A save after the switch is built in the design picked, and book.yaml is as it was.
      fs.appendFileSync(path.join(dir, 'manuscript', '02-backstage.txt'), '\nThe ghost bowed.\n');
      await waitFor(() => (watcher.content().state.chapter?.file ?? '').includes('02-backstage'));
      await waitFor(() => /The ghost bowed/.test(watcher.content().chapterDocument ?? ''));
      expect(watcher.content().chapterDocument).toContain('<span class="chapter-number">');
      expect(fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')).toBe(yaml);

      // No such design; another web page; not a POST.
      const unknown = await post(`${watcher.url}design`, 'gothic', origin);
      expect(unknown).toMatchObject({ status: 400, body: 'no design called "gothic"' });
      expect((await post(`${watcher.url}design`, 'modern', 'http://example.com')).status).toBe(403);
      expect((await post(`${watcher.url}design`, 'modern')).status).toBe(403);
      expect((await get(`${watcher.url}design`)).status).toBe(405);
      expect(watcher.content().state.design).toBe('fantasy');
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('never writes into the manuscript folder and serves only on 127.0.0.1', async () => {
    const dir = makeBook(seeds());
    const before = fs.readdirSync(path.join(dir, 'manuscript'));
    const watcher = await startWatch(dir, {}, { formats: ['epub'] });
    await watcher.built(1);
    await watcher.close();
    expect(fs.readdirSync(path.join(dir, 'manuscript'))).toEqual(before);
    expect(watcher.url.startsWith('http://127.0.0.1:')).toBe(true);
  }, 30_000);

  it('stops cleanly on Ctrl-C', async () => {
    const dir = makeBook(seeds());
    const child = spawn(process.execPath, [path.join(ROOT, 'src/cli/bin.mjs'), 'watch', dir, '--format', 'epub'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await waitFor(() => /built in \d+ ms/.test(stdout), 30_000);
    const url = /preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)![1];
    expect((await get(url)).status).toBe(200);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('stopped');
    await expect(get(url)).rejects.toThrow();
  }, 60_000);
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

/** Distinct byte values in a PNG's pixel data: a blank page has one or two. */
function pixelVariety(png: Buffer): number {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return new Set(zlib.inflateSync(Buffer.concat(chunks))).size;
}

describe.skipIf(!chromium)('the preview page in a browser (chromium)', () => {
  it('shows the chapter text and the warnings, and is not blank', async () => {
    const { chromium: browserType } = await import('playwright-core');
    const dir = makeBook({ ...seeds(), 'book.yaml': 'title: "Meg"\nlanguage: en\n' });
    const watcher = await startWatch(dir, {}, { formats: ['epub'] });
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      await watcher.built(1);
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(watcher.url);
      const text = await page.textContent('body');
      expect(text).toContain('Meg');
      expect(text).toContain('names no author');
      const frame = page.frameLocator('iframe[title="The chapter as the EPUB shows it"]');
      await expect(frame.locator('h1').textContent()).resolves.toBe('Chapter 1');
      expect(await frame.locator('body').textContent()).toContain('Raoul walked slowly out of the hospital.');
      const shot = await page.screenshot({ path: path.join(tempDir('octavo-shot-'), 'preview.png') });
      expect(pixelVariety(shot)).toBeGreaterThan(20);

      // The design picker: the page rebuilds in the design picked and shows the chapter in it.
      await page.selectOption('#design', 'modern');
      await page.waitForFunction(
        () =>
          (document.getElementById('design') as HTMLSelectElement | null)?.value === 'modern' &&
          document.body.dataset.build !== '1',
        undefined,
        { timeout: 30_000 },
      );
      await expect(frame.locator('h1 .chapter-number').textContent()).resolves.toBe('1');
      expect(watcher.content().state.design).toBe('modern');
    } finally {
      await browser.close();
      await watcher.close();
    }
  }, 60_000);
});
