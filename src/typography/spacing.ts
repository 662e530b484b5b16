/**
 * spacing: one space between words; no space before , . ; : ! ? or a closing bracket; a space after
 * , ; : and a sentence's end before the next word, without touching decimals (3.14), times (10:30),
 * initials (J. R. R.), abbreviations (e.g.), web addresses or ellipses. French keeps (and gets) its space
 * before ; : ! ?, which the no-break-spaces rule then fixes.
 */
import { defineRule, editsFor, type Edit } from './rule.js';

/** Web and e-mail addresses: never respaced. */
export const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s"“”‘’<>]+|[\w.+-]+@[\w-]+\.[\w.-]+/g;

export function protectedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!text.includes('@') && !text.includes('://') && !text.includes('www.')) return out;
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(text); m; m = ADDRESS.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Cheap tests before the precise patterns: most paragraphs have nothing glued. */
const GLUED_COMMA = /[,;:]\p{L}/u;
const GLUED_SENTENCE = /[.!?]\p{Lu}/u;

export default defineRule({
  id: 'spacing',
  description: 'Collapse repeated spaces, remove spaces before punctuation, add missing spaces after it',
  create: (ctx) => {
    const french = /^fr\b/i.test(ctx.language);
    const before = french
      ? /([^\s\ufffc])([ \t]+)([,.)\]}])(?![.\d])/g
      : /([^\s\ufffc])([ \t]+)([,.;:!?)\]}])(?![.\d])/g;
    return (text) => {
      const edits: Edit[] = [
        ...(text.includes('  ') || text.includes('\t')
          ? editsFor(text, / {2,}|\t+/g, (m) => ({
              start: m.index,
              end: m.index + m[0].length,
              text: ' ',
              message: 'collapsed repeated spaces',
            }))
          : []),
        ...editsFor(text, before, (m) => {
          if (m[1] === '.' && m[3] === '.') return undefined; // a spaced ellipsis ". . ." is the ellipsis rule's
          const start = m.index + m[1].length;
          return { start, end: start + m[2].length, text: '', message: `removed the space before "${m[3]}"` };
        }),
        // A comma, semicolon or colon glued to the next word: "mistress,decides".
        ...(!GLUED_COMMA.test(text)
          ? []
          : editsFor(text, /(\p{Ll}{2,}|\p{Lu}\p{Ll}+)([,;:])(\p{L})/gu, (m) => {
              const at = m.index + m[1].length + 1;
              return { start: at, end: at, text: ' ', message: `added the missing space after "${m[2]}"` };
            })),
        // A sentence end glued to the next sentence: "door.She". Not initials, abbreviations or domains.
        ...(!GLUED_SENTENCE.test(text)
          ? []
          : editsFor(text, /(\p{Ll}{2,})([.!?])(\p{Lu}\p{Ll})/gu, (m) => {
              const at = m.index + m[1].length + 1;
              if (/\.(com|org|net|edu|gov|io|uk|fr|de)$/i.test(text.slice(m.index, at + 3))) return undefined;
              return { start: at, end: at, text: ' ', message: `added the missing space after "${m[2]}"` };
            })),
      ];
      const lead = /^[ \t]+/.exec(text);
      if (lead)
        edits.push({
          start: 0,
          end: lead[0].length,
          text: '',
          message: 'removed spaces at the start of the paragraph',
        });
      const trail = /[ \t]+$/.exec(text);
      if (trail)
        edits.push({
          start: trail.index,
          end: text.length,
          text: '',
          message: 'removed spaces at the end of the paragraph',
        });
      return edits;
    };
  },
});
