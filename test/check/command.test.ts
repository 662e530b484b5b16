/** `octavo check` as a writer runs it: the seed defects found where they are, the clean corpus quiet. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, cleanup, hasCorpus, makeBook, octavo, ROOT } from '../helpers/book.js';

afterAll(cleanup);

const seeds = (): Record<string, string> => {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(ROOT, 'manuscript')))
    files[`manuscript/${f}`] = fs.readFileSync(path.join(ROOT, 'manuscript', f), 'utf8');
  return files;
};

interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
  suggestion?: string;
}

async function checkJson(
  dir: string,
): Promise<{ findings: JsonFinding[]; perCheck: Record<string, number>; skipped: { id: string; why: string }[] }> {
  const run = await octavo(['check', dir, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('octavo check on the sample book', () => {
  it('finds every seed defect at its place, with a useful suggestion', async () => {
    const { findings } = await checkJson(makeBook(seeds()));
    const at = (rule: string, file: string, line: number) =>
      findings.filter((f) => f.rule === rule && f.file === `manuscript/${file}` && f.line === line);
    // Words run together.
    expect(at('run-together-words', '02-backstage.txt', 15)).toMatchObject([{ suggestion: 'She barely' }]);
    expect(at('run-together-words', '02-backstage.txt', 21)).toMatchObject([{ suggestion: 'knees and' }]);
    // A speech tag set as a sentence: `"Don't go." She whispered.`
    expect(at('speech-tag', '01-meg-confesses.txt', 15)).toMatchObject([
      { column: 10, suggestion: ',” she whispered' },
    ]);
    // An interrupted speech going on with a capital: `"Yes," he answered, "There is`.
    expect(at('speech-continued', '01-meg-confesses.txt', 11)).toMatchObject([{ column: 22, suggestion: 'there' }]);
    // A capital after a comma, and a speech starting in lower case: `at him, Growing … "monsieur, why`.
    expect(at('capital-after-comma', '02-backstage.txt', 37)).toMatchObject([{ column: 50, suggestion: 'growing' }]);
    expect(at('lowercase-start', '02-backstage.txt', 37)).toMatchObject([{ column: 86, suggestion: 'Monsieur' }]);
    // "immanent departure" is the typography's to correct, not a finding.
    expect(findings.filter((f) => f.rule === 'confusables')).toEqual([]);
  }, 30_000);

  it('prints one compiler-style line per finding with the source and a caret, then a summary; --strict fails', async () => {
    const dir = makeBook(seeds());
    const run = await octavo(['check', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'manuscript/02-backstage.txt:15:218: warning[run-together-words]: "Shebarely" looks like two words run together',
    );
    expect(run.stdout).toMatch(/\n {4}…[^\n]*Shebarely notices[^\n]*\n {4} *\^{9}\n {4}suggestion: She barely\n/);
    expect(run.stdout).toMatch(/\d+ findings \(run-together-words 2, .*\), checked in [\d.]+ s/);
    expect((await octavo(['check', dir, '--strict'])).code).toBe(1);
    // On a terminal the phase shows on one line, cleared before the findings; never when piped.
    expect((await octavo(['check', dir], { tty: true })).stderr).toMatch(
      /^\r\x1b\[Kreading and typesetting the manuscript…\r\x1b\[Kproofreading 2 chapters…\r\x1b\[K$/,
    );
    expect(run.stderr).toBe('');
  }, 30_000);

  it('leaves alone what book.yaml switches off and a line marked <!-- octavo-ignore -->', async () => {
    const files = {
      ...seeds(),
      'book.yaml': 'title: "Meg"\nauthor: "A"\nlanguage: en\ncheck:\n  speech-tag: false\n',
      'manuscript/03-more.md':
        'She was tired. Shebarely slept. <!-- octavo-ignore run-together-words -->\n\n<!-- octavo-ignore -->\nHe ' +
        'fell to his kneesand wept. His knees hurt.\n\nIt was was the end.\n',
    };
    const { findings, skipped } = await checkJson(makeBook(files));
    expect(findings.filter((f) => f.rule === 'speech-tag')).toEqual([]);
    expect(skipped).toContainEqual({ id: 'speech-tag', why: 'switched off in book.yaml' });
    const more = findings.filter((f) => f.file === 'manuscript/03-more.md');
    expect(more.map((f) => [f.rule, f.line])).toEqual([['repeated-words', 6]]);
  }, 30_000);

  it("takes the writer's words from dictionary.txt", async () => {
    const text = 'Zorblax woke. The thrumbix had come in the night.\n';
    const without = await checkJson(makeBook({ 'manuscript/01.md': text }));
    expect(without.findings.filter((f) => f.rule === 'misspelling').map((f) => f.message)).toEqual([
      '"Zorblax" is not in the en-US dictionary',
      '"thrumbix" is not in the en-US dictionary',
    ]);
    const withList = await checkJson(
      makeBook({ 'manuscript/01.md': text, 'dictionary.txt': '# names and words of this book\nZorblax\nthrumbix\n' }),
    );
    expect(withList.findings.filter((f) => f.rule === 'misspelling')).toEqual([]);
  });

  it('stands the spelling checks aside for a language it has no dictionary for, and says so', async () => {
    const { skipped, findings } = await checkJson(
      makeBook({ 'book.yaml': 'title: "T"\nlanguage: fr\n', 'manuscript/01.md': 'Il était une fois. il pleuvait.\n' }),
    );
    expect(skipped.map((s) => s.id)).toEqual(['run-together-words', 'misspelling']);
    expect(skipped[0].why).toContain('no spelling dictionary for "fr"');
    expect(findings.map((f) => f.rule)).toEqual(['lowercase-start']);
  });

  it('is counted in the compile report, with the command that lists them', async () => {
    const run = await octavo(['compile', makeBook(seeds()), '--format', 'epub', '--out', makeBook({})]);
    expect(run.stdout).toMatch(
      /\n {2}check: \d+ findings \(run-together-words 2, [^)]*\); see them with: octavo check \S+\n/,
    );
  }, 30_000);
});

describe.skipIf(!hasCorpus)('octavo check on the Phantom corpus (professionally edited)', () => {
  it('stays quiet: at most one finding per 5,000 words, not counting names it does not know', async () => {
    const run = await octavo(['compile', CORPUS, '--format', 'epub', '--out', makeBook({}), '--json']);
    const words = JSON.parse(run.stdout).words as number;
    const { findings, perCheck } = await checkJson(CORPUS);
    const names = findings.filter((f) => f.rule === 'misspelling' && /"\p{Lu}/u.test(f.message));
    const counted = findings.length - names.length;
    console.log(
      `corpus: ${findings.length} findings in ${words} words (${names.length} unknown names): ` +
        `${JSON.stringify(perCheck)}`,
    );
    expect(counted).toBeLessThanOrEqual(Math.floor(words / 5000));
  }, 60_000);
});
