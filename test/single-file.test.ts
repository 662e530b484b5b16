/** `octavo compile story.txt`: one manuscript file is a book, its title and author found and reported. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, octavo, readEpub, tempDir } from './helpers/book.js';

afterAll(cleanup);

const STORY =
  'The Last Dance\nby Meg Giry\nSummary: Meg dances one last time.\n\nChapter 1: Rehearsal\n\n"Again," said the ' +
  'ballet mistress.\n\nChapter 2: The Night\n\nThe curtain rose.\n';

function story(name: string, text: string): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

async function build(file: string, ...args: string[]) {
  const run = await octavo(['compile', file, '--format', 'epub', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = path.join(path.dirname(file), 'dist');
  const epub = fs.readdirSync(out).find((f) => f.endsWith('.epub'))!;
  return { run, epub: await readEpub(new Uint8Array(fs.readFileSync(path.join(out, epub)))), name: epub };
}

describe('one file as a book', () => {
  it('takes title and author from the header block, keeps it out of the story, and says so', async () => {
    const { run, epub, name } = await build(story('story.txt', STORY));
    expect(name).toBe('the-last-dance.epub');
    expect(run.stdout).toContain(
      'story.txt: the title "The Last Dance" is from the file\'s header, the author "Meg Giry" from the file\'s header',
    );
    expect(epub.opf).toContain('<dc:creator id="creator-1">Meg Giry</dc:creator>');
    expect(epub.opf).toContain('Meg dances one last time.');
    expect(epub.chapters.map((c) => c.title)).toEqual(['Rehearsal', 'The Night']);
    expect(epub.chapters[0].paragraphs).toEqual(['“Again,” said the ballet mistress.']);
  });

  it('prefers --title and --author, and falls back to the file name', async () => {
    const given = await build(story('story.txt', STORY), '--title', 'Curtain Call', '--author', 'A. Writer');
    expect(given.run.stdout).toContain(
      'the title "Curtain Call" is from the command line, the author "A. Writer" from the command line',
    );
    const plain = await build(story('my-first_story.txt', 'It was a dark night.\n\nThe end.\n'));
    expect(plain.run.stdout).toContain('my-first_story.txt: the title "My First Story" is from the file name');
    expect(plain.epub.chapters[0].paragraphs).toEqual(['It was a dark night.', 'The end.']);
  });

  it('refuses --title with a book folder', async () => {
    const run = await octavo(['compile', tempDir(), '--title', 'X']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--title and --author go with compile FILE');
  });
});
