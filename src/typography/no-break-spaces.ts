/**
 * no-break-spaces: a no-break space after honorifics and short abbreviations (Mr. Mrs. Mme. M. Dr. St.
 * Mlle.) so that a line never ends on them; in French, inside « » and before ; : ! ?. Keeping a very
 * short last word off a line of its own is the print layout's business, not this rule's.
 */
import { defineRule, editsFor, type Edit } from './rule.js';

const HONORIFICS =
  /(?<![\p{L}.])(Mr|Mrs|Ms|Mx|Dr|St|Mme|Mmes|Mlle|Mlles|MM|M|Messrs|Prof|Rev|Capt|Col|Gen|Lt|Sgt|Sr|Jr|Fr|Sra|Sr|Hr|Fr|Hon)\. (?=\p{Lu})/gu;

export default defineRule({
  id: 'no-break-spaces',
  description: 'No-break spaces after honorifics, and where French typography wants them',
  options: '`full` for full no-break spaces in French where the default sets narrow ones',
  create: (ctx) => {
    const french = /^fr\b/i.test(ctx.language);
    // French spaces before ; ! ? and inside « »: narrow by default (U+202F), full (U+00A0) if book.yaml says.
    const thin = ctx.option === 'full' ? '\u00a0' : '\u202f';
    return (text) => {
      const edits: Edit[] = !text.includes('. ')
        ? []
        : editsFor(text, HONORIFICS, (m) => ({
            start: m.index + m[0].length - 1,
            end: m.index + m[0].length,
            text: '\u00a0',
            message: `no-break space after "${m[1]}."`,
          }));
      if (french) {
        edits.push(
          // The mark before is looked at, not taken: in `maintenant !»` the `!` both gets its space and
          // stands before the `»` that needs one.
          ...editsFor(text, /(?<=\S)( ?)([;:!?»])/g, (m) => {
            const before = text[m.index - 1];
            if (m[2] !== '»' && /[;:!?]/.test(before)) return undefined;
            if (/[\s\u00a0\u202f(«]/.test(before)) return undefined;
            return {
              start: m.index,
              end: m.index + m[1].length,
              text: m[2] === ':' ? '\u00a0' : thin,
              message: `no-break space before "${m[2]}"`,
            };
          }),
          ...editsFor(text, /(«)( ?)(?=\S)/g, (m) =>
            m[2] === thin
              ? undefined
              : {
                  start: m.index + 1,
                  end: m.index + 1 + m[2].length,
                  text: thin,
                  message: 'no-break space after «',
                },
          ),
        );
      }
      return edits;
    };
  },
});
