/**
 * The build cache (`<out>/.octavo-cache/`): a rebuild into the same folder gives the very bytes a build
 * without the cache gives, after an edit too; an entry is used only for the inputs and the Octavo build
 * it was made from; a damaged or foreign file is ignored with a note.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../src/build.js';
import { CACHE_DIR, hashOf, openCache } from '../src/cache/store.js';
import { cleanup, makeBook, octavo, ROOT, tempDir } from './helpers/book.js';

afterAll(cleanup);

const req = createRequire(import.meta.url);
const LORA = path.dirname(req.resolve('@expo-google-fonts/lora/package.json'));
const SEEDS = path.join(ROOT, 'manuscript');
const ENV = { sourceDateEpoch: 1700000000 };

function sampleBook(yaml = ''): string {
  const files: Record<string, string | Uint8Array> = {
    'book.yaml': `title: "Meg Giry"\nauthor: "Anonymous"\nlanguage: en\ndate: 2026\n${yaml}`,
    'assets/fonts/Lora-Regular.ttf': fs.readFileSync(path.join(LORA, '400Regular/Lora_400Regular.ttf')),
  };
  for (const f of fs.readdirSync(SEEDS)) files[`manuscript/${f}`] = fs.readFileSync(path.join(SEEDS, f), 'utf8');
  return makeBook(files);
}

/** Every file a build wrote (the cache aside), by its path in the output folder. */
function outputs(out: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.name === CACHE_DIR) continue;
      if (e.isDirectory()) walk(p);
      else files.set(path.relative(out, p), fs.readFileSync(p));
    }
  };
  walk(out);
  return files;
}

async function build(book: string, out: string, options: { cache?: boolean; build?: string } = {}) {
  return compile(book, { outDir: out, ...options }, ENV);
}

function editOneWord(book: string): void {
  const file = path.join(book, 'manuscript', fs.readdirSync(path.join(book, 'manuscript')).sort()[0]);
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace(/\bslowly\b/, 'quietly');
  expect(edited).not.toBe(text);
  fs.writeFileSync(file, edited);
}

describe('the build cache', () => {
  it('gives the same bytes as a build without it, the first time, again, and after a one-word edit', async () => {
    const book = sampleBook();
    const warm = tempDir();
    await build(book, warm);
    expect(fs.readdirSync(path.join(warm, CACHE_DIR)).sort()).toEqual([
      'chapters.bin',
      'ebook-cover.bin',
      'paragraphs.bin',
      'parsed.bin',
      'shaping.bin',
      'typeset.bin',
    ]);
    const again = outputs(warm);
    await build(book, warm);
    expect(outputs(warm)).toEqual(again);
    const cold = tempDir();
    await build(book, cold, { cache: false });
    expect(outputs(cold)).toEqual(again);
    expect(fs.existsSync(path.join(cold, CACHE_DIR))).toBe(false);

    editOneWord(book);
    const warmReport = await build(book, warm);
    const coldEdited = tempDir();
    const coldReport = await build(book, coldEdited, { cache: false });
    const edited = outputs(warm);
    expect(edited).toEqual(outputs(coldEdited));
    // The report too: every change and finding at its place, as a build without the cache makes them.
    expect(warmReport.diagnostics.items).toEqual(coldReport.diagnostics.items);
    expect(warmReport.diagnostics.changes.length).toBeGreaterThan(10);
    expect(warmReport.checks).toEqual(coldReport.checks);
    // The edit reached both books: the cache did not serve the old text.
    expect(edited.get('meg-giry.epub')).not.toEqual(again.get('meg-giry.epub'));
    expect(edited.get('meg-giry.pdf')).not.toEqual(again.get('meg-giry.pdf'));

    // Then an edit in the other chapter, which the last build took whole from the cache.
    const second = path.join(book, 'manuscript', fs.readdirSync(path.join(book, 'manuscript')).sort()[1]);
    const text = fs.readFileSync(second, 'utf8');
    const word = /\b(the)\b/.exec(text.slice(2000))!;
    fs.writeFileSync(second, `${text.slice(0, 2000 + word.index)}that${text.slice(2000 + word.index + 3)}`);
    await build(book, warm);
    const coldAgain = tempDir();
    await build(book, coldAgain, { cache: false });
    expect(outputs(warm)).toEqual(outputs(coldAgain));
    expect(outputs(warm).get('meg-giry.pdf')).not.toEqual(edited.get('meg-giry.pdf'));

    // A typography setting changed in book.yaml: no paragraph typeset under the old one is reused.
    fs.appendFileSync(path.join(book, 'book.yaml'), 'typography:\n  quotes: false\n');
    const unquoted = await build(book, warm);
    const coldUnquoted = tempDir();
    const coldUnquotedReport = await build(book, coldUnquoted, { cache: false });
    expect(outputs(warm)).toEqual(outputs(coldUnquoted));
    expect(unquoted.diagnostics.items).toEqual(coldUnquotedReport.diagnostics.items);
    expect(unquoted.diagnostics.changes.some((c) => c.rule === 'quotes')).toBe(false);
  }, 120_000);

  it('keeps footnotes, tables and verse right through a rebuild: the same bytes as a build without it', async () => {
    const paragraph = (n: number) =>
      `Paragraph ${n} of the night at the Opera, when the chandelier swung and the box keepers whispered of ` +
      `the ghost in box five, and Christine sang as she had never sung before.${n % 3 === 0 ? `[^n${n}]` : ''}`;
    const body = Array.from({ length: 40 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const notes = Array.from(
      { length: 13 },
      (_, i) => `[^n${(i + 1) * 3}]: A note on paragraph ${(i + 1) * 3}, set at the foot.`,
    );
    const book = makeBook({
      'book.yaml': 'title: "Notes"\nauthor: "A. Writer"\nlanguage: en\ndate: 2026\n',
      'manuscript/01-one.md': `# One\n\n${body}\n\n${notes.join('\n')}\n`,
      'manuscript/02-two.md':
        '# Two\n\n| Box | Keeper |\n|---|---|\n| Five | Madame Giry |\n| Three | Nobody |\n\n' +
        '> Angel of music,\\\n> guardian and guide,\\\n> grant to me your glory.\n\nThe end of it.\n',
    });
    const warm = tempDir();
    await build(book, warm);
    await build(book, warm);
    const cold = tempDir();
    await build(book, cold, { cache: false });
    expect(outputs(warm)).toEqual(outputs(cold));
    const one = path.join(book, 'manuscript', '01-one.md');
    fs.writeFileSync(
      one,
      fs.readFileSync(one, 'utf8').replace('Paragraph 2 of the night', 'Paragraph 2 of that night'),
    );
    await build(book, warm);
    const coldEdited = tempDir();
    await build(book, coldEdited, { cache: false });
    expect(outputs(warm)).toEqual(outputs(coldEdited));
    expect(outputs(warm).get('notes.pdf')).not.toEqual(outputs(cold).get('notes.pdf'));
  }, 120_000);

  it('is used only for the inputs and the Octavo build its entries were made from', async () => {
    const book = sampleBook();
    const out = tempDir();
    await build(book, out, { build: 'A' });
    const cover = path.join(out, CACHE_DIR, 'ebook-cover.bin');
    const epub = () => fs.readFileSync(path.join(out, 'meg-giry.epub'));
    const honest = epub();
    // Poison the cover entry: the same header (build A, the same key), another picture.
    const store = openCache(path.join(out, CACHE_DIR), 'A');
    const header = fs.readFileSync(cover).toString('latin1').split('\n')[1];
    const { key } = JSON.parse(header) as { key: string };
    const real = store.get<{ data: Uint8Array }>('ebook-cover', key)!;
    expect(real.data.length).toBeGreaterThan(1000);
    store.put('ebook-cover', key, { ...real, data: fs.readFileSync(path.join(LORA, 'package.json')) });
    // The same build trusts its own entry (which shows the cache is really used) …
    await build(book, out, { build: 'A', cache: true });
    expect(epub()).not.toEqual(honest);
    // … another Octavo build does not, and writes its own.
    store.put('ebook-cover', key, { ...real, data: fs.readFileSync(path.join(LORA, 'package.json')) });
    await build(book, out, { build: 'B' });
    expect(epub()).toEqual(honest);
    expect(openCache(path.join(out, CACHE_DIR), 'A').get('ebook-cover', key)).toBeUndefined();

    // A changed book.yaml key that the cover shows (its title) makes another key; so does a changed font.
    store.put('ebook-cover', key, { ...real, data: fs.readFileSync(path.join(LORA, 'package.json')) });
    const yaml = path.join(book, 'book.yaml');
    fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace('title: "Meg Giry"', 'title: "Meg Giry Again"'));
    const retitled = await build(book, out, { build: 'A' });
    expect(retitled.outputs.map((o) => path.basename(o.path))).toContain('meg-giry-again.epub');
    const fresh = tempDir();
    await build(book, fresh, { cache: false });
    expect(outputs(out).get('meg-giry-again.epub')).toEqual(outputs(fresh).get('meg-giry-again.epub'));

    const shapingKey = () =>
      JSON.parse(
        fs
          .readFileSync(path.join(out, CACHE_DIR, 'shaping.bin'))
          .toString('latin1')
          .split('\n')[1],
      ).key;
    const before = shapingKey();
    fs.appendFileSync(yaml, 'print:\n  font: { regular: assets/fonts/Lora-Regular.ttf }\n');
    await build(book, out, { build: 'A' });
    expect(shapingKey()).not.toBe(before);
    const lora = tempDir();
    await build(book, lora, { cache: false });
    expect(outputs(out).get('meg-giry-again.pdf')).toEqual(outputs(lora).get('meg-giry-again.pdf'));
  }, 120_000);

  it('ignores a damaged, cut-short or foreign file with a note, and never a stale one', () => {
    const dir = path.join(tempDir(), CACHE_DIR);
    const store = openCache(dir, 'A');
    const key = hashOf('some', 'inputs');
    store.put('shaping', key, { words: ['the', 'opera'] });
    expect(store.get('shaping', key)).toEqual({ words: ['the', 'opera'] });
    // Stale: another key or another build is simply not there.
    expect(store.get('shaping', hashOf('other inputs'))).toBeUndefined();
    expect(openCache(dir, 'B').get('shaping', key)).toBeUndefined();
    expect(store.notes).toEqual([]);

    const file = path.join(dir, 'shaping.bin');
    const whole = fs.readFileSync(file);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 2] ^= 0xff;
    fs.writeFileSync(file, flipped);
    expect(store.get('shaping', key)).toBeUndefined();
    fs.writeFileSync(file, whole.subarray(0, whole.length - 3));
    expect(store.get('shaping', key)).toBeUndefined();
    fs.writeFileSync(file, 'not a cache at all\n');
    expect(store.get('shaping', key)).toBeUndefined();
    expect(store.notes).toEqual([
      "ignored the build cache's shaping.bin (its checksum does not match); it is made again",
      "ignored the build cache's shaping.bin (it is cut short); it is made again",
      "ignored the build cache's shaping.bin (not a cache entry); it is made again",
    ]);
    // ("ab", "c") and ("a", "bc") are different inputs.
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
  });

  it('reports an ignored cache file in the build', async () => {
    const book = sampleBook();
    const out = tempDir();
    fs.mkdirSync(path.join(out, CACHE_DIR), { recursive: true });
    fs.writeFileSync(path.join(out, CACHE_DIR, 'ebook-cover.bin'), 'GIF89a');
    const result = await build(book, out, { cache: true });
    expect(result.diagnostics.items.filter((d) => d.rule === 'cache').map((d) => d.message)).toEqual([
      "ignored the build cache's ebook-cover.bin (not a cache entry); it is made again",
    ]);
    expect(
      fs
        .readFileSync(path.join(out, CACHE_DIR, 'ebook-cover.bin'))
        .subarray(0, 15)
        .toString(),
    ).toBe('OCTAVO-CACHE 1\n');
    // On the command line, --no-cache neither reads nor writes it.
    const bare = tempDir();
    const run = await octavo(['compile', book, '--out', bare, '--no-cache', '--format', 'epub']);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(bare)).toEqual(['meg-giry.epub']);
  }, 60_000);
});
