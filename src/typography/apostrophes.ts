/**
 * apostrophes: every straight `'` that does not open a quotation becomes ’: contractions (don't),
 * possessives (the Joneses'), leading elisions ('tis, 'twas, 'em, 'cause, rock 'n' roll), abbreviated
 * years and decades ('84, the '90s), dialect (o' the, an'). A `'` at the start of a word opens a quotation
 * only when the paragraph closes it later; a known elision never does. Closing single quotes are the same
 * character as the apostrophe, so they are set here too.
 */
import { defineRule, editsFor } from './rule.js';
import { isApostrophe, singleDepths } from './quote-context.js';

export default defineRule({
  id: 'apostrophes',
  description: 'Apostrophes (’) in contractions, possessives, elisions and abbreviated years',
  create: (ctx) => {
    const nestOrQuote = new RegExp(`'|${ctx.quotes.innerOpen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\S)`, 'g');
    return (text) => {
      if (!text.includes("'")) return [];
      // Where the quotes rule opened a secondary quote, the `'` that closes it takes the language's
      // closing mark (‘ in German), which in English is the apostrophe itself.
      let nestOpen = 0;
      // Inside an open single quotation, a word-initial ' is an elision ('cause, 'lection).
      const single = singleDepths(text);
      return editsFor(text, nestOrQuote, (m) => {
        if (m[0] !== "'") {
          if (m[0] === ctx.quotes.innerOpen) nestOpen++;
          return undefined;
        }
        if (!isApostrophe(text, m.index) && single[m.index] === 0) return undefined;
        const between = /[\p{L}\p{N}]/u.test(text[m.index + 1] ?? '') && /[\p{L}\p{N}]/u.test(text[m.index - 1] ?? '');
        if (!between && nestOpen > 0 && !/\s/.test(text[m.index - 1] ?? ' ')) {
          nestOpen--;
          return { start: m.index, end: m.index + 1, text: ctx.quotes.innerClose, message: 'closing quote' };
        }
        return {
          start: m.index,
          end: m.index + 1,
          text: '’',
          message: between ? 'apostrophe' : 'apostrophe or closing quote',
        };
      });
    };
  },
});
