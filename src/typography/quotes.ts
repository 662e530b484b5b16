/**
 * quotes: straight quotes become the language's opening and closing quotes, by context: after a space,
 * a bracket, a dash or another opening quote a quote opens; after a letter or punctuation it closes.
 * `"` are primary quotes and `'` that open a quotation are secondary ones (`"He said 'no.'"`). A `'` that
 * does not open a quotation is the apostrophes rule's business. Already-typed « » get the no-break
 * spaces French needs from the no-break-spaces rule.
 */
import { defineRule, type Edit, type QuoteSet } from './rule.js';
import { isApostrophe, opensAt, singleDepths } from './quote-context.js';

export default defineRule({
  id: 'quotes',
  description: 'Curly opening and closing quotes for the book’s language, nested quotes included',
  options:
    'quotes: british sets single quotes outside and double inside, quotes: american the reverse, for every quote ' +
    'of the book, typed straight or curly (by default the level the writer typed is kept)',
  create: (ctx) => {
    const q = ctx.quotes;
    const curl = curlQuotes(q);
    const house = ctx.option === 'british' || ctx.option === 'american' ? ctx.option : undefined;
    if (!house) return curl;
    return (text) => houseStyle(text, curl(text), q, house === 'british');
  },
});

/** Straight quotes curled at the level the writer typed them. */
function curlQuotes(q: QuoteSet): (text: string) => Edit[] {
  return (text) => {
    const edits: Edit[] = [];
    if (!text.includes('"') && !text.includes("'")) return edits;
    let doubleOpen = false;
    // Worked out once per text, and only when a ' could open a quotation.
    let single: Uint8Array | undefined;
    const insideNoSingle = (i: number) => {
      single ??= singleDepths(text);
      return single[i] === 0;
    };
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
      } else if (ch === "'" && opensAt(text, i) && insideNoSingle(i) && !isApostrophe(text, i)) {
        edits.push({ start: i, end: i + 1, text: q.innerOpen, message: 'opening quote' });
      } else if (ch === '“' || ch === '„' || ch === '«') doubleOpen = true;
      else if (ch === '”' || ch === '»') doubleOpen = false;
      else if (ch === '\n') continue;
    }
    return edits;
  };
}

/**
 * A house style's levels: the paragraph's quotations as the writer nested them (after curling), each
 * quotation's marks swapped to the other level where the paragraph's outermost quotation is not already at
 * the house's level. A `’` closes a single quotation only where one is open and no letter follows it (else
 * it is an apostrophe). One edit per mark that changes, at its place.
 */
function houseStyle(text: string, curled: Edit[], q: QuoteSet, singleOutside: boolean): Edit[] {
  const chars = text.split('');
  for (const e of curled) if (e.end - e.start === 1 && e.text.length === 1) chars[e.start] = e.text;
  // Each quotation mark's level and side, by a stack of the quotations open.
  const marks: { at: number; double: boolean; open: boolean }[] = [];
  const stack: boolean[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (c === q.open && (q.open !== q.close || stack[stack.length - 1] !== true)) {
      stack.push(true);
      marks.push({ at: i, double: true, open: true });
    } else if (c === q.close && stack.includes(true)) {
      while (stack.length && stack[stack.length - 1] !== true) stack.pop();
      stack.pop();
      marks.push({ at: i, double: true, open: false });
    } else if (c === q.innerOpen && (q.innerOpen !== q.innerClose || !stack.includes(false))) {
      stack.push(false);
      marks.push({ at: i, double: false, open: true });
    } else if (
      (c === q.innerClose || c === "'") &&
      stack[stack.length - 1] === false &&
      !/[\p{L}\p{N}]/u.test(next ?? '')
    ) {
      stack.pop();
      marks.push({ at: i, double: false, open: false });
    }
  }
  const outer = marks.find((m) => m.open);
  const edits = new Map<number, Edit>(curled.map((e) => [e.start, e]));
  if (!outer || outer.double !== singleOutside) return curled;
  for (const m of marks) {
    const to = m.double ? (m.open ? q.innerOpen : q.innerClose) : m.open ? q.open : q.close;
    if (text[m.at] === to) {
      edits.delete(m.at);
      continue;
    }
    edits.set(m.at, {
      start: m.at,
      end: m.at + 1,
      text: to,
      message: `${m.open ? 'opening' : 'closing'} quote, ${singleOutside ? 'single quotes outside' : 'double quotes outside'} (house style)`,
    });
  }
  return [...edits.values()].sort((a, b) => a.start - b.start);
}
