/**
 * run-together-words: two words typed without the space between them (`Shebarely` → `She barely`,
 * `kneesand` → `knees and`): a word the dictionary does not know, and no name, that splits into two it
 * does. Of several splits, the one whose halves the book uses most (`knees and`, not `knee sand`).
 */
import { defineCheck } from './rule.js';

/**
 * The short words a run-together half may be; other halves have three letters or more ("smoothes" is no "smooth es").
 */
const SHORT = new Set([
  'a',
  'i',
  'an',
  'as',
  'at',
  'be',
  'by',
  'do',
  'go',
  'he',
  'if',
  'in',
  'is',
  'it',
  'me',
  'my',
  'no',
  'of',
  'on',
  'or',
  'so',
  'to',
  'up',
  'us',
  'we',
  'am',
  'oh',
]);

export default defineCheck({
  id: 'run-together-words',
  description: 'Two words run together (Shebarely → She barely)',
  needsDictionary: true,
  create: (facts) => {
    const dict = facts.dictionary!;
    const usage = (w: string) => facts.counts.get(w.toLowerCase()) ?? 0;
    // Most words are known: that is asked first, once per spelling.
    const known = new Map<string, boolean>();
    const isKnown = (word: string) => {
      let k = known.get(word);
      if (k === undefined) {
        k = facts.names.has(word) || dict.knows(word);
        known.set(word, k);
      }
      return k;
    };
    return (p) => {
      const out = [];
      for (let k = 0; k < p.words.length; k++) {
        const w = p.words[k];
        const word = w.text;
        if (word.length < 5 || w.emphasised || isKnown(word) || /['’]/.test(word) || /.\p{Lu}/u.test(word)) continue;
        // Capitalised inside a sentence, an unknown word is a name ("Gustave"), never two words.
        if (/^\p{Lu}/u.test(word) && !w.sentenceStart) continue;
        // Nor before another capitalised word: a full name ("Gaston Leroux").
        const next = p.words[k + 1];
        if (
          /^\p{Lu}/u.test(word) &&
          next &&
          /^\p{Lu}/u.test(next.text) &&
          /^\s+$/.test(p.text.slice(w.end, next.start))
        )
          continue;
        // Part of a hyphenated compound ("light-heartedly"): the compound is the word.
        if (p.text[w.start - 1] === '-' || p.text[w.end] === '-') continue;
        let best: [string, string, number, number] | undefined;
        for (let i = 1; i < word.length - 1; i++) {
          const left = word.slice(0, i);
          const right = word.slice(i);
          if ((left.length < 3 && !SHORT.has(left.toLowerCase())) || (right.length < 3 && !SHORT.has(right))) continue;
          if (!dict.common(left) || !dict.common(right)) continue;
          // Both halves in use in the book weigh most; a split into rare words is a guess.
          const score = Math.min(usage(left), usage(right));
          const tie = Math.max(usage(left), usage(right));
          if (!best || score > best[2] || (score === best[2] && tie > best[3])) best = [left, right, score, tie];
        }
        if (best)
          out.push({
            start: w.start,
            end: w.end,
            message: `"${word}" looks like two words run together`,
            suggestion: `${best[0]} ${best[1]}`,
          });
      }
      return out;
    };
  },
});
