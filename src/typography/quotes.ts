/**
 * quotes: straight quotes become the language's opening and closing quotes, by context: after a space,
 * a bracket, a dash or another opening quote a quote opens; after a letter or punctuation it closes.
 * `"` are primary quotes and `'` that open a quotation are secondary ones (`"He said 'no.'"`). A `'` that
 * does not open a quotation is the apostrophes rule's business. Already-typed « » get the no-break
 * spaces French needs from the no-break-spaces rule.
 */
import { defineRule, type Edit } from './rule.js';
import { isApostrophe, opensAt } from './quote-context.js';

export default defineRule({
  id: 'quotes',
  description: 'Curly opening and closing quotes for the book’s language, nested quotes included',
  create: (ctx) => {
    const q = ctx.quotes;
    return (text) => {
      const edits: Edit[] = [];
      if (!text.includes('"') && !text.includes("'")) return edits;
      let doubleOpen = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (ch === '"') {
          let open = opensAt(text, i);
          const prev = text[i - 1];
          const next = text[i + 1];
          // A quote with letters on both sides, or floating between spaces: the pairing decides.
          const ambiguous =
            (prev !== undefined && /[\p{L}\p{N}]/u.test(prev) && next !== undefined && /[\p{L}\p{N}]/u.test(next)) ||
            (prev !== undefined && /\s/.test(prev) && (next === undefined || /\s/.test(next)));
          if (ambiguous) open = !doubleOpen;
          doubleOpen = open;
          edits.push({
            start: i,
            end: i + 1,
            text: open ? q.open : q.close,
            message: open ? 'opening quote' : 'closing quote',
          });
        } else if (ch === "'" && opensAt(text, i) && !isApostrophe(text, i)) {
          edits.push({ start: i, end: i + 1, text: q.innerOpen, message: 'opening quote' });
        } else if (ch === '“' || ch === '„' || ch === '«') doubleOpen = true;
        else if (ch === '”' || ch === '»') doubleOpen = false;
        else if (ch === '\n') continue;
      }
      return edits;
    };
  },
});
