/** Author's notes, disclaimers and review requests: recognised, set apart as book.yaml says, reported. */
import { afterAll, describe, expect, it } from 'vitest';
import { plainText, type Block } from '../../src/model/book.js';
import { noteRole } from '../../src/structure/notes.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, compileEpub, compilePdf, epubcheck, makeBook, readEpub } from '../helpers/book.js';

afterAll(cleanup);

const CHAPTER = [
  "Disclaimer: I don't own the Phantom of the Opera.",
  'A/N: Thanks for all the kudos on the last chapter! This one is longer.',
  '***',
  'Meg ran down the corridor.',
  "A/N: Meg's route is on the map in chapter two.",
  'An hour later the curtain fell.',
  'AN: Next chapter on Friday.',
  'Please review, it makes my day!',
].join('\n\n');

const shape = (blocks: Block[]) =>
  blocks.map((b) =>
    b.type === 'note'
      ? `note:${b.role}:${b.children.map((c) => (c.type === 'paragraph' ? plainText(c.children) : '')).join('|')}`
      : b.type === 'paragraph'
        ? plainText(b.children)
        : b.type,
  );

describe("author's notes", () => {
  it.each([
    ['A/N: thanks for reading', false, 'author-note'],
    ["Author's Note: this took forever", false, 'author-note'],
    ['**A/N:** bold marker', false, 'author-note'],
    ['AN: capitals', false, 'author-note'],
    ['Disclaimer: not mine', false, 'disclaimer'],
    ["I don't own these characters.", false, 'disclaimer'],
    ['Please review!', true, 'review-request'],
    ['R&R?', true, 'review-request'],
    ['Please review!', false, undefined],
    ['An—an apple, she said.', false, undefined],
    ['Title: The Last Dance Rating: T Summary: Meg dances.', false, 'story-header'],
    ['Title: one key only is a sentence about a title: fine.', false, undefined],
    ['Annie: the girl in the corner.', false, undefined],
  ])('%s (near the end: %s) → %s', (text, nearEnd, role) => {
    expect(noteRole(text, nearEnd)).toBe(role);
  });

  it.each([
    [
      'end-of-chapter',
      [
        'Meg ran down the corridor.',
        'An hour later the curtain fell.',
        'note:disclaimer:Disclaimer: I don’t own the Phantom of the Opera.',
        'note:author-note:A/N: Thanks for all the kudos on the last chapter! This one is longer.',
        'note:author-note:A/N: Meg’s route is on the map in chapter two.',
        'note:author-note:AN: Next chapter on Friday.',
        'note:review-request:Please review, it makes my day!',
      ],
    ],
    [
      'keep',
      [
        'note:disclaimer:Disclaimer: I don’t own the Phantom of the Opera.',
        'note:author-note:A/N: Thanks for all the kudos on the last chapter! This one is longer.',
        'Meg ran down the corridor.',
        'note:author-note:A/N: Meg’s route is on the map in chapter two.',
        'An hour later the curtain fell.',
        'note:author-note:AN: Next chapter on Friday.',
        'note:review-request:Please review, it makes my day!',
      ],
    ],
    ['drop', ['Meg ran down the corridor.', 'An hour later the curtain fell.']],
  ])('notes: %s', (policy, expected) => {
    const { book, diagnostics } = loadBook(
      makeBook({
        'book.yaml': `title: "T"\nlanguage: en\nnotes: ${policy}\n`,
        'manuscript/01.md': `# One\n\n${CHAPTER}\n`,
      }),
      {},
    );
    expect(shape(book.chapters[0].blocks)).toEqual(expected);
    // Every note is reported with its place and its words, whatever became of it; a dropped one whole.
    const reported = diagnostics.items.filter((d) => d.rule === 'notes');
    expect(reported).toHaveLength(5);
    expect(reported.map((d) => d.before)).toEqual(
      policy === 'drop'
        ? [
            expect.stringMatching(/^Disclaimer: I don't own/),
            expect.stringMatching(/^A\/N: Thanks/),
            "A/N: Meg's route is on the map in chapter two.",
            'AN: Next chapter on Friday.',
            'Please review, it makes my day!',
          ]
        : Array(5).fill(undefined),
    );
    expect(reported[0].message).toMatch(
      /^a disclaimer, (dropped|set apart where it is|set apart at the chapter's end): "Disclaimer: I don't own the Phantom of the Opera\."$/,
    );
    expect(reported[0].start?.line).toBe(3);
  });

  it('sets notes apart in the EPUB (an aside) and the PDF (smaller type), and keeps the EPUB valid', async () => {
    const dir = makeBook({ 'manuscript/01.md': `# One\n\n${CHAPTER}\n` });
    const { epub, run: epubRun } = await compileEpub(dir);
    expect((await epubcheck(epub)).messages).toEqual([]);
    // The report says what became of them, and does not count them as typography.
    expect(epubRun.stdout).toContain(
      "notes: 5 notes set apart at the chapter's end (disclaimer 1, author's note 3, request for reviews 1); see " +
        'them with --json',
    );
    expect(epubRun.stdout).not.toMatch(/typography:.*notes/);
    const { chapters } = await readEpub(epub);
    expect(chapters[0].xhtml).toMatch(/<aside class="note author-note"><p[^>]*>A\/N: Thanks/);
    const { run } = await compilePdf(dir);
    expect(run.code).toBe(0);
  }, 60_000);
});
