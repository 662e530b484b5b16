/** One rule registry: every message's kind is its rule's, the README lists every rule, nobody compares ids. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules, rulesHelp, rulesMarkdown } from '../src/diagnostics/registry.js';
import { kindOf } from '../src/diagnostics/rules.js';
import { loadBook } from '../src/pipeline.js';
import { cleanup, makeBook, octavo, ROOT } from './helpers/book.js';

afterAll(cleanup);

/** A book that makes every kind of message: changes, notes (one dropped, with its text), a header block, problems. */
function noisyBook(): string {
  return makeBook({
    'book.yaml': 'title: "Noisy"\nlanguage: en\nnotes: drop\n',
    'manuscript/01.md': '# One\n\nA/N: thanks for reading!\n\nShe said "hello" -- and left...\n',
    'manuscript/02.txt': 'Title: Two\nAuthor: Someone\n\nIt was a dark night.\r\nIt rained.\r\n',
  });
}

describe('the rule registry', () => {
  it('gives every message of a build the kind of its rule, and calls only typography changes changes', () => {
    const { diagnostics } = loadBook(noisyBook(), {});
    const kinds = new Set(diagnostics.items.map((d) => d.kind));
    expect(kinds).toEqual(new Set(['change', 'note', 'problem']));
    for (const d of diagnostics.items) expect(d.kind, d.rule).toBe(kindOf(d.rule));
    // The dropped note carries its text (before/after) but is a note, not a change.
    const dropped = diagnostics.items.find((d) => d.rule === 'notes');
    expect(dropped?.before).toContain('thanks for reading');
    expect(diagnostics.changes.map((d) => d.rule)).not.toContain('notes');
    expect(diagnostics.changes.length).toBeGreaterThan(2);
  });

  it('octavo changes lists the text changes only, and --json has the documented shape', async () => {
    const dir = noisyBook();
    const run = await octavo(['changes', dir, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.version).toBe(1);
    expect(out.changes.length).toBeGreaterThan(2);
    for (const c of out.changes) {
      expect(c.kind).toBe('change');
      expect(typeof c.line).toBe('number');
      expect(c.before).not.toBe(c.after);
    }
    expect(out.changes.map((c: { rule: string }) => c.rule)).not.toContain('notes');
    const text = await octavo(['changes', dir]);
    expect(text.stdout).not.toMatch(/thanks for reading/);
    const wrong = await octavo(['changes', dir, '--rule', 'quotez']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no typography rule has that id');
  });

  it('octavo help rules lists every rule with its description', async () => {
    const run = await octavo(['help', 'rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(rulesHelp());
    for (const r of allRules())
      expect(run.stdout).toMatch(
        new RegExp(`^  ${r.id} +${r.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      );
  });

  it('has one entry per id, and the README table is the registry', () => {
    const ids = allRules().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    let readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    if (process.env.UPDATE_DOCS === '1') {
      readme = readme.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${rulesMarkdown()}\n$2`);
      fs.writeFileSync(path.join(ROOT, 'README.md'), readme);
    }
    const table = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
    expect(table, 'README.md: regenerate the table between the rules markers from rulesMarkdown()').toBe(
      `${rulesMarkdown()}\n`,
    );
  });

  it('leaves comparing rule ids to the registry: no id literal is compared anywhere in src/', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name)) {
          fs.readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (
                /(\.rule|\b(check|rule)\.id)\s*[!=]==?\s*['"`]|['"`][a-z-]+['"`]\s*[!=]==?\s*(\w+\.rule|\b(check|rule)\.id)\b/.test(
                  line,
                )
              )
                offenders.push(`${path.relative(ROOT, p)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
