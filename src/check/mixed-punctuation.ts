/**
 * mixed-punctuation: dashes or ellipses typed two ways in one manuscript (`--` here, `—` there; `...` here,
 * `…` there). Typography sets them all the same in the book; the finding is for the manuscript, so the
 * writer's files agree with each other. The less used style is reported where it was typed.
 */
import { defineCheck, type Finding } from './rule.js';

interface Style {
  name: string;
  re: RegExp;
}

const DASHES: Style[] = [
  { name: 'two hyphens (--)', re: /(?<![-])--(?![-])/g },
  { name: 'an em dash (—)', re: /—/g },
  { name: 'a spaced en dash ( – )', re: /(?<=\s)–(?=\s)/g },
];
const ELLIPSES: Style[] = [
  { name: 'three full stops (...)', re: /(?<!\.)\.\.\.(?!\.)/g },
  { name: 'an ellipsis character (…)', re: /…/g },
  { name: 'spaced full stops (. . .)', re: /(?<!\.)\. \. \.(?! \.)/g },
];

export default defineCheck({
  id: 'mixed-punctuation',
  description: 'Dashes or ellipses typed two ways in the manuscript (-- and —, ... and …)',
  create: (facts) => {
    // The manuscript's own characters for each paragraph: from the source, between its first and last character.
    const sourceOf = new Map<object, { text: string; from: number }>();
    for (const p of facts.paragraphs) {
      const lines = facts.sources?.get(p.file);
      if (!lines || p.text.length === 0) continue;
      const from = p.position(0).offset;
      const to = p.position(p.text.length - 1).offset + 1;
      if (to > from) sourceOf.set(p, { text: lines.text.slice(from, to), from });
    }
    const minority = (styles: Style[]): Style[] => {
      const counts = styles.map((s) =>
        [...sourceOf.values()].reduce((n, { text }) => n + (text.match(s.re)?.length ?? 0), 0),
      );
      const used = counts.filter((n) => n > 0).length;
      if (used < 2) return [];
      const most = Math.max(...counts);
      const usual = styles[counts.indexOf(most)];
      return styles
        .filter((s, i) => counts[i] > 0 && s !== usual)
        .map((s) => ({ ...s, name: `${s.name}; the manuscript mostly has ${usual.name} (${most})` }));
    };
    const report = [...minority(DASHES), ...minority(ELLIPSES)];
    return (p) => {
      const out: Finding[] = [];
      const src = sourceOf.get(p);
      if (!src || report.length === 0) return out;
      const lines = facts.sources!.get(p.file)!;
      for (const style of report) {
        style.re.lastIndex = 0;
        for (let m = style.re.exec(src.text); m; m = style.re.exec(src.text)) {
          const offset = src.from + m.index;
          out.push({
            start: 0,
            end: 0,
            at: { start: lines.position(offset), end: lines.position(offset + m[0].length) },
            message: `typed as ${style.name}`,
          });
        }
      }
      return out;
    };
  },
});
