/**
 * spelling-variants: one word spelled two ways in one book: with and without its accents (`Jérome` and
 * `Jerome`), or as a known pair (`grey`/`gray`, `okay`/`OK`, `toward`/`towards`). The less used spelling is
 * reported, with the one the book mostly uses.
 */
import { defineCheck, type Finding } from './rule.js';

/** Pairs (and their inflections) that are both right, but not both in one book. */
const PAIRS: [string, string][] = [
  ['grey', 'gray'],
  ['greys', 'grays'],
  ['greyish', 'grayish'],
  ['okay', 'ok'],
  ['toward', 'towards'],
  ['afterward', 'afterwards'],
];

const fold = (w: string) =>
  /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export default defineCheck({
  id: 'spelling-variants',
  description: 'One word spelled two ways in the book (grey and gray, Jérome and Jerome)',
  create: (facts) => {
    // Each spelling's uses, grouped by what they fold to (accents off, lower case) and by known pairs.
    const groupOf = new Map<string, string>();
    for (const [a, b] of PAIRS) {
      groupOf.set(a, `pair:${a}`);
      groupOf.set(b, `pair:${a}`);
    }
    const uses = new Map<string, Map<string, number>>();
    const spell = (w: string, lower = w.toLowerCase()) => (w === 'OK' || w === 'Ok' ? 'ok' : lower);
    // Words written with accents somewhere in the book: their plain spellings are counted with them.
    const accented = new Set<string>();
    const ascii = /^[\x00-\x7f]*$/;
    for (const p of facts.paragraphs) for (const w of p.words) if (!ascii.test(w.text)) accented.add(fold(w.text));
    for (const p of facts.paragraphs) {
      for (const w of p.words) {
        const form = spell(w.text, w.lower);
        const folded = ascii.test(w.text) ? w.lower : fold(w.text);
        const key = groupOf.get(form) ?? (accented.has(folded) ? `fold:${folded}` : undefined);
        if (!key) continue;
        const forms = uses.get(key) ?? new Map<string, number>();
        forms.set(form, (forms.get(form) ?? 0) + 1);
        uses.set(key, forms);
      }
    }
    const minority = new Map<string, string>();
    for (const forms of uses.values()) {
      if (forms.size < 2) continue;
      const sorted = [...forms].sort((a, b) => b[1] - a[1]);
      for (const [form] of sorted.slice(1)) minority.set(form, sorted[0][0]);
    }
    return (p) => {
      const out: Finding[] = [];
      if (minority.size === 0) return out;
      for (const w of p.words) {
        const usual = minority.get(spell(w.text, w.lower));
        if (!usual) continue;
        const shown = /^\p{Lu}/u.test(w.text) ? usual[0].toUpperCase() + usual.slice(1) : usual;
        out.push({
          start: w.start,
          end: w.end,
          message: `"${w.text}" is spelled "${shown}" elsewhere in the book`,
          suggestion: usual === 'ok' ? 'OK' : shown,
        });
      }
      return out;
    };
  },
});
