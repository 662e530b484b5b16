/**
 * doubled-words: a short function word typed twice (`the the`, `to to`, `and and`, `in in`), the
 * commonest slip a writer's eye skips, set once. Only words English never doubles on purpose: articles,
 * prepositions, conjunctions and possessives, never `had had`, `that that`, `her her` ("gave her her coat"),
 * `is is` or `was was` ("what it was was…"), which `octavo check` reports instead. English books only; the
 * two must stand together with only a space between (never across a line break or punctuation).
 */
import { defineRule, editsFor } from './rule.js';

/** Words that are never repeated on purpose. */
const NEVER_TWICE = [
  'the',
  'a',
  'an',
  'and',
  'or',
  'nor',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'into',
  'onto',
  'upon',
  'than',
  'his',
  'its',
  'their',
  'my',
  'your',
  'our',
];

/**
 * Verbs that take "in", "on" or "by" as a particle, so that the preposition may follow: "he came in in the
 * evening", "they went on on foot", "she stood by by the door". After one of them the pair is left alone.
 */
const PARTICLE_VERB =
  /\b(?:come|comes|came|coming|go|goes|went|gone|going|get|gets|got|getting|walk(?:s|ed)?|step(?:s|ped)?|move[sd]?|drop(?:s|ped)?|look(?:s|ed)?|check(?:s|ed)?|log(?:s|ged)?|fill(?:s|ed)?|give[sn]?|gave|settle[sd]?|sink|sank|set|break|broke|stay(?:s|ed)?|join(?:s|ed)?|hand(?:s|ed)?|turn(?:s|ed)?|carr(?:y|ies|ied)|hold|held|keep|kept|put|pass(?:es|ed)?|ride|rode|drive|drove|live[sd]?|press(?:es|ed)?|push(?:es|ed)?|lead|led|stand|stood|sit|sat|stop(?:s|ped)?|call(?:s|ed)?|let|pull(?:s|ed)?|bring|brought|send|sent|take|took|taken|fit|fitted|throw|threw|tune[sd]?|cave[sd]?|sleep|slept|drop)\s+$/i;

/** Pairs a particle verb may leave: the preposition after the particle. */
const PARTICLES = new Set(['in', 'on', 'by']);

/** The word, spaces, the same word again (in any case: "The the"). */
const DOUBLED = new RegExp(`\\b(${NEVER_TWICE.join('|')})( +)\\1\\b`, 'gi');

export default defineRule({
  id: 'doubled-words',
  description: 'Set a function word typed twice (the the, to to) once',
  create: (ctx) =>
    !/^en\b/i.test(ctx.language)
      ? () => []
      : (text) =>
          editsFor(text, DOUBLED, (m) => {
            if (PARTICLES.has(m[1].toLowerCase()) && PARTICLE_VERB.test(text.slice(Math.max(0, m.index - 20), m.index)))
              return undefined;
            // "The the": the first keeps its place (and its capital); the second goes, with the space before it.
            const start = m.index + m[1].length;
            const second = text.slice(start + m[2].length, m.index + m[0].length);
            return { start, end: m.index + m[0].length, text: '', message: `"${m[1]} ${second}": set the word once` };
          }),
});
