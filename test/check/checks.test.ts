/**
 * Table tests for every proofing check: paragraphs it must leave alone, and paragraphs it must flag, with
 * the word it points at and its suggestion. Each row is a small book read through the real pipeline.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkBook, CHECK_IDS } from '../../src/check/index.js';
import { loadDictionary } from '../../src/check/dictionary.js';
import { loadBook } from '../../src/pipeline.js';
import { cleanup, makeBook } from '../helpers/book.js';

afterAll(cleanup);

const dictionary = loadDictionary('en-US')!;

/** The findings of one check on a chapter made of `text` (other chapters' words given for names and counts). */
function findings(id: string, text: string, yaml = '') {
  const { book, sources, config } = loadBook(
    makeBook({ 'book.yaml': `title: "T"\nauthor: "A"\nlanguage: en-US\n${yaml}`, 'manuscript/01.md': `${text}\n` }),
    {},
  );
  const report = checkBook(book, sources, {
    language: config.language,
    dictionary,
    switches: Object.fromEntries(CHECK_IDS.map((c) => [c, c === id])),
  });
  return report.findings.map((d) => ({
    at: `${d.start!.line}:${d.start!.column}`,
    text: sources.get('manuscript/01.md')!.text.slice(d.start!.offset, d.end!.offset),
    suggestion: d.suggestion,
  }));
}

/** [check, paragraph, what it flags (the source text), suggestion]; an empty flag list means "leave it alone". */
const TABLE: Record<string, [string, { text: string; suggestion?: string }[]][]> = {
  'run-together-words': [
    ['She was tired. Shebarely noticed.', [{ text: 'Shebarely', suggestion: 'She barely' }]],
    ['He fell to his kneesand wept. His knees hurt and he wept.', [{ text: 'kneesand', suggestion: 'knees and' }]],
    ['The drumhead was taut and the waterman rowed.', []],
    ['Gaston Leroux wrote it. M. Messager conducted.', []],
    ['She was light-heartedly gay.', []],
  ],
  misspelling: [
    ['She found the tresure at last.', [{ text: 'tresure', suggestion: 'treasure, tressure' }]],
    ['A glaucous, morganatic curtsey; the début of a protégée.', []],
    ['Christine sang. Christine wept. Christine left. Then Raoul came.', []],
    ['The whole house was light-hearted, and so was her *joie de vivre*.', []],
    ["Don't; we can't, won't, shan't, o'clock, they're, she'd.", []],
    // Prefixes as Hunspell's affix file allows them: un- on "dress" (flag U), re- on "do".
    ['He had not undressed; the door was redone.', []],
  ],
  'repeated-words': [
    // ("the the" is set once by the doubled-words typography rule before any check sees the text.)
    ['She said it was was true.', [{ text: 'was was', suggestion: 'was' }]],
    ['He had had enough. No, no, I bring her her shoes.', []],
  ],
  'unbalanced-quotes': [
    ['"Come here," she said, "and sit.', [{ text: '"' }]],
    ['He said "it is "The Lake" tonight," and left.', [{ text: '"', suggestion: '‘' }]],
    ['"Come here," she said. "Sit down."', []],
  ],
  'unbalanced-brackets': [
    ['She left (without a word.', [{ text: '(' }]],
    ['She left (without a word) and he stayed].', [{ text: ']' }]],
    ['Three things: a) the key, b) the lamp.', []],
  ],
  'speech-tag': [
    ['"Don\'t go." She whispered.', [{ text: '." She whispered', suggestion: ',” she whispered' }]],
    ['"Why?" She asked.', [{ text: 'She', suggestion: 'she' }]],
    ['"Don\'t go," she whispered. "Stay." He left.', []],
  ],
  'speech-continued': [
    ['"Yes," he answered, "There is more."', [{ text: 'There', suggestion: 'there' }]],
    ['"Yes," he answered, "I know."', []],
    ['"Yes," he answered. "There is more."', []],
  ],
  'lowercase-start': [
    ['She turns, she blurts, "monsieur, why did you kill him?"', [{ text: 'monsieur', suggestion: 'Monsieur' }]],
    ['It rained. the street was empty.', [{ text: 'the', suggestion: 'The' }]],
    ['"Who?" she asked. "Yes," he said, "and then we left." M. le Vicomte came. I said "maybe" twice.', []],
    ['The guest\'s nose was transparent: "long, thin and transparent" are his words.', []],
  ],
  'capital-after-comma': [
    ['She looks at him, Growing suddenly bold, she speaks.', [{ text: 'Growing', suggestion: 'growing' }]],
    [
      'Isis, Amphitrite, Hebe, Pandora, and the others. If you bring her, Marguerite, then go. Yes, I will. The ' +
        'play, Antony and Cleopatra, ran.',
      [],
    ],
  ],
  confusables: [
    ['He was taller then his brother.', [{ text: 'then', suggestion: 'than' }]],
    [
      "The cat licked it's own paw. Its a pity.",
      [
        { text: "it's", suggestion: 'its' },
        { text: 'Its', suggestion: 'It’s' },
      ],
    ],
    [
      'Do not loose the key. She took a deep breathe. I could of gone.',
      [
        { text: 'loose', suggestion: 'lose' },
        { text: 'breathe', suggestion: 'breath' },
        { text: 'of', suggestion: 'have' },
      ],
    ],
    ['Then he left; its color faded. The rope hung loose. Breathe slowly.', []],
  ],
  'spelling-variants': [
    ['Jérome came. Jérome sang. Jerome left.', [{ text: 'Jerome', suggestion: 'Jérome' }]],
    ['A grey cat, a grey dog, a gray sky.', [{ text: 'gray', suggestion: 'grey' }]],
    ['A grey cat and a café.', []],
  ],
  'us-uk-spelling': [
    ['The color of the armor, the color of the sky; his honour.', [{ text: 'honour', suggestion: 'honor' }]],
    ['The color of the sky at the Theatre Royal.', []],
  ],
  'mixed-punctuation': [
    ['She waited -- and waited. Then—nothing. Then—silence.', [{ text: '--' }]],
    ['She waited... then… nothing… at all…', [{ text: '...' }]],
    ['She waited -- then -- nothing.', []],
  ],
};

describe('proofing checks', () => {
  it('has a table for every check', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...CHECK_IDS].sort());
  });
  for (const [id, rows] of Object.entries(TABLE)) {
    it.each(rows)(`${id}: %s`, (text, expected) => {
      const found = findings(id, text);
      expect(
        found.map(({ text: t, suggestion }) => ({ text: t, ...(suggestion !== undefined ? { suggestion } : {}) })),
      ).toEqual(
        expected.map((e) => ({ text: e.text, ...(e.suggestion !== undefined ? { suggestion: e.suggestion } : {}) })),
      );
      for (const f of found) expect(f.at).toMatch(/^1:\d+$/);
    });
  }
});
