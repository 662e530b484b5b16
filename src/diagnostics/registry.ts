/**
 * Every rule Octavo has, with its meta, in one list: the typography rules (they change the text), the
 * proofing checks (they report), and the rules of reading, structure, print and the commands. `octavo help
 * rules` prints it; the README's rule table is held to it by a test.
 */
import { CHECKS } from '../check/index.js';
import { RULES as TYPOGRAPHY } from '../typography/engine.js';
import { OTHER_RULES, type MessageKind, type RuleId } from './rules.js';

export interface RuleEntry {
  id: RuleId;
  kind: MessageKind;
  description: string;
  /** Where the rule is switched off in book.yaml (`typography.quotes: false`), when it can be. */
  switch?: string;
  /** What else book.yaml can set for it, in the writer's words. */
  options?: string;
  /** On unless switched off. */
  defaultOn: boolean;
  /** It changes the writer's text (and says so). */
  fixes: boolean;
}

export function allRules(): RuleEntry[] {
  return [
    ...TYPOGRAPHY.map(
      (r): RuleEntry => ({
        id: r.id,
        kind: 'change',
        description: r.description,
        switch: `typography.${r.id}: false`,
        options: r.options,
        defaultOn: true,
        fixes: true,
      }),
    ),
    ...CHECKS.map(
      (c): RuleEntry => ({
        id: c.id,
        kind: 'finding',
        description: c.description,
        switch: `check.${c.id}: false`,
        options: c.needsDictionary ? 'needs a dictionary for the book’s language' : undefined,
        defaultOn: true,
        fixes: false,
      }),
    ),
    ...Object.entries(OTHER_RULES).map(
      ([id, meta]): RuleEntry => ({
        id: id as RuleId,
        kind: meta.kind,
        description: meta.description,
        defaultOn: true,
        fixes: false,
      }),
    ),
  ];
}

const HEADINGS: Record<MessageKind, string> = {
  change: 'Typography: changes to the text (each reported with its place, before and after)',
  finding: 'Proofreading: findings that octavo check lists',
  problem: 'Problems with the book, its files or the print service’s rules',
  note: 'Notes on what Octavo decided',
};

/** The rules as `octavo help rules` prints them: a section per kind, a line per rule. */
export function rulesHelp(): string {
  const rules = allRules();
  const width = Math.max(...rules.map((r) => r.id.length));
  const out: string[] = [];
  for (const kind of ['change', 'finding', 'problem', 'note'] as const) {
    out.push(`${HEADINGS[kind]}:`);
    for (const r of rules.filter((x) => x.kind === kind)) {
      out.push(`  ${r.id.padEnd(width)}  ${r.description}`);
      const extra = [r.switch && `off with ${r.switch}`, r.options].filter(Boolean).join('; ');
      if (extra) out.push(`  ${' '.repeat(width)}    ${extra}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The README's rule table: a row per rule, in the registry's order. */
export function rulesMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = allRules().map((r) => {
    const off = r.switch ? `\`${r.switch}\`` : '';
    return (
      `| \`${r.id}\` | ${r.kind} | ${cell(r.description)} | ` +
      `${off}${r.options ? `${off ? '; ' : ''}${cell(r.options)}` : ''} |`
    );
  });
  return ['| rule | kind | what it reports | book.yaml |', '|---|---|---|---|', ...rows].join('\n');
}
