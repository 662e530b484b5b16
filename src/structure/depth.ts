/**
 * Nesting kept within what a book can mean: emphasis inside emphasis inside … past a few dozen levels, or
 * block quotes a thousand deep, say nothing a reader could see, and every walker of the model (typography,
 * checks, both back ends) would pay for them with stack. Deeper nesting is flattened here, once, without
 * recursion of its own: the text stays, the extra levels go, and one warning says where.
 */
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Block, Inline, ManuscriptFile } from '../model/book.js';

/** Levels of inline markup (emphasis, links, …) kept; deeper ones are unwrapped. */
export const MAX_INLINE_DEPTH = 32;
/** Levels of block nesting (quotations, lists, notes) kept. */
export const MAX_BLOCK_DEPTH = 16;

type Parent = { children: Inline[] };

/** Unwraps inline markup deeper than `max`, in place; whether anything was unwrapped. */
export function capInlines(root: Inline[], max = MAX_INLINE_DEPTH): boolean {
  let capped = false;
  const stack: [Inline[], number][] = [[root, 0]];
  while (stack.length) {
    const [list, depth] = stack.pop()!;
    for (let k = 0; k < list.length; k++) {
      const node = list[k];
      if (!('children' in node)) continue;
      if (depth + 1 >= max) {
        // Everything below this node, in reading order, as one flat run.
        const flat: Inline[] = [];
        const todo: Inline[] = [...(node as Parent).children].reverse();
        while (todo.length) {
          const n = todo.pop()!;
          if ('children' in n) for (let j = n.children.length - 1; j >= 0; j--) todo.push(n.children[j]);
          else flat.push(n);
        }
        (node as Parent).children = flat;
        capped = true;
      } else stack.push([(node as Parent).children, depth + 1]);
    }
  }
  return capped;
}

/** Caps the nesting of a file's blocks and of the inlines in them, warning once at the first place. */
export function capNesting(file: ManuscriptFile, diagnostics: Diagnostics): void {
  let first: Block | undefined;
  const stack: [Block[], number, (replacement: Block[]) => void][] = [[file.blocks, 0, (r) => (file.blocks = r)]];
  while (stack.length) {
    const [list, depth, replace] = stack.pop()!;
    const out: Block[] = [];
    for (const b of list) {
      if ((b.type === 'blockQuote' || b.type === 'note') && depth + 1 >= MAX_BLOCK_DEPTH) {
        first ??= b;
        // Too deep: its content joins this level (iteratively flattened in turn, since it is pushed again).
        out.push(...b.children);
        continue;
      }
      out.push(b);
    }
    replace(out);
    for (const b of out) {
      if (b.type === 'paragraph' || b.type === 'heading') {
        if (capInlines(b.children)) first ??= b;
      } else if (b.type === 'figure') capInlines(b.caption);
      else if (b.type === 'blockQuote' || b.type === 'note')
        stack.push([b.children, depth + 1, (r) => (b.children = r)]);
      else if (b.type === 'list') {
        b.items.forEach((item, k) => {
          if (depth + 1 >= MAX_BLOCK_DEPTH) {
            first ??= b;
            b.items[k] = item.flatMap((x) => (x.type === 'list' ? x.items.flat() : [x]));
          }
          stack.push([b.items[k], depth + 1, (r) => (b.items[k] = r)]);
        });
      } else if (b.type === 'table') for (const row of b.rows) for (const cell of row) capInlines(cell.children);
    }
  }
  if (first) {
    diagnostics.warn({
      rule: 'unsupported',
      message: `markup nested more than ${MAX_INLINE_DEPTH} levels deep (or quotations more than ${MAX_BLOCK_DEPTH}) is flattened: the text is kept`,
      file: file.rel,
      start: first.pos.start,
      end: first.pos.end,
      hint: 'Nesting that deep is usually a paste gone wrong; check the passage.',
    });
  }
}
