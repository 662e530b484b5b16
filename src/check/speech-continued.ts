/**
 * speech-continued: a speech interrupted by its tag goes on in lower case: `"Yes," he answered, "There is
 * more."` → `"there is more"`. Names and "I" keep their capital.
 */
import { tagVerb } from './speech.js';
import { defineCheck } from './rule.js';

export default defineCheck({
  id: 'speech-continued',
  description: 'A capital where an interrupted speech goes on ("Yes," he answered, "There is)',
  create: (facts) => (p) => {
    const out = [];
    // A closing quote after a comma, a tag, a comma, and an opening quote: the same sentence goes on.
    const re = /,[”"]\s+([^“”"]{1,60}?),\s*[“"](\p{Lu}\p{Ll}*)/gu;
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
      const word = m[2];
      if (!tagVerb(m[1]) && !tagVerb(` x ${m[1]}`)) continue;
      if (word === 'I' || /^I['’]/.test(word) || facts.names.has(word) || (facts.capitalisedInside.get(word) ?? 0) > 1)
        continue;
      const at = m.index + m[0].length - word.length;
      out.push({
        start: at,
        end: at + word.length,
        message: 'an interrupted speech goes on in lower case after its tag',
        suggestion: word.toLowerCase(),
      });
    }
    return out;
  },
});
