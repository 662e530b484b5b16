/** unbalanced-brackets: a parenthesis or square bracket opened and not closed in its paragraph, or the reverse. */
import { defineCheck } from './rule.js';

const PAIRS: Record<string, string> = { ')': '(', ']': '[' };

export default defineCheck({
  id: 'unbalanced-brackets',
  description: 'A bracket opened and never closed, or closed and never opened',
  create: () => (p) => {
    const out = [];
    const stack: number[] = [];
    // Only the brackets matter: jump from one to the next.
    const marks = /[()[\]]/g;
    for (let m = marks.exec(p.text); m; m = marks.exec(p.text)) {
      const i = m.index;
      const c = m[0];
      if (c === '(' || c === '[') stack.push(i);
      else if (c === ')' || c === ']') {
        // "1)" and "a)" number a list in running text: no opening bracket wanted.
        if (c === ')' && /(?:^|\s)(?:\d{1,2}|[a-z])$/.test(p.text.slice(Math.max(0, i - 3), i))) continue;
        const top = stack[stack.length - 1];
        if (top !== undefined && p.text[top] === PAIRS[c]) stack.pop();
        else out.push({ start: i, end: i + 1, message: `"${c}" closes a bracket that was never opened` });
      }
    }
    for (const i of stack)
      out.push({ start: i, end: i + 1, message: `"${p.text[i]}" opens a bracket that is never closed` });
    return out;
  },
});
