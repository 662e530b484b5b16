/**
 * capital-after-comma: a capital letter after a comma where no name or "I" stands (`looks at him, Growing
 * suddenly bold`). A word the book capitalises inside sentences more than once is taken for a name.
 */
import { defineCheck } from './rule.js';

const TITLES = new Set([
  'Sir',
  'Madam',
  'Madame',
  'Mademoiselle',
  'Monsieur',
  'Mister',
  'Miss',
  'Lord',
  'Lady',
  'God',
  'Heaven',
  'Mother',
  'Father',
  'Mama',
  'Papa',
  'Daddy',
  'Mummy',
  'Mommy',
  'Master',
  'Mistress',
  'Captain',
  'Doctor',
  'Professor',
  'Uncle',
  'Aunt',
  'Sister',
  'Brother',
  'Your',
  'His',
  'Her',
  'O',
  'Oh',
]);

export default defineCheck({
  id: 'capital-after-comma',
  description: 'A capital after a comma where no name stands (at him, Growing)',
  create: (facts) => (p) => {
    if (p.kind === 'heading') return [];
    const out = [];
    for (const [k, w] of p.words.entries()) {
      if (!w.capitalised || !/^\p{Lu}\p{Ll}/u.test(w.text)) continue;
      // A comma and spaces on the same line (a verse line starts with a capital after a comma).
      if (!/,[ \u00a0]+$/.test(p.text.slice(Math.max(0, w.start - 3), w.start))) continue;
      // Between commas it is someone spoken to or named: "If you bring her, Marguerite, then".
      if (/^,/.test(p.text.slice(w.end))) continue;
      // A list of names: "Isis, Amphitrite, Hebe, Pandora, Psyche".
      const prev = p.words[k - 1];
      if (prev && /^\p{Lu}/u.test(prev.text) && !prev.sentenceStart && /^,\s+$/.test(p.text.slice(prev.end, w.start)))
        continue;
      if (
        /^I['’]/.test(w.text) ||
        TITLES.has(w.text) ||
        facts.names.has(w.text) ||
        (facts.capitalisedInside.get(w.text) ?? 0) > 1
      )
        continue;
      // The word must be an everyday word in lower case ("Growing"), not a rare one that is far more
      // likely a name ("Antony"); without a dictionary, one the book also writes in lower case.
      const lower = w.text.toLowerCase();
      if (facts.dictionary ? !facts.dictionary.common(lower) : !facts.counts.has(lower)) continue;
      out.push({ start: w.start, end: w.end, message: `"${w.text}" has a capital after a comma`, suggestion: lower });
    }
    return out;
  },
});
