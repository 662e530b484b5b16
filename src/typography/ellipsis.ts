/**
 * ellipsis: `...` and `. . .` become `…`; `....` (a sentence's period, then an ellipsis) becomes `.…`;
 * a stray space before an ellipsis that ends a phrase goes (`just …"` → `just…"`), a space where the
 * ellipsis separates words stays.
 */
import { defineRule, editsFor } from './rule.js';

export default defineRule({
  id: 'ellipsis',
  description: 'Turn three periods into an ellipsis character and tidy the spaces around it',
  create: () => (text) => {
    if (!text.includes('..') && !text.includes('…') && !text.includes('. .')) return [];
    const edits = editsFor(text, /( ?)(\.{4}|\.{3}|\. \. \.(?: \.)?|…)/g, (m) => {
      const dots = m[2];
      let replacement = dots === '....' || dots === '. . . .' ? '.…' : '…';
      const start = m.index;
      const end = m.index + m[0].length;
      const prev = text[start - 1];
      const next = text[end];
      let space = m[1];
      // Drop the space when the ellipsis closes a phrase (before a quote, punctuation or the end),
      // or follows punctuation ("Barrels! ... Barrels!").
      if (space && (next === undefined || /["'”’),;:!?\]]/.test(next) || /[.!?,;:]/.test(prev ?? ''))) space = '';
      if (space && prev === undefined) space = '';
      replacement = space + replacement;
      if (replacement === m[0]) return undefined;
      const message =
        dots === '…' ? 'removed the space before the ellipsis' : `replaced "${dots}" with "${replacement.trim()}"`;
      return { start, end, text: replacement, message };
    });
    return edits;
  },
});
