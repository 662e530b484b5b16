/** The layout engine's parts on cases small enough to check by hand. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  adjustment,
  box,
  breakParagraph,
  DEFAULT_BREAK_OPTIONS,
  glue,
  penalty,
  INFINITY,
  type Item,
} from '../../src/pdf/layout/knuth-plass.js';
import { createHyphenator, liang, patternsFor } from '../../src/pdf/layout/hyphenate.js';
import { flowUnit, paginate, spaceUnit, unitVariant, type FlowUnit } from '../../src/pdf/layout/paginate.js';
import { Shaper } from '../../src/pdf/layout/shaper.js';
import { lineAdjustment, setParagraph } from '../../src/pdf/layout/paragraph.js';
import { bookFonts } from '../../src/pdf/fonts.js';
import { CORPUS, hasCorpus } from '../helpers/book.js';
import { roman } from '../../src/pdf/layout/book.js';

const req = createRequire(import.meta.url);

/** Words of the given widths separated by glue, ended as a paragraph. */
function words(widths: number[], space = { w: 2, st: 1, sh: 1 }): Item[] {
  const items: Item[] = [];
  widths.forEach((w, i) => {
    if (i) items.push(glue(space.w, space.st, space.sh));
    items.push(box(w));
  });
  items.push(penalty(0, INFINITY), glue(0, 1e5, 0), penalty(0, -INFINITY));
  return items;
}

const opts = (width: number, extra: Partial<typeof DEFAULT_BREAK_OPTIONS> = {}) => ({
  ...DEFAULT_BREAK_OPTIONS,
  lineWidth: () => width,
  ...extra,
});

describe('Knuth–Plass line breaking', () => {
  it('fills lines exactly when the words fit exactly', () => {
    // Three words of 10 and two spaces of 2 make 34: nine words are three full lines.
    const all = breakParagraph(words(new Array(9).fill(10)), opts(34));
    const best = all.get(3)!;
    expect(best.breaks.slice(0, 2)).toEqual([5, 11]); // the glue after words 3 and 6
    expect(best.ratios.map((r) => Math.round(r * 100) / 100)).toEqual([0, 0, 0]);
  });

  it('offers the same paragraph at more than one line count (looseness)', () => {
    const ws = Array.from({ length: 60 }, (_, i) => 8 + (i % 5));
    const all = breakParagraph(words(ws, { w: 3, st: 2, sh: 1 }), opts(100, { tolerance: 1000 }));
    const counts = [...all.keys()].sort((a, b) => a - b);
    expect(counts.length).toBeGreaterThanOrEqual(2);
    expect(counts[1] - counts[0]).toBe(1);
  });

  it.each([
    // extra, glue stretch, box stretch, glue shrink, box shrink → ratio
    [6, 4, 2, 1, 1, 1], // both at their limit
    [3, 4, 2, 1, 1, 0.5], // glyphs and spaces share it
    [10, 4, 2, 1, 1, 2], // glyphs at +1, the spaces take the other 4: 1 + 4/4
    [-1, 4, 2, 1, 1, -0.5],
    [-3, 4, 2, 1, 1, -INFINITY], // more shrink than both have: overfull
    [5, 0, 2, 1, 1, INFINITY], // no glue to take what the glyphs cannot
  ])('adjusts a line %d pt short with glue %d and glyphs %d (shrink %d, %d) by %d', (extra, gs, bs, gk, bk, ratio) => {
    expect(adjustment(extra, gs, bs, gk, bk)).toBeCloseTo(ratio, 9);
  });

  it('lets glyphs widen a little (font expansion) so that a line needs looser spaces less often', () => {
    // Three words of 30 and spaces of 3 (stretch 1): a line of 100 is 4 pt short. The spaces alone would
    // stretch to ratio 2 (badness 800), past tolerance 200; with the words widening up to 2 % (1.8 pt in
    // all) the spaces take ratio 1.1 (badness 133).
    const build = (k: number) => {
      const items: Item[] = [];
      for (let i = 0; i < 3; i++) {
        if (i) items.push(glue(3, 1, 1));
        items.push(box(30, 30 * k, 30 * k));
      }
      items.push(penalty(0, -INFINITY));
      return items;
    };
    expect(breakParagraph(build(0), opts(100, { tolerance: 200 })).size).toBe(0);
    const set = breakParagraph(build(0.02), opts(100, { tolerance: 200 })).get(1)!;
    // 4 pt needed over 2 pt of glue and 1.8 pt of glyphs: ratio past 1, on the glue alone.
    expect(set.ratios[0]).toBeCloseTo(1 + (4 - 3.8) / 2, 9);
    // And the line is composed the same way: glyphs at +2 %, spaces with the rest.
    const a = lineAdjustment(4, 2, 2, 90, { stretch: 0.02, shrink: 0.02 });
    expect(a.glyphs).toBeCloseTo(1.02, 9);
    expect(a.glue).toBeCloseTo(1.1, 9);
    expect(90 * (a.glyphs - 1) + 2 * a.glue).toBeCloseTo(4, 9);
  });

  it('never lets a line shrink past its glue, and reports when nothing fits', () => {
    expect(breakParagraph(words([50, 50]), opts(40)).size).toBe(0);
  });

  it('avoids two hyphens in a row when another breaking is nearly as good', () => {
    // Each word can break in the middle (flagged penalty); lines fit two and a half words.
    const items: Item[] = [];
    for (let i = 0; i < 12; i++) {
      if (i) items.push(glue(3, 1.5, 1));
      items.push(box(10), penalty(3, 50, true), box(10));
    }
    items.push(penalty(0, INFINITY), glue(0, 1e5, 0), penalty(0, -INFINITY));
    const best = [...breakParagraph(items, opts(58, { tolerance: 2000 })).values()].sort(
      (a, b) => a.demerits - b.demerits,
    )[0];
    const flags = best.breaks.map((b) => items[b].flagged);
    for (let i = 1; i < flags.length; i++) expect(flags[i] && flags[i - 1]).toBe(false);
  });
});

describe('hyphenation', () => {
  it('finds the TeX patterns for the book language', () => {
    expect(patternsFor('en')).toBe('en-us');
    expect(patternsFor('en-GB')).toBe('en-gb');
    expect(patternsFor('fr-CA')).toBe('fr');
    expect(patternsFor('de')).toBe('de-1996');
    expect(patternsFor('tlh')).toBeUndefined();
  });

  it.each([
    ['representation', 'rep-re-sen-ta-tion'],
    ['extraordinary', 'ex-tra-or-di-nary'],
    ['beautiful', 'beau-ti-ful'],
    ['opera', 'opera'], // two letters before, three after: o-pera and op-era are too short
    ['Christine', 'Christine'], // names are not hyphenated
    ['ab', 'ab'],
  ])('%s → %s', (word, expected) => {
    const h = createHyphenator('en-US');
    let out = '';
    let last = 0;
    for (const p of h.points(word)) {
      out += `${word.slice(last, p)}-`;
      last = p;
    }
    expect(out + word.slice(last)).toBe(expected);
  });

  it("agrees with the hyphen package's own hyphenator on thousands of words", () => {
    const text = hasCorpus
      ? fs.readFileSync(`${CORPUS}/truth.jsonl`, 'utf8')
      : fs.readFileSync(new URL('../../manuscript/01-meg-confesses.txt', import.meta.url), 'utf8');
    const list = [...new Set(text.match(/\p{L}{4,}/gu))];
    expect(list.length).toBeGreaterThan(500);
    for (const lang of ['en-us', 'fr', 'de-1996']) {
      const pkg = req(`hyphen/${lang}`);
      const patterns = req(`hyphen/patterns/${lang}.js`);
      for (const w of list) {
        const theirs = pkg.hyphenateSync(w, { hyphenChar: '|', minWordLength: 4 });
        let ours = '';
        let last = 0;
        for (const p of liang(patterns, w)) {
          ours += `${w.slice(last, p)}|`;
          last = p;
        }
        expect(ours + w.slice(last)).toBe(theirs);
      }
    }
  });
});

describe('shaping', () => {
  const shaper = new Shaper(bookFonts().faces);
  it('measures words as fontkit lays them out, to 0.01 pt', () => {
    const faces = bookFonts().faces;
    const sample =
      "It was the evening on which MM. Debienne and Poligny, the managers of the Opera, were giving a last gala — office “WAVE” Sorelli's Fifi AVA Tête-à-tête finally".split(
        ' ',
      );
    for (const face of ['regular', 'italic'] as const) {
      for (const smallCaps of [false, true]) {
        for (const w of sample) {
          const ours = shaper.width(w, { face, smallCaps }, 11);
          const theirs =
            (faces[face].layout(w, smallCaps ? ['smcp'] : undefined).advanceWidth * 11) / faces[face].unitsPerEm;
          expect(Math.abs(ours - theirs)).toBeLessThan(0.01);
        }
      }
    }
  });

  it('gives the glyphs and advances fontkit gives, for every word of a book, in every face and in small caps', () => {
    // The shaper kerns from the GPOS table and forms ligatures from GSUB itself; fontkit is the reference.
    const faces = bookFonts().faces;
    const text = hasCorpus
      ? fs.readFileSync(`${CORPUS}/truth.jsonl`, 'utf8')
      : fs.readFileSync(new URL('../../manuscript/01-meg-confesses.txt', import.meta.url), 'utf8');
    const all = [...new Set(text.match(/[^\s"{}:,]+/gu))];
    // Two thousand words, and every word with a ligature, a digit or a mark (fontkit takes ~0.1 ms a word).
    const list = [...new Set([...all.slice(0, 2000), ...all.filter((w) => /f[fil]|\d|\p{M}/u.test(w)).slice(0, 600)])];
    expect(list.length).toBeGreaterThan(1000);
    expect(list.some((w) => /f[fil]/.test(w))).toBe(true);
    const fresh = new Shaper(faces);
    let compared = 0;
    for (const face of ['regular', 'italic', 'bold', 'boldItalic'] as const) {
      for (const smallCaps of [false, true]) {
        for (const w of list) {
          const ours = fresh.shape(w, { face, smallCaps });
          const theirs = faces[face].layout(w, smallCaps ? ['smcp'] : undefined);
          expect(ours.glyphs).toEqual(theirs.glyphs.map((g) => g.id));
          expect(ours.advances).toEqual(theirs.positions.map((p) => p.xAdvance));
          compared++;
        }
      }
    }
    expect(compared).toBe(list.length * 8);
  }, 60_000);

  it('sets justified lines to the full measure and the last line short', () => {
    const text = fs
      .readFileSync(new URL('../../manuscript/01-meg-confesses.txt', import.meta.url), 'utf8')
      .split('\n')
      .find((l) => l.length > 600)!;
    const pos = { file: '', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    const set = setParagraph([{ type: 'text', value: text, pos }], {
      shaper,
      hyphenator: createHyphenator('en'),
      size: 11,
      measure: 300,
      indent: 11,
      align: 'justify',
      space: { width: 1.2, stretch: 0.6, shrink: 0.3 },
      tolerance: 200,
      loosenessTolerance: 500,
      hyphenPenalty: 100,
      explicitHyphenPenalty: 50,
      pretolerance: 100,
    });
    const lines = set.lines(set.natural);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.slice(0, -1)) {
      const last = l.fragments[l.fragments.length - 1];
      expect(Math.abs(last.x + last.width - 300)).toBeLessThan(0.01);
    }
    expect(lines[lines.length - 1].width).toBeLessThan(300);
    // Every character comes back, in order (hyphens added at breaks aside).
    let printed = '';
    for (const l of lines) {
      const parts = l.fragments.map((f) => String.fromCodePoint(...f.run.codePoints.flat()));
      // A hyphen the breaker added is a fragment of its own, and the word goes on on the next line.
      const added = l.hyphenated && parts[parts.length - 1] === '-';
      printed += added ? parts.slice(0, -1).join(' ') : `${parts.join(' ')} `;
    }
    expect(printed.trim()).toBe(text.trim().replace(/\s+/g, ' '));
  });

  it('breaks after a dash but never before the quote mark or comma that closes on it', () => {
    const text =
      '“I ought to have held my tongue—if mother ever came to know! But Joseph Buquet had no business—it ' +
      'will bring him bad luck—mother was saying so last night—” She broke off. “You ask me why—” “Because—’ ' +
      'he said—, and she answered—! Then—) it stopped—.”';
    const pos = { file: '', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    let starts = 0;
    for (let measure = 120; measure <= 320; measure += 2) {
      const set = setParagraph([{ type: 'text', value: text, pos }], {
        shaper,
        hyphenator: createHyphenator('en'),
        size: 11,
        measure,
        indent: 11,
        align: 'justify',
        space: { width: 1.2, stretch: 0.6, shrink: 0.3 },
        tolerance: 200,
        loosenessTolerance: 650,
        hyphenPenalty: 100,
        explicitHyphenPenalty: 50,
        pretolerance: 100,
      });
      for (const count of set.variants.keys())
        for (const line of set.lines(count).slice(1)) {
          const first = String.fromCodePoint(...line.fragments[0].run.codePoints.flat())[0];
          expect(first, `a line at ${measure} pt`).not.toMatch(/[”’),.!—]/);
          starts++;
        }
    }
    expect(starts).toBeGreaterThan(300);
  });
});

describe('page make-up', () => {
  const para = (...counts: number[]): FlowUnit =>
    flowUnit(
      counts.map((lines, i) => unitVariant(lines, i * 1000)),
      {
        minHead: 2,
        minTail: 2,
      },
    );

  it('fills every page to the same depth and leaves no widow or orphan', () => {
    // 10 lines a page. Natural counts would put a lone line at the top of page 2 (6 + 5 = 11).
    const p = paginate([para(6), para(5, 4, 6)], 10, 0);
    expect(p.forcedBreaks).toBe(0);
    expect(p.shortPages).toBe(0);
    // The second paragraph runs 4 lines to fill page 1 exactly, or 6 to carry 2 lines over.
    expect([4, 6]).toContain([para(6), para(5, 4, 6)][1].variants[p.variant[1]].lines);
  });

  it('rebreaks an earlier paragraph rather than leave an orphan', () => {
    // Page of 10; paragraphs of 4, 5, 5: the third would start on line 10 with one line before the break.
    const units = [para(4, 5), para(5), para(5)];
    const p = paginate(units, 10, 0);
    expect(p.forcedBreaks).toBe(0);
    expect(p.shortPages).toBe(0);
    expect(units[0].variants[p.variant[0]].lines).toBe(5);
  });

  it('leaves a page short only when nothing else works, and keeps a heading with its text', () => {
    const heading: FlowUnit = { ...para(1), minHead: Infinity, minTail: Infinity, keepWithNext: true };
    const p = paginate([para(9), heading, para(3)], 10, 0);
    expect(p.shortPages).toBe(1);
    expect(p.start[1]).toEqual({ page: 1, line: 0 });
  });

  it('leaves a verso and its recto short together (level) rather than one page short of the other', () => {
    // 10 lines a page. Page 1 (a verso) holds 9 lines and a paragraph of 3 that cannot split; the recto
    // facing it then ends on line 9 too, and the chapter goes on at full depth.
    const rigid = (n: number): FlowUnit => ({ ...para(n), minHead: Infinity, minTail: Infinity });
    const p = paginate([para(10), rigid(9), rigid(3), rigid(6), para(2)], 10, 0);
    expect(p.depths).toEqual([10, 9, 9, 2]);
    expect(p.shortPages).toBe(2);
    expect(p.unevenSpreads).toBe(0);
    expect(p.forcedBreaks).toBe(0);
  });

  it('opens up the space round verse by a line to keep a spread level when nothing else will', () => {
    // Page 1 (a verso) is one block of 10 lines. The recto: 3 lines, space, 2 of verse, space, 2 lines, and
    // a block of 4 that cannot split: 9 lines, a line short of its verso, unless a space takes a line more.
    const rigid = (n: number): FlowUnit => ({ ...para(n), minHead: Infinity, minTail: Infinity });
    const units = [para(10), rigid(10), rigid(3), spaceUnit(1), rigid(2), spaceUnit(1), rigid(2), rigid(4)];
    const p = paginate(units, 10, 0);
    expect(p.depths).toEqual([10, 10, 10, 4]);
    expect(p.unevenSpreads).toBe(0);
    expect(p.shortPages).toBe(0);
    expect([3, 5].map((i) => units[i].variants[p.variant[i]].lines).sort()).toEqual([1, 2]);
    // Where the pages come level without it, the space keeps its line.
    const level = [para(10), rigid(10), rigid(3), spaceUnit(1), rigid(2), spaceUnit(1), rigid(3), rigid(4)];
    const q = paginate(level, 10, 0);
    expect(q.depths).toEqual([10, 10, 10, 4]);
    expect([3, 5].map((i) => level[i].variants[q.variant[i]].lines)).toEqual([1, 1]);
  });

  it('ends a page short alone only when its facing page cannot follow', () => {
    // The chapter opens on a recto: a short first page has no facing page in the chapter to match.
    const heading: FlowUnit = { ...para(1), minHead: Infinity, minTail: Infinity, keepWithNext: true };
    const p = paginate([para(9), heading, para(3)], 10, 0);
    expect(p.depths).toEqual([9, 4]);
    expect(p.unevenSpreads).toBe(1);
  });

  it('numbers front matter in roman', () => {
    expect([1, 4, 9, 14, 40, 1999].map(roman)).toEqual(['i', 'iv', 'ix', 'xiv', 'xl', 'mcmxcix']);
  });
});
