/** `octavo init`: a new book that compiles at once, never over an existing one, and from a manuscript one has. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chapterLabel } from '../src/structure/chapters.js';
import { loadBook } from '../src/pipeline.js';
import { cleanup, compileEpub, compilePdf, epubcheck, makeBook, octavo, tempDir } from './helpers/book.js';

afterAll(cleanup);

describe('octavo init', () => {
  it('makes a book folder that compiles to a valid EPUB and a PDF', async () => {
    const dir = path.join(tempDir(), 'my-book');
    const run = await octavo(['init', dir, '--title', 'My Book', '--author', 'A. Writer']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('book.yaml, .gitignore, manuscript/01-chapter-one.md, assets/');
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('dist/\n');
    // Every key is in book.yaml, the optional ones commented at their defaults.
    const yaml = fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8');
    for (const key of [
      'title:',
      'author:',
      'language:',
      '# isbn:',
      '# notes:',
      '# chapterHeadings:',
      '#   trim:',
      '#   font:',
    ])
      expect(yaml).toContain(key);
    // Today's date, so that the copyright line has its year.
    expect(yaml).toMatch(/^date: \d{4}-\d{2}-\d{2}/m);
    const { epub, run: epubRun } = await compileEpub(dir);
    expect(epubRun.stderr + epubRun.stdout).not.toContain('no-date');
    expect((await epubcheck(epub)).messages).toEqual([]);
    const { run: pdfRun } = await compilePdf(dir);
    expect(pdfRun.code).toBe(0);
  }, 60_000);

  it('warns a book without a date that its copyright line has no year', async () => {
    const dir = makeBook({
      'book.yaml': 'title: "T"\nauthor: "A"\nlanguage: en\n',
      'manuscript/01.md': '# One\n\nText.\n',
    });
    const { diagnostics } = loadBook(dir, {});
    expect(diagnostics.warnings.map((w) => w.rule)).toEqual(['no-date']);
  });

  it('never writes over an existing book', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'book.yaml'), 'title: "Mine"\n');
    const run = await octavo(['init', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('book.yaml already exists; octavo init never overwrites a book');
    expect(fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')).toBe('title: "Mine"\n');
    expect(fs.existsSync(path.join(dir, 'manuscript'))).toBe(false);
  });

  it('starts from a manuscript: one file per chapter, each exactly as typed, title and author from its header', async () => {
    const work = tempDir();
    const story =
      'The Last Dance\nby Meg Giry\n\nChapter 1: Rehearsal\n\n"Again," said the *ballet* mistress.\n\nChapter 2: ' +
      'The Night\n\nThe curtain rose.\n\nEpilogue\n\nIt was over.\n';
    fs.writeFileSync(path.join(work, 'story.txt'), story);
    const dir = path.join(work, 'book');
    const run = await octavo(['init', dir, '--from', path.join(work, 'story.txt')]);
    expect(run.code).toBe(0);
    const files = fs.readdirSync(path.join(dir, 'manuscript')).sort();
    expect(files).toEqual(['01-rehearsal.txt', '02-the-night.txt', '03-epilogue.txt']);
    expect(fs.readFileSync(path.join(dir, 'manuscript', '01-rehearsal.txt'), 'utf8')).toBe(
      'Chapter 1: Rehearsal\n\n"Again," said the *ballet* mistress.\n',
    );
    // Nothing lost: the chapter files hold every line of the story below its header.
    expect(files.map((f) => fs.readFileSync(path.join(dir, 'manuscript', f), 'utf8')).join('\n')).toBe(
      story.split('\n').slice(3).join('\n'),
    );
    const { book } = loadBook(dir, {});
    expect(book.metadata.title).toBe('The Last Dance');
    expect(book.chapters.map((c) => [c.kind, chapterLabel(c)])).toEqual([
      ['chapter', 'Rehearsal'],
      ['chapter', 'The Night'],
      ['epilogue', 'Epilogue'],
    ]);
  });
});
