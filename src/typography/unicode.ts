/**
 * unicode: text in Unicode normal form C, without stray control characters, and with HTML entities that
 * were typed as text (`&nbsp;`, `&mdash;`, `&#8217;`) turned into the characters they name.
 */
import { defineRule, editsFor } from './rule.js';

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', amp: '&', quot: '"', apos: "'", eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
  copy: '©', shy: '\u00ad', thinsp: '\u2009', hairsp: '\u200a', emsp: '\u2003', ensp: '\u2002',
};

export default defineRule({
  id: 'unicode',
  description: 'Normalise to NFC, remove stray control characters, decode HTML entities typed as text',
  create: () => (text) => [
    ...editsFor(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff]/g, (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      text: '',
      message: `removed the invisible control character U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    })),
    ...(!text.includes('&') ? [] : editsFor(text, /&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (m) => {
      const e = m[1];
      let ch: string | undefined;
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (cp > 0x1f && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) ch = String.fromCodePoint(cp);
      } else ch = NAMED[e];
      return ch === undefined ? undefined : { start: m.index, end: m.index + m[0].length, text: ch, message: `decoded the entity ${m[0]}` };
    })),
    ...(text.normalize('NFC') === text ? [] : editsFor(text, /\P{M}\p{M}+/gu, (m) => {
      const nfc = m[0].normalize('NFC');
      return nfc === m[0] ? undefined : { start: m.index, end: m.index + m[0].length, text: nfc, message: 'composed the accented letter (Unicode NFC)' };
    })),
  ],
});
