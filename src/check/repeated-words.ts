/** repeated-words: the same word twice in a row (`the the`), except where English repeats on purpose (`had had`). */
import { defineCheck } from './rule.js';

const MEANT = new Set([
  'had',
  'that',
  'bye',
  'ha',
  'haha',
  'ho',
  'la',
  'tsk',
  'tut',
  'boo',
  'knock',
  'chop',
  'there',
  'no',
  'yes',
  'very',
  'so',
  'now',
  'well',
  'come',
  'go',
  'run',
  'oh',
  'ah',
  'pooh',
  'hush',
  'dum',
  'tick',
  'tock',
  'ding',
  'dong',
  'hip',
  'puff',
  'pom',
  'hm',
  'mm',
  'blah',
  'yada',
  'la',
  'cha',
  'is',
  'her',
]);

export default defineCheck({
  id: 'repeated-words',
  description: 'A word repeated by mistake (the the)',
  create: () => (p) => {
    const out = [];
    for (let i = 1; i < p.words.length; i++) {
      const a = p.words[i - 1];
      const b = p.words[i];
      if (a.lower !== b.lower || MEANT.has(b.lower)) continue;
      // Only a space between them: "No, no" and "well — well" are meant.
      if (!/^[ \u00a0]+$/.test(p.text.slice(a.end, b.start))) continue;
      out.push({ start: a.start, end: b.end, message: `"${a.text} ${b.text}": a word repeated`, suggestion: a.text });
    }
    return out;
  },
});
