/**
 * speech-tag: a speech ended with a full stop and its tag set as a new sentence:
 * `"Don't go." She whispered.` → `"Don't go," she whispered.`; and after a question or an exclamation the
 * tag keeps a lower case: `"Why?" She asked.` → `"Why?" she asked.`
 */
import { PRONOUNS, tagVerb } from './speech.js';
import { defineCheck } from './rule.js';

export default defineCheck({
  id: 'speech-tag',
  description: 'A speech tag set as a new sentence ("Don\'t go." She whispered.)',
  create: (facts) => (p) => {
    const out = [];
    const re = /([.?!])([”"])(\s+)(\p{Lu}\p{Ll}*)\b/gu;
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
      const [, stop, close, space, subject] = m;
      const pronoun = PRONOUNS.has(subject.toLowerCase()) && subject !== 'I';
      const name = !pronoun && (facts.names.has(subject) || (facts.capitalisedInside.get(subject) ?? 0) > 0);
      if (!pronoun && !name) continue;
      const verb = tagVerb(p.text.slice(m.index + m[0].length - subject.length));
      if (!verb) continue;
      // "Don't go." She whispered. — a full stop before a tag: the speech ends with a comma.
      if (stop === '.') {
        const start = m.index;
        const tag = `${subject === 'I' || name ? subject : subject.toLowerCase()} ${verb}`;
        out.push({
          start,
          end: m.index + m[0].length + 1 + verb.length,
          message: 'a speech tag after a full stop: the speech ends with a comma and the tag goes on the sentence',
          suggestion: `,${close}${space}${tag}`,
        });
      } else if (pronoun) {
        const at = m.index + m[0].length - subject.length;
        out.push({
          start: at,
          end: at + subject.length,
          message: `a speech tag after "${stop}" goes on in lower case`,
          suggestion: subject.toLowerCase(),
        });
      }
    }
    return out;
  },
});
