/**
 * Book designs (book.yaml `design:`): each builds a valid EPUB and a print PDF in its own fonts; drop caps
 * take an opening quote with their letter, stay off paragraphs too short for them and open chapters that
 * begin with a scene break; the EPUB's drop cap degrades to a plain letter; classic is the default.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  CORPUS,
  compileEpub,
  compilePdf,
  epubcheck,
  hasCorpus,
  makeBook,
  octavo,
  png,
  readEpub,
  SHARED,
  tempDir,
  unzip,
} from './helpers/book.js';
import { DESIGN_IDS, resolveDesign } from '../src/design/index.js';
import { titleNumber } from '../src/structure/chapters.js';
import type { Inline } from '../src/model/book.js';
import { printOptions, renderPdf } from '../src/pdf/index.js';
import type { PlacedLine } from '../src/pdf/layout/book.js';
import { loadBook } from '../src/pipeline.js';
import { lineText } from './helpers/laid.js';

afterAll(cleanup);

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ENV = { SOURCE_DATE_EPOCH: '1700000000' };

const LONG =
  'The lamps were lit along the quay, and the boats came in one after another with their catch, the men ' +
  'calling to each other across the water while the gulls wheeled overhead and the tide turned. ';

/** Chapters that test an opening: dialogue, a one-line paragraph, a scene break first, a numbered title. */
const CHAPTERS = {
  'manuscript/01-one.md': `# One\n\n"${LONG.repeat(3).trim()}"\n\n${LONG.repeat(3)}\n`,
  'manuscript/02-two.md': `# Two\n\n"No."\n\n${LONG.repeat(3)}\n`,
  'manuscript/03-three.md': `# Three\n\n* * *\n\n${LONG.repeat(3)}\n\n* * *\n\n${LONG.repeat(3)}\n`,
  'manuscript/04-four.md': `# IV: Box Five\n\n${LONG.repeat(4)}\n`,
};

function designBook(design?: string, chapters: Record<string, string> = CHAPTERS): string {
  return makeBook({
    'book.yaml': `title: "Harbour Lights"\nauthor: "Ann Writer"\nlanguage: en\n${design ? `design: ${design}\n` : ''}`,
    ...chapters,
  });
}

/** Words pdftotext finds on the PDF's pages, with their boxes. */
function pdfWords(file: string): { text: string; height: number; x: number; page: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
  const out: { text: string; height: number; x: number; page: number }[] = [];
  let page = 0;
  for (const m of xml.matchAll(
    /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0] === '<page ') page++;
    else out.push({ text: m[4].replace(/&amp;/g, '&'), x: Number(m[1]), height: Number(m[3]) - Number(m[2]), page });
  }
  return out;
}

describe('book.yaml design:', () => {
  it('names the designs when given one that is not there, and says which part of a mapping is wrong', async () => {
    const run = await octavo(['compile', designBook('fancy'), '--out', tempDir()]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/book\.yaml.*design/s);
    expect(run.stdout + run.stderr).toContain('literary');
    const bad = await octavo(['compile', designBook('{ name: literary, dropCap: 4 }'), '--out', tempDir()]);
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain('expected true, false, 2 or 3 (lines)');
  });

  it('lays a mapping of overrides over the named design', () => {
    const d = resolveDesign({ name: 'literary', dropCap: false, chapterNumber: 'roman', fonts: { body: 'lora' } });
    expect(d.id).toBe('literary');
    expect(d.opening.dropCap).toBe(0);
    expect(d.chapter.number).toBe('roman');
    expect(d.fonts).toEqual({ body: 'lora', display: 'crimson-pro' });
    expect(resolveDesign(undefined).id).toBe('classic');
    expect(resolveDesign({ leadIn: 'line' }).opening.leadIn).toBe('line');
  });

  it('reads the number a title opens with, and leaves titles that only look like one', () => {
    const at = { line: 1, column: 1, offset: 0 };
    const t = (value: string): Inline[] => [{ type: 'text', value, pos: { file: 'a.md', start: at, end: at } }];
    const read = (value: string) => {
      const r = titleNumber(t(value));
      return r && { number: r.number, title: r.title.map((n) => ('value' in n ? n.value : '')).join('') };
    };
    expect(read('IV: Box Five')).toEqual({ number: 4, title: 'Box Five' });
    expect(read('12. Above the Trap-Doors')).toEqual({ number: 12, title: 'Above the Trap-Doors' });
    expect(read('Chapter Three: The Storm')).toEqual({ number: 3, title: 'The Storm' });
    expect(read('Chapter 7')).toEqual({ number: 7, title: '' });
    expect(read('Twenty-One')).toEqual({ number: 21, title: '' });
    expect(read('1984')).toBeUndefined();
    expect(read('V for Vendetta')).toBeUndefined();
    expect(read('MIX: The Tape')).toBeUndefined();
    expect(read('Is It the Ghost?')).toBeUndefined();
  });

  it('builds in classic by default: the same files as design: classic', async () => {
    const [a, b] = [await compileEpub(designBook(), ENV), await compileEpub(designBook('classic'), ENV)];
    expect(Buffer.from(a.epub).equals(Buffer.from(b.epub))).toBe(true);
    const [c, d] = [await compilePdf(designBook(), ENV), await compilePdf(designBook('classic'), ENV)];
    expect(Buffer.from(c.pdf).equals(Buffer.from(d.pdf))).toBe(true);
  }, 60_000);

  it('lists the designs, and compile --design builds one as book.yaml would', async () => {
    const list = await octavo(['designs']);
    expect(list.code).toBe(0);
    for (const id of DESIGN_IDS) expect(list.stdout).toContain(id);
    const out = tempDir();
    const run = await octavo(['compile', designBook(), '--out', out, '--design', 'romance'], { env: ENV });
    expect(run.code).toBe(0);
    const made = (ext: string) => fs.readFileSync(path.join(out, fs.readdirSync(out).find((f) => f.endsWith(ext))!));
    // The EPUB and the print edition both: the type size, page and fonts as much as the markup.
    expect(made('.epub').equals(Buffer.from((await compileEpub(designBook('romance'), ENV)).epub))).toBe(true);
    expect(made('.pdf').equals(Buffer.from((await compilePdf(designBook('romance'), ENV)).pdf))).toBe(true);
    const wrong = await octavo(['compile', designBook(), '--design', 'fancy']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('classic, literary');
  }, 60_000);
});

describe.each(DESIGN_IDS.filter((d) => d !== 'classic'))('the %s design', (design) => {
  let epub: Awaited<ReturnType<typeof readEpub>>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = (await compileEpub(designBook(design), ENV)).epub;
    epub = await readEpub(bytes);
  }, 60_000);

  it('makes an EPUB that EPUBCheck passes, every word of the text in it', async () => {
    const check = await epubcheck(bytes);
    expect(check.messages).toEqual([]);
    const text = epub.chapters.flatMap((c) => c.paragraphs).join(' ');
    expect(text).toContain('“The lamps were lit along the quay');
    expect(text).toContain('“No.”');
  }, 60_000);

  it('heads a chapter with its number and its title apart, the number read its way', () => {
    const four = epub.chapters[3].xhtml;
    expect(four).toMatch(
      /<span class="chapter-number">[^<]*(4|Four|IV)<\/span> <span class="chapter-title">Box Five<\/span>/,
    );
  });

  it.skipIf(!has('pdftotext'))(
    'sets the print edition in its own faces, every one embedded',
    async () => {
      const { pdf, path: file } = await compilePdf(designBook(design), ENV);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.every((l) => / yes +yes +yes /.test(l))).toBe(true);
      const names = fonts.map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
      const body = resolveDesign(design as never).fonts.body;
      const prefix = body
        .replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())
        .replace('EbGaramond', 'EBGaramond');
      expect(names.some((n) => n.startsWith(prefix))).toBe(true);
      if (has('qpdf'))
        expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
          'No syntax or stream encoding errors found',
        );
      expect(pdf.length).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('drop caps', () => {
  let files: Map<string, string>;
  let chapters: Awaited<ReturnType<typeof readEpub>>['chapters'];
  let words: ReturnType<typeof pdfWords>;
  beforeAll(async () => {
    const { epub } = await compileEpub(designBook('literary'), ENV);
    ({ files, chapters } = await readEpub(epub));
    if (has('pdftotext')) words = pdfWords((await compilePdf(designBook('literary'), ENV)).path);
  }, 60_000);

  it('take the opening quote with their letter, in the EPUB and in print', () => {
    expect(chapters[0].xhtml).toContain('<p class="first"><span class="dropcap">“T</span>he lamps');
    if (!words) return;
    const body = words.find((w) => w.text === 'lamps')!.height;
    const cap = words.find((w) => w.text === '“T');
    expect(cap, 'the cap with its quote is one word').toBeDefined();
    expect(cap!.height).toBeGreaterThan(2.5 * body);
  });

  it('stay off a paragraph too short for them', () => {
    expect(chapters[1].xhtml).toContain('<p class="first">“No.”</p>');
    if (!words) return;
    const body = words.find((w) => w.text === 'lamps')!.height;
    const no = words.find((w) => w.text.startsWith('“N'));
    expect(no!.height).toBeLessThan(1.5 * body);
  });

  it('open a chapter that begins with a scene break, and a break inside a chapter does not take one', () => {
    expect(chapters[2].xhtml).toMatch(/<h1[^>]*>.*<\/h1>\n<p class="first"><span class="dropcap">T<\/span>he/);
    const afterBreak = chapters[2].xhtml.split('<div class="scene-break"').at(-1)!;
    expect(afterBreak).not.toContain('dropcap');
    if (!words) return;
    const body = words.find((w) => w.text === 'lamps')!.height;
    expect(words.filter((w) => w.text === 'T' && w.height > 2.5 * body).length).toBeGreaterThan(0);
  });

  it('degrade to a plain letter where a reader cannot float it', () => {
    const css = [...files.entries()].find(([name]) => name.endsWith('.css'))![1];
    // The float is only inside @supports: a reading system without it sets the letter in the line.
    const outside = css.replace(/@supports[^{]*\{[\s\S]*?\n\}/g, '');
    expect(css).toMatch(/@supports \(float: left\) \{\s*p\.first span\.dropcap \{ float: left;/);
    expect(outside).not.toMatch(/dropcap[^}]*float/);
    // And with no stylesheet at all the paragraph reads whole.
    expect(chapters[0].paragraphs[0].startsWith('“The lamps were lit')).toBe(true);
  });
});

const LETTER =
  'My dear friend, the house is quiet tonight and the rain has not stopped since the morning, so I write ' +
  'to you by the window with the candle low. ';
/** Words only the letter has: a line of the letter holds one of them. */
const LETTER_WORDS = /\b(?:friend|house|quiet|tonight|rain|stopped|since|morning|write|window|candle|low)\b/;
/** A chapter with a letter (a block quote of two paragraphs) and a song (verse: lines kept as written). */
const QUOTED = {
  'manuscript/01-one.md':
    `# One\n\n${LONG.repeat(3)}\n\n> ${LETTER.repeat(3)}\n>\n> ${LETTER.repeat(2)}\n\n${LONG.repeat(2)}\n\n` +
    'Red or white liquor, *bright*\\\nCoarse or fine!\\\nWhat can it matter, so long as it is poured,\\\nSo we have wine?\n\n' +
    `${LONG.repeat(3)}\n\n"Gentle flowers in the dew,\\\nBe message from me!"\n\n${LONG.repeat(2)}\n`,
};
const SONG = ['Red or white', 'Coarse or fine!', 'What can it matter', 'So we have wine?'];

/** A laid line's text, its left and right edges on the page, its type size and faces. */
function lineFacts(l: PlacedLine) {
  const text = lineText(l);
  const right = Math.max(...l.fragments.map((f) => l.x + f.x + f.width));
  return {
    text,
    left: l.x + (l.fragments[0]?.x ?? 0),
    right,
    size: l.fragments[0]?.size ?? 0,
    faces: l.fragments.map((f) => f.run.style.face),
  };
}

describe('block quotes and verse', () => {
  async function laid(design: string) {
    const loaded = loadBook(designBook(design, QUOTED), { sourceDateEpoch: 1700000000 });
    const pdf = await renderPdf(loaded.book, printOptions(loaded.config, loaded.book.design));
    // Each line's edges from its page's text block (prose lines run from its left edge to its right).
    const lines = pdf.laid.pages
      .filter((p) => p.kind === 'text' || p.kind === 'opening')
      .flatMap((p) => {
        const ls = p.lines.filter((l) => l.role === 'body' && l.fragments.length).map(lineFacts);
        const x0 = Math.min(...ls.map((l) => l.left));
        return ls.map((l) => ({ ...l, left: l.left - x0, right: l.right - x0 }));
      });
    const size = lines.find((l) => l.text.includes('lamps'))!.size;
    const left = 0;
    const right = Math.max(...lines.map((l) => l.right));
    const song = SONG.map((start) => lines.find((l) => l.text.startsWith(start))!);
    const quote = lines.filter((l) => LETTER_WORDS.test(l.text));
    const quoted = ['“Gentle', 'Be message'].map((start) => lines.find((l) => l.text.startsWith(start))!);
    return { size, left, right, song, quote, lines, quoted };
  }

  it("insets them as classic always has: two ems, in the text's size and roman", async () => {
    const c = await laid('classic');
    for (const l of c.song) expect(l.left - c.left).toBeCloseTo(2 * c.size, 0);
    expect(c.quote.length).toBeGreaterThan(4);
    // Its lines two ems in (the second paragraph's first line indented an em more).
    expect(Math.min(...c.quote.map((l) => l.left))).toBeCloseTo(2 * c.size, 0);
    for (const l of c.quote) {
      expect(l.left).toBeLessThan(3.1 * c.size);
      expect(l.size).toBe(c.size);
      expect(l.right).toBeLessThanOrEqual(c.right - 2 * c.size + 0.5);
    }
    expect(c.song[0].faces[0]).toBe('regular');
    for (const l of c.song.slice(1)) expect(l.faces.every((f) => f === 'regular')).toBe(true);
  }, 60_000);

  it("hangs a song's opening quote mark before its first line, its letters over the next line's", async () => {
    for (const design of ['classic', 'literary']) {
      const d = await laid(design);
      const [first, second] = d.quoted;
      const mark = second.left - first.left;
      expect(mark, design).toBeGreaterThan(0.2 * d.size);
      expect(mark, design).toBeLessThan(0.7 * d.size);
    }
  }, 60_000);

  it('sets a smaller letter and centres a song on its longest line in literary', async () => {
    const d = await laid('literary');
    for (const l of d.quote) expect(l.size).toBeCloseTo(0.92 * d.size, 1);
    expect(Math.min(...d.quote.map((l) => l.left))).toBeCloseTo(2 * d.size, 0);
    // All the song's lines start at one place, and its longest line is as far from either margin.
    const starts = new Set(d.song.map((l) => Math.round(l.left)));
    expect(starts.size).toBe(1);
    const widest = d.song.reduce((a, b) => (b.right - b.left > a.right - a.left ? b : a));
    expect(widest.text).toMatch(/^What can it matter/);
    expect(widest.left - d.left).toBeCloseTo(d.right - widest.right, 0);
    for (const l of d.song.slice(1)) expect(l.faces.every((f) => f === 'regular')).toBe(true);
  }, 60_000);

  it('insets a letter at the left only in modern, its lines full to the right margin', async () => {
    const d = await laid('modern');
    expect(Math.min(...d.quote.map((l) => l.left))).toBeCloseTo(2 * d.size, 0);
    // Justified lines of the letter (all but each paragraph's last) reach the text's right edge.
    expect(d.quote.filter((l) => Math.abs(l.right - d.right) < 0.5).length).toBeGreaterThan(2);
  }, 60_000);

  it('sets songs in italic in fantasy and romance, the emphasis in them roman', async () => {
    for (const design of ['fantasy', 'romance']) {
      const d = await laid(design);
      const first = d.song[0];
      expect(first.faces[0], design).toBe('italic');
      // "bright" is emphasised in the song: roman within the italic.
      expect(first.faces.at(-1), design).toBe('regular');
      for (const l of d.song.slice(1))
        expect(
          l.faces.every((f) => f === 'italic'),
          design,
        ).toBe(true);
    }
  }, 60_000);

  it("insets large print's at the left only, and a manuscript's half an inch from the left margin", async () => {
    const big = await laid('large-print');
    expect(Math.min(...big.quote.map((l) => l.left))).toBeCloseTo(2 * big.size, 0);
    expect(big.quote.filter((l) => Math.abs(l.right - big.right) < 0.5).length).toBeGreaterThan(2);
    for (const l of big.song) expect(l.left).toBeCloseTo(2 * big.size, 0);
    const ms = await laid('manuscript');
    expect(Math.min(...ms.quote.map((l) => l.left))).toBeCloseTo(36, 0);
  }, 60_000);

  it("gives the EPUB the same: verse as verse, and each design's insets, sizes and italic", async () => {
    const css = async (design: string) => {
      const { files, chapters } = await readEpub((await compileEpub(designBook(design, QUOTED), ENV)).epub);
      return {
        css: [...files.entries()]
          .filter(([n]) => n.endsWith('.css'))
          .map(([, c]) => c)
          .join('\n'),
        xhtml: chapters[0].xhtml,
      };
    };
    const classic = await css('classic');
    expect(classic.xhtml).toMatch(/<p class="verse">Red or white liquor, <em>bright<\/em><br \/>/);
    expect(classic.css).toMatch(/p\.verse \{ text-indent: 0; text-align: left; margin: 1em 0 1em 1\.5em;/);
    expect(classic.css).not.toMatch(/fit-content/);
    // The quoted song hangs its quote mark, as print does.
    expect(classic.xhtml).toContain('<p class="verse hang">“Gentle flowers in the dew,<br />');
    expect(classic.css).toContain('p.verse.hang { text-indent: -0.4em; }');
    const literary = await css('literary');
    expect(literary.css).toContain('blockquote { margin: 1em 1.5em 1em 1.5em; font-size: 0.92em; }');
    expect(literary.css).toMatch(
      /@supports \(width: fit-content\) \{\s*p\.verse \{ width: fit-content; margin-left: auto; margin-right: auto; \}/,
    );
    const romance = await css('romance');
    expect(romance.css).toContain('p.verse { font-style: italic; }');
    expect(romance.css).toContain('p.verse em, p.verse i { font-style: normal; }');
    const modern = await css('modern');
    expect(modern.css).toContain('blockquote { margin: 1em 0 1em 1.5em; font-size: 0.92em; }');
    // A song that opens a chapter takes no drop cap: the prose after it does, in the EPUB and in print.
    const songFirst = designBook('literary', {
      'manuscript/01.md': `# One\n\nRed or white\\\nCoarse or fine!\n\nAnd then ${LONG.repeat(3)}\n`,
    });
    const opening = await readEpub((await compileEpub(songFirst, ENV)).epub);
    expect(opening.chapters[0].xhtml).toContain('<p class="first verse">Red or white<br />');
    expect(opening.chapters[0].xhtml).toContain('<span class="dropcap">A</span>');
    if (!has('pdftotext')) return;
    const words = pdfWords((await compilePdf(songFirst, ENV)).path);
    const body = words.find((w) => w.text === 'lamps')!.height;
    expect(words.find((w) => w.text === 'Red')!.height).toBeLessThan(1.5 * body);
    expect(words.some((w) => w.text === 'A' && w.height > 2.5 * body)).toBe(true);
  }, 60_000);
});

describe('part pages', () => {
  const PARTS = {
    'manuscript/01.md':
      `# Part One: The Opera House\n\n## The Ghost\n\n${LONG.repeat(3)}\n\n## The Margarita\n\n${LONG.repeat(3)}\n\n` +
      `# Part Two\n\n## The Trap\n\n${LONG.repeat(3)}\n\n## The Lake\n\n${LONG.repeat(3)}\n`,
  };
  /** Each part page's display lines: text and left edge from the text block's, in reading order. */
  async function partPages(design: string) {
    const loaded = loadBook(designBook(design, PARTS), { sourceDateEpoch: 1700000000 });
    const pdf = await renderPdf(loaded.book, printOptions(loaded.config, loaded.book.design));
    const body = pdf.laid.pages.filter((p) => p.kind === 'text' || p.kind === 'opening');
    const textLeft = (recto: boolean) =>
      Math.min(
        ...body
          .filter((p) => p.recto === recto)
          .flatMap((p) => p.lines.filter((l) => l.role === 'body').map((l) => l.x)),
      );
    // Part pages: pages of their own in the body, after the contents.
    const contents = pdf.laid.pages.findIndex((p) => p.kind === 'contents');
    const parts = pdf.laid.pages.filter((p, k) => k > contents && p.kind === 'front');
    return parts.map((p) =>
      p.lines
        .filter((l) => l.role === 'display')
        .map((l) => ({
          text: lineText(l),
          x: l.x - textLeft(p.recto),
          faces: l.fragments.map((f) => f.run.style.face),
        })),
    );
  }

  it('head a part as the design heads a chapter: its ornament, "Part II" its way, the title in its face', async () => {
    const classic = await partPages('classic');
    expect(classic.map((p) => p.map((l) => l.text))).toEqual([['Part One: The Opera House'], ['Part Two']]);
    const fantasy = await partPages('fantasy');
    expect(fantasy.map((p) => p.map((l) => l.text))).toEqual([
      ['❦', 'Part I', 'THE OPERA HOUSE'],
      ['❦', 'Part II'],
    ]);
    expect(fantasy[0][1].faces.every((f) => f === 'display')).toBe(true);
    expect(fantasy[0][2].faces.every((f) => f === 'display')).toBe(true);
    const literary = await partPages('literary');
    // Small capitals are set from capitals: read the letters alone.
    const letters = (t: string) => t.replace(/\W/g, '').toLowerCase();
    expect(literary[0].map((l) => letters(l.text)).slice(-2)).toEqual(['partone', 'theoperahouse']);
    // Flush left in modern, as its chapters are; centred elsewhere.
    const modern = await partPages('modern');
    for (const l of modern[0]) expect(l.x).toBeCloseTo(0, 0);
    expect(fantasy[0][2].x).toBeGreaterThan(20);
  }, 60_000);

  it('split the same way in the EPUB', async () => {
    const partFile = async (design?: string) => {
      const { files } = await readEpub((await compileEpub(designBook(design, PARTS), ENV)).epub);
      return [...files.values()].find((v) => v.includes('epub:type="part"'))!;
    };
    expect(await partFile('fantasy')).toMatch(
      /<span class="chapter-number">Part I<\/span> <span class="chapter-title">The Opera House<\/span>/,
    );
    expect(await partFile()).toContain('>Part One: The Opera House</h1>');
  }, 60_000);
});

describe('running heads and folios', () => {
  /** Where each text page's head and folio stand against its text block: centred, or at its outer edge. */
  async function furniture(design: string) {
    const chapters = { 'manuscript/01.md': `# One\n\n${`${LONG.repeat(4)}\n\n`.repeat(12)}` };
    const loaded = loadBook(designBook(design, chapters), { sourceDateEpoch: 1700000000 });
    const pdf = await renderPdf(loaded.book, printOptions(loaded.config, loaded.book.design));
    return pdf.laid.pages
      .filter((p) => p.kind === 'text')
      .flatMap((p) => {
        const body = p.lines.filter((l) => l.role === 'body').map(lineFacts);
        const [left, right] = [Math.min(...body.map((l) => l.left)), Math.max(...body.map((l) => l.right))];
        return p.lines
          .filter((l) => l.role === 'head' || l.role === 'folio')
          .map(lineFacts)
          .map((l) => {
            const place =
              Math.abs(l.left - left - (right - l.right)) < 1
                ? 'centre'
                : Math.abs(p.recto ? l.right - right : l.left - left) < 1
                  ? 'outside'
                  : 'elsewhere';
            return `${p.recto ? 'recto' : 'verso'} ${place}`;
          });
      });
  }

  it('stand centred in classic and at the outer edge in modern, on both sides of the spread', async () => {
    const classic = new Set(await furniture('classic'));
    expect([...classic].sort()).toEqual(['recto centre', 'verso centre']);
    const modern = new Set(await furniture('modern'));
    expect([...modern].sort()).toEqual(['recto outside', 'verso outside']);
  }, 60_000);
});

describe('title pages', () => {
  const yaml = (design: string) =>
    `title: "Harbour Lights"\nsubtitle: "A Novel"\nauthor: "Ann Writer"\nlanguage: en\ndesign: ${design}\n`;
  const book = (design: string) => makeBook({ 'book.yaml': yaml(design), ...CHAPTERS });
  /** The title page's display lines: text, left edge from the text block's, faces and small capitals. */
  async function titlePage(design: string) {
    const loaded = loadBook(book(design), { sourceDateEpoch: 1700000000 });
    const pdf = await renderPdf(loaded.book, printOptions(loaded.config, loaded.book.design));
    const page = pdf.laid.pages.find((p) => p.kind === 'front' && p.lines.some((l) => /Novel/.test(lineText(l))))!;
    const x0 = Math.min(
      ...pdf.laid.pages
        .filter((p) => p.recto && p.kind === 'opening')
        .flatMap((p) => p.lines.filter((l) => l.role === 'body').map((l) => l.x)),
    );
    return page.lines.map((l) => ({
      text: lineText(l),
      x: l.x - x0,
      styles: l.fragments.map((f) => `${f.run.style.face}${f.run.style.smallCaps ? '+sc' : ''}`),
    }));
  }

  it('set the title as the design sets chapter titles, with its ornament and its alignment', async () => {
    const fantasy = await titlePage('fantasy');
    expect(fantasy.map((l) => l.text)).toEqual(['HARBOUR LIGHTS', 'A Novel', '❦', 'Ann Writer']);
    expect(fantasy[0].styles.every((s) => s === 'display')).toBe(true);
    const modern = await titlePage('modern');
    for (const l of modern) expect(l.x).toBeCloseTo(0, 0);
    const classic = await titlePage('classic');
    expect(classic.map((l) => l.text)).toEqual(['Harbour Lights', 'A Novel', 'Ann Writer']);
    expect(classic[1].styles).toEqual(['italic', 'italic']);
    expect(classic[2].styles.every((s) => s.endsWith('+sc'))).toBe(true);
    expect(classic[0].x).toBeGreaterThan(20);
  }, 60_000);

  it('keep large print plain: no italic subtitle, no small-capital byline', async () => {
    const big = await titlePage('large-print');
    expect(big.map((l) => l.text)).toEqual(['Harbour Lights', 'A Novel', 'Ann Writer']);
    for (const l of big)
      expect(
        l.styles.every((s) => s === 'regular'),
        l.text,
      ).toBe(true);
  }, 60_000);

  it('look the same in the EPUB', async () => {
    const files = async (design: string) => (await readEpub((await compileEpub(book(design), ENV)).epub)).files;
    const css = (f: Map<string, string>) =>
      [...f.entries()]
        .filter(([n]) => n.endsWith('.css'))
        .map(([, c]) => c)
        .join('\n');
    const page = (f: Map<string, string>) => [...f.entries()].find(([n]) => n.endsWith('titlepage.xhtml'))![1];
    const fantasy = await files('fantasy');
    expect(css(fantasy)).toMatch(/\.titlepage h1 \{[^}]*text-transform: uppercase/);
    const modern = await files('modern');
    expect(css(modern)).toContain('.titlepage, .titlepage p, .titlepage h1 { text-align: left; }');
    const big = await files('large-print');
    expect(css(big)).toContain('.titlepage .subtitle { font-style: normal; }');
    // With the design's fonts embedded, its ornament is safe to show, between the title and the byline.
    const embedded = (
      await readEpub(
        (
          await compileEpub(makeBook({ 'book.yaml': yaml('{ name: fantasy, ebookFonts: true }'), ...CHAPTERS }), ENV)
        ).epub,
      )
    ).files;
    expect(page(embedded)).toMatch(
      /<p class="subtitle">A Novel<\/p>\n<p class="ornament" aria-hidden="true">❦<\/p>\n<p class="author">/,
    );
    expect(
      (
        await epubcheck(
          (
            await compileEpub(makeBook({ 'book.yaml': yaml('{ name: fantasy, ebookFonts: true }'), ...CHAPTERS }), ENV)
          ).epub,
        )
      ).messages,
    ).toEqual([]);
  }, 120_000);
});

describe('the EPUB with designs', () => {
  it('keeps classic scene breaks and gives others their own, never a glyph the reader may lack', async () => {
    const book = (d: string) => designBook(d, { 'manuscript/01.md': `# One\n\n${LONG}\n\n* * *\n\n${LONG}\n` });
    const breakOf = async (d: string) =>
      /<div class="scene-break" role="separator">([^<]*)<\/div>/.exec(
        (await readEpub((await compileEpub(book(d), ENV)).epub)).chapters[0].xhtml,
      )?.[1];
    expect(await breakOf('classic')).toBe('*\u2003*\u2003*');
    expect(await breakOf('manuscript')).toBe('#');
    expect(await breakOf('modern')).toBe('\u2022\u2002\u2022\u2002\u2022');
    // Fleurons are not in every reader's fonts: without embedded fonts, asterisks.
    expect(await breakOf('romance')).toBe('*\u2003*\u2003*');
  }, 60_000);

  it('sets a picture between scenes when book.yaml gives one, in the EPUB and in print', async () => {
    const dir = makeBook({
      'book.yaml':
        'title: "Harbour Lights"\nauthor: "Ann Writer"\nlanguage: en\ndate: 2026\n' +
        'design: { name: literary, sceneBreakImage: assets/dinkus.png }\n',
      'assets/dinkus.png': png(600, 120),
      'manuscript/01.md': `# One\n\n${LONG}\n\n* * *\n\n${LONG}\n\n* * *\n\n${LONG}\n`,
    });
    const { epub } = await compileEpub(dir, ENV);
    const chapter = (await readEpub(epub)).chapters[0].xhtml;
    const breaks = [...chapter.matchAll(/<div class="scene-break" role="separator">(.*?)<\/div>/g)].map((m) => m[1]);
    expect(breaks).toHaveLength(2);
    for (const b of breaks) expect(b).toMatch(/^<img src="images\/[\w-]+\.png" alt="" \/>$/);
    const files = await unzip(epub);
    const src = /src="([^"]+)"/.exec(breaks[0])![1];
    expect([...files.keys()].some((f) => f.endsWith(src))).toBe(true);
    expect([...files.values()].some((c) => c.includes('div.scene-break img { height: 1em'))).toBe(true);
    expect((await epubcheck(epub)).messages).toEqual([]);

    const { path: file } = await compilePdf(dir, ENV);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean);
    // The picture on its pages, an em high: 600 × 120 pixels drawn about 2.5 × 0.5 em.
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const row of images) expect(row.trim().split(/\s+/).slice(3, 5)).toEqual(['600', '120']);
    // No asterisks left where the picture went.
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).not.toMatch(/^\s*\*\s*$/m);

    const missing = makeBook({
      'book.yaml':
        'title: "T"\nauthor: "A"\nlanguage: en\ndesign: { name: literary, sceneBreakImage: assets/none.png }\n',
      'manuscript/01.md': '# One\n\nText.\n',
    });
    const run = await octavo(['compile', missing, '--format', 'epub'], { env: ENV });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('assets/none.png');
    expect(run.stdout + run.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
  }, 60_000);

  it('sets no font size on the text, so the reader keeps theirs', async () => {
    for (const d of DESIGN_IDS) {
      const files = await unzip((await compileEpub(designBook(d), ENV)).epub);
      const css = [...files.entries()].find(([name]) => name.endsWith('.css'))![1];
      expect(css, d).not.toMatch(/font-size:\s*[\d.]+(px|pt)/);
      expect(css, d).not.toMatch(/(^|\n)(body|p) \{[^}]*font-size/);
    }
  }, 120_000);
});

describe.skipIf(!has('pdftotext'))('the manuscript design', () => {
  let pages: string[];
  let info: string;
  beforeAll(async () => {
    const { path: file } = await compilePdf(designBook('manuscript'), ENV);
    pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
    info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  }, 60_000);

  it('opens with a cover page: the author, the length in words, the title and byline, and no header', () => {
    expect(pages[0]).toMatch(/Ann Writer\s+about \d{1,3}(,\d{3})* words/);
    expect(pages[0]).toContain('Harbour Lights');
    expect(pages[0]).toContain('by Ann Writer');
    expect(pages[0]).not.toContain('Writer /');
  });

  it('heads every later page with surname, title and page, and has no contents or copyright page', () => {
    const text = pages.filter((p) => p.trim());
    for (const [i, p] of text.slice(1).entries()) expect(p).toContain(`Writer / Harbour Lights / ${i + 1}`);
    expect(pages.join('\n')).not.toMatch(/Contents|All rights reserved/);
  });

  it('is US Letter, ends with END, and puts # between scenes', () => {
    expect(info).toMatch(/Page size:\s+612 x 792 pts/);
    const text = pages.filter((p) => p.trim());
    expect(text.at(-1)!.trim().split('\n').at(-1)!.trim()).toBe('END');
    expect(pages.join('\n')).toMatch(/^\s+#\s*$/m);
  });
});

const meter = path.join(SHARED, 'tools', 'measure-typeset.py');
const canMeasure = hasCorpus && fs.existsSync(meter) && has('python3') && has('pdftotext');
if (!canMeasure)
  console.warn('design corpus test skipped: it needs ../shared/corpus/phantom, measure-typeset.py, python3, poppler');

// Each book design sets the corpus to the standard the classic one keeps. Manuscript format is flush left
// by rule, which the meter (made for justified books) cannot read: its own tests are above.
describe.skipIf(!canMeasure).each(DESIGN_IDS.filter((d) => d !== 'classic' && d !== 'manuscript'))(
  'the Phantom corpus in the %s design',
  (design) => {
    it('has no widows, orphans or overflowing lines, and few loose ones', async () => {
      const out = tempDir();
      const run = await octavo(['compile', CORPUS, '--out', out, '--format', 'pdf', '--design', design], { env: ENV });
      expect(run.code).toBe(0);
      // Nothing reaches into the print service's margins (the gutter of a long book included).
      expect(run.stdout + run.stderr).not.toContain('print-safe-area');
      const pdf = path.join(out, fs.readdirSync(out).find((f) => f.endsWith('.pdf'))!);
      const m = JSON.parse(execFileSync('python3', [meter, pdf, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
      expect(m.status).toBe('ok');
      expect([m.widows, m.orphans, m.overflow, m.ragged, m.furniture_overflow]).toEqual([0, 0, 0, 0, 0]);
      expect(m.hyphen_runs_3).toBe(0);
      expect(m.loose_2).toBeLessThanOrEqual(0.2);
      expect(m.spreads_misaligned).toBe(0);
    }, 120_000);
  },
);

describe('design.ebookFonts', () => {
  it("embeds the design's faces in the EPUB, for Apple Books too, with the ornaments they have", async () => {
    const book = designBook('{ name: romance, ebookFonts: true }', {
      'manuscript/01.md': `# One\n\n${LONG.repeat(3)}\n\n* * *\n\n${LONG}\n`,
    });
    const { epub } = await compileEpub(book, ENV);
    expect((await epubcheck(epub)).messages).toEqual([]);
    const { files, opf, chapters } = await readEpub(epub);
    const fonts = [...files.keys()].filter((f) => f.endsWith('.ttf'));
    expect(fonts).toContain('OEBPS/fonts/Lora_400Regular.ttf');
    expect(fonts).toContain('OEBPS/fonts/GreatVibes_400Regular.ttf');
    for (const f of fonts) expect(opf).toContain(`href="${f.replace('OEBPS/', '')}" media-type="font/ttf"`);
    expect(opf).toContain('<meta property="ibooks:specified-fonts">true</meta>');
    const css = [...files.entries()].find(([name]) => name.endsWith('.css'))![1];
    expect(css).toContain('@font-face { font-family: "Lora"; font-weight: 400; font-style: normal;');
    expect(css).toMatch(/body \{ font-family: "Lora", serif; \}/);
    // Lora has no fleuron; the EB Garamond that comes with it has, and sets the break.
    expect(chapters[0].xhtml).toContain('<div class="scene-break" role="separator">\u2766</div>');
    expect(css).toContain('div.scene-break, .chapter-ornament { font-family: "EB Garamond", serif; }');
    // Without the option, no font is embedded.
    const plain = await readEpub((await compileEpub(designBook('romance'), ENV)).epub);
    expect([...plain.files.keys()].some((f) => f.endsWith('.ttf'))).toBe(false);
  }, 60_000);
});

describe('octavo designs --preview', () => {
  it("writes a contact sheet of the book's first chapter in every design, PNG and PDF, the same each time", async () => {
    const book = designBook();
    const [a, b] = [tempDir(), tempDir()];
    const run = await octavo(['designs', '--preview', book, '--out', a], { env: ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('designs.png');
    await octavo(['designs', '--preview', book, '--out', b], { env: ENV });
    for (const f of ['designs.png', 'designs.pdf'])
      expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).toBe(true);
    const png = fs.readFileSync(path.join(a, 'designs.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // A row a design: the sheet is far taller than wide.
    expect(png.readUInt32BE(20)).toBeGreaterThan(2 * png.readUInt32BE(16));
    if (!has('pdftotext')) return;
    const file = path.join(a, 'designs.pdf');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    // Each design's label, and its own opening page: "Chapter One" (literary), the Roman I (fantasy).
    for (const id of DESIGN_IDS) expect(text.toLowerCase()).toContain(id);
    expect(text).toContain('The lamps were lit along the quay');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.every((l) => / yes +yes +yes /.test(l))).toBe(true);
    expect(fonts.some((l) => l.includes('Cinzel'))).toBe(true);
    expect(fonts.some((l) => l.includes('CourierPrime'))).toBe(true);
  }, 120_000);

  it('says what to type when given more than one folder, and --preview only goes with designs', async () => {
    const two = await octavo(['designs', '--preview', 'a', 'b']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('octavo designs --preview');
    const misplaced = await octavo(['compile', '--preview']);
    expect(misplaced.code).toBe(2);
  });
});
