/**
 * corrections: a small, conservative list of misused or misspelt words, each fixed only where the fix is
 * certain (`immanent departure` → `imminent departure`, `tip toes` → `tiptoes`, `alot` → `a lot`).
 * book.yaml `corrections:` switches an entry off (`alot: false`) or adds one (`teh: the`). Anything less
 * certain is a finding for `octavo check`, never a silent change here.
 */
import { defineRule, editsFor, type Edit } from './rule.js';

export interface Correction {
  /** Lower-case text that any match contains: a cheap test before the pattern runs. */
  trigger: string;
  /** Matched case-insensitively on word boundaries; the first letter's case is kept. */
  pattern: RegExp;
  replace: (m: RegExpExecArray) => string;
}

const IMMINENT_CONTEXT =
  'departure|danger|arrival|threat|doom|death|attack|collapse|return|storm|war|invasion|disaster|peril|defeat|destruction|end|birth|release|launch|demise|ruin|execution';

export const BUILT_IN: Record<string, Correction> = {
  immanent: {
    trigger: 'immanent',
    pattern: new RegExp(`\\b(immanent)(?=\\s+(?:${IMMINENT_CONTEXT})\\b)`, 'gi'),
    replace: () => 'imminent',
  },
  'tip toes': { trigger: 'tip', pattern: /\b(tip[ -]toes)\b/gi, replace: () => 'tiptoes' },
  'tip toe': { trigger: 'tip', pattern: /\b(on tip[ -]toe)\b/gi, replace: () => 'on tiptoe' },
  alot: { trigger: 'alot', pattern: /\b(alot)\b/gi, replace: () => 'a lot' },
  definately: { trigger: 'definately', pattern: /\b(definately)\b/gi, replace: () => 'definitely' },
  seperate: { trigger: 'seperate', pattern: /\b(seperate)(ly|d|s)?\b/gi, replace: (m) => `separate${m[2] ?? ''}` },
  recieve: { trigger: 'recieve', pattern: /\b(recieve)(d|s|r)?\b/gi, replace: (m) => `receive${m[2] ?? ''}` },
  untill: { trigger: 'untill', pattern: /\b(untill)\b/gi, replace: () => 'until' },
  accomodate: { trigger: 'accomodat', pattern: /\b(accomodat)(e|ed|es|ion)\b/gi, replace: (m) => `accommodat${m[2]}` },
  occured: { trigger: 'occured', pattern: /\b(occured)\b/gi, replace: () => 'occurred' },
  wierd: { trigger: 'wierd', pattern: /\b(wierd)\b/gi, replace: () => 'weird' },
  noone: { trigger: 'noone', pattern: /\b(noone)\b/gi, replace: () => 'no one' },
  thier: { trigger: 'thier', pattern: /\b(thier)\b/gi, replace: () => 'their' },
};

function matchCase(original: string, replacement: string): string {
  if (original === original.toUpperCase() && original.length > 1) return replacement.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

export function corrections(option: unknown): Correction[] {
  const settings = option && typeof option === 'object' ? (option as Record<string, unknown>) : {};
  const list: Correction[] = [];
  for (const [word, c] of Object.entries(BUILT_IN)) if (settings[word] !== false) list.push(c);
  for (const [word, to] of Object.entries(settings)) {
    if (typeof to !== 'string') continue;
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    list.push({
      trigger: word.toLowerCase(),
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(${escaped})(?![\\p{L}\\p{N}])`, 'giu'),
      replace: () => to,
    });
  }
  return list;
}

export default defineRule({
  id: 'corrections',
  description: 'Fix known misused words where the context makes the fix certain',
  options: 'corrections: in book.yaml adds a word (teh: the) or switches a built-in one off (alot: false)',
  create: (ctx) => {
    const list = corrections(ctx.option);
    return (text) => {
      const edits: Edit[] = [];
      const lower = text.toLowerCase();
      for (const c of list) {
        if (!lower.includes(c.trigger)) continue;
        edits.push(
          ...editsFor(text, c.pattern, (m) => {
            const replacement = matchCase(m[1], c.replace(m));
            return {
              start: m.index,
              end: m.index + m[1].length,
              text: replacement,
              message: `"${m[1]}" → "${replacement}"`,
            };
          }),
        );
      }
      return edits;
    };
  },
});
