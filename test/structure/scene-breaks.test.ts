/** Scene breaks in every form writers type them, in Markdown and in plain text, and lines that are not. */
import { afterAll, describe, expect, it } from 'vitest';
import { plainText, type Block } from '../../src/model/book.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, makeBook } from '../helpers/book.js';

afterAll(cleanup);

const shape = (blocks: Block[]) => blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children) : b.type));
const chapter = (ext: string, text: string) =>
  loadBook(makeBook({ [`manuscript/01.${ext}`]: text }), {}).book.chapters[0].blocks;

describe('scene breaks', () => {
  const MARKERS = [
    '***',
    '* * *',
    '*',
    '#',
    '###',
    '~~~',
    '~ ~ ~',
    'oOo',
    'OoO',
    'xXx',
    'o0o',
    '-----',
    '___',
    '= = =',
    '§',
    '…',
    '. . .',
    '❧',
    '⁂',
    '* * * * *',
    // Decorated with letters, as fan-fiction writers make them.
    '-x-x-x-',
    '-oOo-',
    'OoOoOoO',
    '-x-',
    '~*~*~',
    // Through mojibake: a lone … read as Windows-1252.
    '\u00e2\u20ac\u00a6',
  ];
  it.each(MARKERS.flatMap((m) => ['md', 'txt'].map((ext) => [m, ext])))(
    '%s in .%s is one scene break, on its line',
    (marker, ext) => {
      const blocks = chapter(ext, `She closed the door.\n\n${marker}\n\nMorning came.\n`);
      expect(shape(blocks)).toEqual(['She closed the door.', 'sceneBreak', 'Morning came.']);
      expect(blocks[1].pos.start.line).toBe(3);
    },
  );

  it.each(['md', 'txt'])('a centred marker (indented with spaces) in .%s', (ext) => {
    expect(
      shape(chapter(ext, `She closed the door.\n\n                              * * *\n\nMorning came.\n`)),
    ).toEqual(['She closed the door.', 'sceneBreak', 'Morning came.']);
  });

  it('~~~ around a scene in Markdown is two breaks, not a code block: the scene stays story text', () => {
    const blocks = chapter('md', 'Night fell.\n\n~~~\n\nShe *ran*.\n\nHe followed.\n\n~~~\n\nMorning came.\n');
    expect(shape(blocks)).toEqual([
      'Night fell.',
      'sceneBreak',
      'She ran.',
      'He followed.',
      'sceneBreak',
      'Morning came.',
    ]);
    expect(blocks[2].pos.start.line).toBe(5);
    expect(blocks[4].pos.start.line).toBe(9);
    // A fence with a language stays code.
    expect(shape(chapter('md', 'Her note read:\n\n~~~text\nmeet me at five\n~~~\n\nShe went.\n'))).toEqual([
      'Her note read:',
      'preformatted',
      'She went.',
    ]);
  });

  it('paragraphs indented with a tab or four spaces in Markdown are paragraphs, not code', () => {
    const blocks = chapter('md', '\tShe closed the door.\n\n    Morning came, grey and cold.\n');
    expect(shape(blocks)).toEqual(['She closed the door.', 'Morning came, grey and cold.']);
  });

  it.each([
    ['a sentence with an ellipsis', 'She waited…'],
    ['dialogue that trails off', '"…"'],
    ['a line of dialogue "I"', 'I'],
    ['a single letter', 'O'],
    ['a number', '1'],
    ['a short exclamation', 'Ooo!'],
    ['two letters', 'Ox'],
    ['a word in capitals', 'OXO'],
    ['a drawn-out sound', 'ooo'],
    ['"Chapter and verse…"', 'Chapter and verse… she knew them all.'],
  ])('%s is not a scene break', (_name, line) => {
    for (const ext of ['md', 'txt']) {
      const blocks = chapter(ext, `She closed the door.\n\n${line}\n\nMorning came.\n`);
      expect(
        blocks.map((b) => b.type),
        `${ext}: ${line}`,
      ).not.toContain('sceneBreak');
    }
  });
});
