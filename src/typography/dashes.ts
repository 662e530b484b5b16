/**
 * dashes: `---` and `--` become an em dash (a spaced ` -- ` a closed em dash, or with `dashes: spaced` the
 * spaced en dash British houses use); a spaced hyphen between words is a dash too; a hyphen between two
 * numbers in a range (`1880-1890`, `pp. 10-12`) becomes an en dash. Real hyphens stay.
 */
import { defineRule, editsFor } from './rule.js';

export default defineRule({
  id: 'dashes',
  description: 'Turn -- into em dashes and number ranges into en dashes',
  options: 'dashes: spaced for spaced en dashes, closed (the default) for closed em dashes',
  create: (ctx) => {
    const spaced = ctx.option === 'spaced';
    const dash = spaced ? ' – ' : '—';
    return (text) =>
      !text.includes('-')
        ? []
        : [
            ...editsFor(text, /([ \t]*)(-{2,3}|(?<=\S)[ \t]+-(?=[ \t]+\S))([ \t]*)/g, (m) => {
              const start = m.index;
              const end = m.index + m[0].length;
              const atEdge = start === 0 || end === text.length || text[end] === '\n';
              // Spaced or closed, the writer's dash becomes the house style; at a paragraph's edge no space is added.
              const replacement = atEdge || !spaced ? '—' : dash;
              return { start, end, text: replacement, message: `replaced "${m[0].trim()}" with a dash` };
            }),
            ...editsFor(text, /(?<![\d\-–.,/])(\d{1,4})-(\d{1,4})(?![\d\-–/]|[.,]\d)/g, (m) => ({
              start: m.index + m[1].length,
              end: m.index + m[1].length + 1,
              text: '–',
              message: `used an en dash in the range ${m[0]}`,
            })),
          ];
  },
});
