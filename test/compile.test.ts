import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CORPUS,
  ROOT,
  cleanup,
  compileEpub,
  epubcheck,
  hasCorpus,
  octavo,
  readEpub,
  snapshot,
  tempDir,
  words,
} from './helpers/book.js';

afterAll(cleanup);

/** Paragraphs of a plain-text manuscript file as the writer separated them (blank lines). */
function textParagraphs(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

describe('the sample book', () => {
  it('compiles to an EPUB that passes EPUBCheck with no errors and no warnings', async () => {
    const before = snapshot(path.join(ROOT, 'manuscript'));
    const { epub, run } = await compileEpub(ROOT);
    expect(run.stdout).toContain('2 chapters');
    expect(run.stdout).toMatch(/wrote .*meg-giry-two-stories\.epub/);
    const verdict = await epubcheck(epub);
    expect(verdict.messages).toEqual([]);
    expect(verdict.errors).toBe(0);
    expect(verdict.warnings).toBe(0);
    expect(snapshot(path.join(ROOT, 'manuscript'))).toEqual(before);
  });

  it('keeps chapter order, titles, paragraphs and every word of the manuscript but the corrected ones', async () => {
    const { epub, run } = await compileEpub(ROOT);
    const { chapters, nav } = await readEpub(epub);
    const sources = fs.readdirSync(path.join(ROOT, 'manuscript')).sort();
    expect(chapters.map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2']);
    expect(nav).toContain('Chapter 1');
    // The only words that change are the two corrections the report names.
    expect(run.stdout).toMatch(/corrections 2\b/);
    const corrected = (p: string) =>
      p.replace('immanent departure', 'imminent departure').replace('tip toes', 'tiptoes');
    chapters.forEach((chapter, i) => {
      const expected = textParagraphs(path.join(ROOT, 'manuscript', sources[i])).map(corrected);
      expect(chapter.paragraphs).toHaveLength(expected.length);
      expect(chapter.paragraphs.map((p) => words(p).join(' '))).toEqual(expected.map((p) => words(p).join(' ')));
    });
  });

  it('declares the book in its metadata: title, author, language, identifier, accessibility', async () => {
    const { epub } = await compileEpub(ROOT);
    const { opf, files } = await readEpub(epub);
    expect(opf).toContain('<dc:title id="title">Meg Giry: Two Stories</dc:title>');
    expect(opf).toMatch(/<dc:creator id="creator-1">Anonymous<\/dc:creator>/);
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toMatch(/<dc:identifier id="book-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    for (const prop of [
      'accessMode',
      'accessModeSufficient',
      'accessibilityFeature',
      'accessibilityHazard',
      'accessibilitySummary',
    ]) {
      expect(opf).toContain(`property="schema:${prop}"`);
    }
    for (const [name, text] of files) {
      if (name.endsWith('.xhtml')) {
        expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), name).toBe(true);
        expect(text).toMatch(/<html [^>]*lang="en"/);
      }
    }
  });
});

describe.skipIf(!hasCorpus)('the Phantom corpus (../shared/corpus/phantom)', () => {
  it('compiles to a valid EPUB with all 28 chapters in order and every paragraph', async () => {
    const { epub } = await compileEpub(CORPUS);
    const verdict = await epubcheck(epub);
    expect(verdict.messages).toEqual([]);
    const { chapters, nav } = await readEpub(epub);
    const files = fs.readdirSync(path.join(CORPUS, 'manuscript')).filter((f) => f.endsWith('.md'));
    expect(chapters).toHaveLength(files.length);
    const truth = fs
      .readFileSync(path.join(CORPUS, 'truth.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { chapter: string; text: string });
    files.sort().forEach((file, i) => {
      // Every word, in order. (Paragraph counts are checked on the sample book, whose paragraphs are
      // unambiguous; here verse written as quote lines separated by blank quote lines is one
      // paragraph in the hand-set edition and several in CommonMark.)
      const expected = truth.filter((t) => t.chapter === file).flatMap((t) => words(t.text));
      expect(chapters[i].paragraphs.flatMap((p) => words(p)).join(' '), file).toBe(expected.join(' '));
      expect(nav).toContain(`href="${chapters[i].file}"`);
    });
    // Nav order equals spine order (Send to Kindle rejects books where they differ).
    const navOrder = [...nav.matchAll(/<a href="([^"#]+)">/g)].map((m) => m[1]);
    expect(navOrder).toEqual(chapters.map((c) => c.file));
  }, 60_000);
});

describe('progress on a terminal', () => {
  it('shows each phase of a build on one line of a terminal, and nothing when piped or quiet', async () => {
    const tty = await octavo(['compile', ROOT, '--out', tempDir()], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('reading and typesetting the manuscript…');
    expect(tty.stderr).toContain('laying out the print edition: chapter 2/2…');
    expect(tty.stderr).toMatch(/drawing \d+ pages…/);
    expect(tty.stderr).toContain('making the EPUB…');
    // The line is cleared at the end, so the report starts on a clean line.
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect((await octavo(['compile', ROOT, '--out', tempDir()])).stderr).toBe('');
    expect((await octavo(['compile', ROOT, '--out', tempDir(), '--quiet'], { tty: true })).stderr).toBe('');
  }, 60_000);
});
