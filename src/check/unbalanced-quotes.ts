/**
 * unbalanced-quotes: a speech opened and never closed in its paragraph (and not continued in the next one,
 * which by custom opens with a quotation mark again), or a closing quotation mark with no opening one.
 * Read on the typeset text, where opening and closing marks differ; single quotes are left alone (they are
 * also apostrophes).
 */
import { defineCheck } from './rule.js';

const OPEN = new Set(['“', '«', '„']);
const CLOSE = new Set(['”', '»']);

export default defineCheck({
  id: 'unbalanced-quotes',
  description: 'A quotation mark opened and never closed, or closed and never opened',
  create: () => (p) => {
    if (p.kind === 'heading') return [];
    const out = [];
    const open: number[] = [];
    // Only the quotation marks matter: jump from one to the next.
    const marks = /[“”«»„]/g;
    for (let m = marks.exec(p.text); m; m = marks.exec(p.text)) {
      const i = m.index;
      const c = m[0];
      if (OPEN.has(c)) {
        // A quotation inside a speech takes the other quotation marks (‘…’ inside “…”).
        if (open.length > 0)
          out.push({
            start: i,
            end: i + 1,
            message: 'a quotation inside a speech is in double quotation marks; it takes single ones',
            suggestion: '‘',
          });
        open.push(i);
      } else if (CLOSE.has(c)) {
        if (open.length === 0)
          out.push({ start: i, end: i + 1, message: 'a closing quotation mark with no opening one before it' });
        else open.pop();
      }
    }
    // Speech that runs into the next paragraph leaves this one open and opens that one with a quote.
    const continued = p.next && /^\s*[“«„]/.test(p.next.text);
    if (open.length > 0 && !continued)
      out.push({
        start: open[0],
        end: open[0] + 1,
        message: 'a speech opens here and is never closed in its paragraph (nor continued in the next one)',
      });
    return out;
  },
});
