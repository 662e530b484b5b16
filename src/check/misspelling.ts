/**
 * misspelling: a word the dictionary does not know. Names are left alone: a capitalised word that the
 * book uses three times or more, or capitalised where no sentence starts, or that is in the writer's
 * `dictionary.txt`. So are words in emphasis (titles, foreign words) and a word the book spells the same
 * way three times or more (a writer's deliberate word: a dialect, a foreign term); a slip of the fingers is
 * rarely repeated exactly.
 */
import { defineCheck } from './rule.js';

export default defineCheck({
  id: 'misspelling',
  description: 'A word the dictionary does not know, with suggestions',
  needsDictionary: true,
  create: (facts) => {
    const dict = facts.dictionary!;
    return (p) => {
      const out = [];
      for (const w of p.words) {
        const word = w.text;
        if (word.length < 3 || w.emphasised) continue;
        // A name's possessive is the name: "Jérome’s".
        const base = word.endsWith('’s') || word.endsWith("'s") ? word.slice(0, -2) : word;
        if (
          w.capitalised &&
          (facts.names.has(base) ||
            (facts.capitalisedInside.get(base) ?? 0) > 0 ||
            !w.sentenceStart ||
            /[^\x00-\x7f]/.test(word))
        )
          continue;
        if ((facts.counts.get(w.lower) ?? 0) >= 3 || dict.knows(word)) continue;
        // French particles before a name ("d’Herneville", "l’Opera") and poetic elisions ("flow’rs"): the
        // writer's, not slips. (Accented capitals were taken for foreign names above.)
        if (/^[dlDL]['’]\p{Lu}/u.test(word) || /\p{L}['’]\p{L}{2,}/u.test(base)) continue;
        // An accent the dictionary does not have ("début", "protégées") is the writer's choice.
        if (/[^\x00-\x7f]/.test(word) && dict.knows(word.normalize('NFD').replace(/\p{M}/gu, ''))) continue;
        // Part of a compound the language knows whole: "light-heartedly".
        if (p.text[w.start - 1] === '-' || p.text[w.end] === '-') {
          let a = w.start;
          let b = w.end;
          while (a > 0 && /[\p{L}'’-]/u.test(p.text[a - 1])) a--;
          while (b < p.text.length && /[\p{L}'’-]/u.test(p.text[b])) b++;
          if (dict.knows(p.text.slice(a, b).replace(/-/g, ''))) continue;
        }
        const suggestions = dict.suggest(word);
        out.push({
          start: w.start,
          end: w.end,
          message: `"${word}" is not in the ${dict.language} dictionary`,
          suggestion: suggestions.length ? suggestions.join(', ') : undefined,
        });
      }
      return out;
    };
  },
});
