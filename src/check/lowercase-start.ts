/**
 * lowercase-start: a sentence, or a speech that opens one, starting with a lower-case letter
 * (`she blurts, "monsieur, why"` → `"Monsieur, why"`). Not after an abbreviation (`Mme. Giry`), an ellipsis
 * (speech trailing on), or where an interrupted speech goes on (`"Yes," he said, "and then"`).
 */
import { ABBREVIATION } from './text.js';
import { SPEECH_VERBS } from './speech.js';
import { defineCheck } from './rule.js';

export default defineCheck({
  id: 'lowercase-start',
  description: 'A sentence or a speech starting in lower case ("monsieur, why)',
  create: () => (p) => {
    if (p.kind === 'heading' || p.kind === 'list' || p.kind === 'cell') return [];
    const out = [];
    for (const w of p.words) {
      if (w.capitalised) continue;
      const quote = p.text[w.start - 1];
      const opening = quote === '“' || quote === '"';
      if ((!opening && !w.sentenceStart) || !/^\p{Ll}/u.test(w.text)) continue;
      const before = p.text.slice(Math.max(0, w.start - 60), w.start);
      // A speech opens a sentence (after a full stop, a colon or a comma and its verb), unless it is the
      // same speech going on after its tag ("Yes," he said, "and then"). A quoted phrase inside a
      // sentence ("after "dancing" Polyeucte") is no speech.
      const resumed = opening && /[”"][^“”"]*,\s*[“"]$/.test(before);
      // After a comma, only where the speaker and the verb stand just before: "she blurts, “monsieur" (and
      // not a quotation worked into the sentence: "the other had said, “to please my wife”").
      const afterTag =
        opening &&
        /(?:^|[\s,])(?:he|she|they|I|we|you|\p{Lu}\p{Ll}+)\s+(?:\p{Ll}+ly\s+)?(\p{Ll}+)(?:\s+\p{Ll}+ly)?\s*[,:]\s*[“"]$/u.exec(
          before,
        );
      const speech =
        opening &&
        !resumed &&
        (w.start === 1 || /[.?!]\s*[“"]$/.test(before) || (!!afterTag && SPEECH_VERBS.has(afterTag[1])));
      const sentence = !opening && w.sentenceStart && !/…[”’"')]*\s*$/.test(before) && !ABBREVIATION.test(before);
      if (!speech && !sentence) continue;
      // After a question or an exclamation in quotes the sentence may go on: "Who?" she asks; "Hush!" said Meg.
      if (sentence && /[?!…][”’"']+\s*$/.test(before)) continue;
      // An exclamation or question in narration, then its tag: "de Chagny! thought Raoul".
      if (sentence && /[?!]\s*$/.test(before) && SPEECH_VERBS.has(w.text)) continue;
      out.push({
        start: w.start,
        end: w.end,
        message: speech ? 'a speech starts in lower case' : 'a sentence starts in lower case',
        suggestion: w.text[0].toUpperCase() + w.text.slice(1),
      });
    }
    return out;
  },
});
