/**
 * unicode: text in Unicode normal form C, without stray control characters, and with HTML entities that
 * were typed as text (`&nbsp;`, `&mdash;`, `&#8217;`) turned into the characters they name.
 */
import { ENTITY, entityChar } from '../model/entities.js';
import { defineRule, editsFor } from './rule.js';

export default defineRule({
  id: 'unicode',
  description: 'Normalise to NFC, remove stray control characters, decode HTML entities typed as text',
  create: () => (text) => [
    ...editsFor(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff]/g, (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      text: '',
      message:
        `removed the invisible control character ` +
        `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    })),
    ...(!text.includes('&')
      ? []
      : editsFor(text, ENTITY, (m) => {
          const ch = entityChar(m[1]);
          return ch === undefined
            ? undefined
            : { start: m.index, end: m.index + m[0].length, text: ch, message: `decoded the entity ${m[0]}` };
        })),
    ...(text.normalize('NFC') === text
      ? []
      : editsFor(text, /\P{M}\p{M}+/gu, (m) => {
          const nfc = m[0].normalize('NFC');
          return nfc === m[0]
            ? undefined
            : {
                start: m.index,
                end: m.index + m[0].length,
                text: nfc,
                message: 'composed the accented letter (Unicode NFC)',
              };
        })),
  ],
});
