/**
 * Proofing: every check over the book's text, as findings for the writer to decide on. Nothing here
 * changes the book. book.yaml `check: { misspelling: false }` switches a check off; a line holding
 * `<!-- octavo-ignore check-id -->` (or the line after one that holds only that) is left alone.
 */
import { CHECK_RULES } from '../config/schema.js';
import type { Message, RuleId } from '../diagnostics/diagnostic.js';
import type { CheckRuleId } from '../diagnostics/rules.js';
import type { Book } from '../model/book.js';
import type { LineIndex } from '../model/position.js';
import capitalAfterComma from './capital-after-comma.js';
import confusables from './confusables.js';
import { loadDictionary, type Dictionary } from './dictionary.js';
import lowercaseStart from './lowercase-start.js';
import misspelling from './misspelling.js';
import mixedPunctuation from './mixed-punctuation.js';
import repeatedWords from './repeated-words.js';
import type { BookFacts, Check } from './rule.js';
import runTogetherWords from './run-together-words.js';
import speechContinued from './speech-continued.js';
import speechTag from './speech-tag.js';
import spellingVariants from './spelling-variants.js';
import { bookParagraphs, isCapitalised } from './text.js';
import unbalancedBrackets from './unbalanced-brackets.js';
import unbalancedQuotes from './unbalanced-quotes.js';
import usUkSpelling from './us-uk-spelling.js';

export const CHECKS: Check[] = [
  runTogetherWords,
  misspelling,
  repeatedWords,
  unbalancedQuotes,
  unbalancedBrackets,
  speechTag,
  speechContinued,
  lowercaseStart,
  capitalAfterComma,
  confusables,
  spellingVariants,
  usUkSpelling,
  mixedPunctuation,
];
export const CHECK_IDS = CHECKS.map((c) => c.id);
if (CHECK_IDS.join() !== CHECK_RULES.join())
  throw new Error('internal: the proofing checks and the book.yaml schema disagree');

export interface CheckOptions {
  language: string;
  /** The writer's own words (dictionary.txt). */
  words?: string[];
  /** book.yaml `check:`: false switches a check off. */
  switches?: Record<string, boolean | undefined>;
  /** A dictionary already loaded (tests, the watcher); else one is loaded for the language. */
  dictionary?: Dictionary | null;
}

export interface CheckReport {
  findings: Message[];
  /** Checks that did not run, and why. */
  skipped: { id: string; why: string }[];
  /** Findings per check, every check listed. */
  perCheck: Map<string, number>;
}

/** Facts about the whole book that the checks share: names, word counts. */
export function bookFacts(
  book: Book,
  sources: Map<string, LineIndex>,
  language: string,
  dictionary: Dictionary | undefined,
  words: string[],
): BookFacts {
  const paragraphs = bookParagraphs(book, sources);
  const counts = new Map<string, number>();
  const capitalised = new Map<string, number>();
  const capitalisedInside = new Map<string, number>();
  for (const p of paragraphs) {
    for (const w of p.words) {
      counts.set(w.lower, (counts.get(w.lower) ?? 0) + 1);
      if (!w.capitalised) continue;
      capitalised.set(w.text, (capitalised.get(w.text) ?? 0) + 1);
      if (!w.sentenceStart && p.kind !== 'heading')
        capitalisedInside.set(w.text, (capitalisedInside.get(w.text) ?? 0) + 1);
    }
  }
  const names = new Set([...capitalised].filter(([, n]) => n >= 3).map(([w]) => w));
  for (const w of words) if (isCapitalised(w)) names.add(w);
  return { language, dictionary, names, counts, capitalisedInside, paragraphs, sources };
}

/** Lines silenced per file: `<!-- octavo-ignore id id2 -->` on the line, or alone on the line before. */
function silenced(sources: Map<string, LineIndex>): Map<string, Map<number, Set<string> | 'all'>> {
  const out = new Map<string, Map<number, Set<string> | 'all'>>();
  for (const [file, lines] of sources) {
    if (!lines.text.includes('octavo-ignore')) continue;
    const map = new Map<number, Set<string> | 'all'>();
    const all = lines.text.split('\n');
    all.forEach((text, i) => {
      const m = /<!--\s*octavo-ignore\b([^>]*?)-->/.exec(text);
      if (!m) return;
      const ids = m[1].split(/[\s,]+/).filter(Boolean);
      const value = ids.length ? new Set(ids) : 'all';
      map.set(i + 1, value);
      if (text.trim() === m[0]) map.set(i + 2, value);
    });
    out.set(file, map);
  }
  return out;
}

export function checkBook(book: Book, sources: Map<string, LineIndex>, options: CheckOptions): CheckReport {
  const on = CHECKS.filter((c) => options.switches?.[c.id] !== false);
  const needsDictionary = on.some((c) => c.needsDictionary);
  const dictionary =
    options.dictionary === null
      ? undefined
      : (options.dictionary ?? (needsDictionary ? loadDictionary(options.language, options.words) : undefined));
  const facts = bookFacts(book, sources, options.language, dictionary, options.words ?? []);
  const skipped: CheckReport['skipped'] = [];
  const perCheck = new Map<string, number>(CHECK_IDS.map((id) => [id, 0]));
  const findings: Message[] = [];
  const quiet = silenced(sources);
  // A word run together is that check's finding (even silenced); the same word is not also a misspelling.
  const runTogether = new Set<string>();
  for (const check of CHECKS) {
    if (options.switches?.[check.id] === false) {
      skipped.push({ id: check.id, why: 'switched off in book.yaml' });
      continue;
    }
    if (check.needsDictionary && !dictionary) {
      skipped.push({ id: check.id, why: `no spelling dictionary for "${options.language}" yet` });
      continue;
    }
    const run = check.create(facts);
    for (const p of facts.paragraphs) {
      for (const f of run(p)) {
        const start = f.at?.start ?? p.position(f.start);
        const end = f.at?.end ?? p.position(Math.max(f.start, f.end - 1));
        const endAfter = f.at ? end : { ...end, column: end.column + 1, offset: end.offset + 1 };
        if (check === runTogetherWords) runTogether.add(`${p.file}:${start.offset}`);
        const ignore = quiet.get(p.file)?.get(start.line);
        if (ignore === 'all' || ignore?.has(check.id)) continue;
        findings.push({
          kind: 'finding',
          severity: 'warning',
          rule: check.id,
          message: f.message,
          file: p.file,
          start,
          end: endAfter,
          ...(f.suggestion ? { suggestion: f.suggestion } : {}),
        });
      }
    }
  }
  const checkOrder = (rule: RuleId) => CHECK_IDS.indexOf(rule as CheckRuleId);
  const kept = findings.filter((d) => d.rule !== misspelling.id || !runTogether.has(`${d.file}:${d.start!.offset}`));
  // In reading order: files as the book takes them, then by place, then by check.
  const fileOrder = new Map<string, number>();
  for (const p of facts.paragraphs) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  kept.sort(
    (a, b) =>
      fileOrder.get(a.file!)! - fileOrder.get(b.file!)! ||
      a.start!.offset - b.start!.offset ||
      checkOrder(a.rule) - checkOrder(b.rule),
  );
  for (const d of kept) perCheck.set(d.rule, (perCheck.get(d.rule) ?? 0) + 1);
  return { findings: kept, skipped, perCheck };
}
