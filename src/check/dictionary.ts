/**
 * The spelling dictionary for the book's language, from two word lists on npm: Hunspell's (the
 * `dictionary-en` or `dictionary-en-gb` package: 49,000 stems of everyday words, read with their common
 * endings), and for English the 274,000 words of `word-list` (US and UK spellings, rare and old words:
 * "glaucous", "curtsey", "morganatic"), so that a word is called misspelt only when neither knows it;
 * plus the writer's own words (`dictionary.txt` in the book folder, one a line). Loaded only when a book is
 * checked, in a few milliseconds (an affix-expanding speller took a quarter of a second). Other languages
 * have none yet: the checks that need one say so and stand aside.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

export interface Dictionary {
  /** The language the dictionary is for (`en-US`, `en-GB`). */
  language: string;
  /** Any word of the language, however rare. */
  knows(word: string): boolean;
  /** A word in everyday use (Hunspell's list): what a run-together word splits into. */
  common(word: string): boolean;
  /** Close dictionary words, best first (only for findings). */
  suggest(word: string): string[];
}

/** The Hunspell package for a book language, when Octavo has one. */
function packageFor(language: string): { name: string; tag: string } | undefined {
  const l = language.toLowerCase();
  if (l === 'en-gb' || l === 'en-au' || l === 'en-nz' || l === 'en-ie' || l === 'en-za' || l === 'en-in')
    return { name: 'dictionary-en-gb', tag: 'en-GB' };
  if (l === 'en' || l.startsWith('en-')) return { name: 'dictionary-en', tag: 'en-US' };
  return undefined;
}

/** The stems a word may come from by a regular English ending: "barely" → bare, "knees" → knee, "hopping" → hop. */
export function stemsOf(w: string): string[] {
  const out = [w];
  const cut = (end: string, ...adds: string[]) => {
    if (w.length > end.length + 1 && w.endsWith(end)) {
      const base = w.slice(0, -end.length);
      for (const a of adds) out.push(base + a);
      if (/([b-df-hj-np-tv-z])\1$/.test(base)) out.push(base.slice(0, -1));
    }
  };
  cut('s', '');
  cut('es', '');
  cut('ies', 'y');
  cut('ed', '', 'e');
  cut('ied', 'y');
  cut('ing', '', 'e');
  cut('ly', '', 'le');
  cut('ily', 'y');
  cut('er', '', 'e');
  cut('ier', 'y');
  cut('est', '', 'e');
  cut('iest', 'y');
  cut('ness', '');
  cut('iness', 'y');
  cut("'s", '');
  return out;
}

/** Contractions, read as the word they shorten: "don’t" → do, "can’t" → can, "they’re" → they. */
function uncontracted(w: string): string | undefined {
  const special: Record<string, string> = {
    "can't": 'can',
    "won't": 'will',
    "shan't": 'shall',
    "ain't": 'am',
    "o'clock": 'clock',
    "ma'am": 'madam',
    "y'all": 'you',
  };
  if (special[w]) return special[w];
  const m = /^(\p{L}+)(?:n't|'re|'ve|'ll|'d|'m|'s)$/u.exec(w);
  return m?.[1];
}

export function loadDictionary(language: string, ownWords: string[] = []): Dictionary | undefined {
  const pkg = packageFor(language);
  if (!pkg) return undefined;
  const dir = path.dirname(load.resolve(pkg.name));
  // Everyday words apart from names ("Antony" is a name, "growing" a word), with their affix flags.
  const stems = new Map<string, string>();
  const proper = new Set<string>();
  for (const line of fs.readFileSync(path.join(dir, 'index.dic'), 'utf8').split('\n')) {
    const slash = line.indexOf('/');
    const stem = (slash < 0 ? line : line.slice(0, slash)).trim();
    if (!stem) continue;
    if (/^\p{Lu}/u.test(stem)) proper.add(stem.toLowerCase());
    else stems.set(stem, slash < 0 ? '' : line.slice(slash + 1).trim());
  }
  // The prefixes the affix file defines ("un" for flag U), applied only to the stems that carry the flag.
  const prefixes: [string, string][] = [];
  for (const m of fs.readFileSync(path.join(dir, 'index.aff'), 'utf8').matchAll(/^PFX (\S) +0 +(\p{L}+) +\.\s*$/gmu))
    prefixes.push([m[1], m[2]]);
  const own = new Set(ownWords.map((w) => w.toLowerCase()));
  const all = englishWords();
  const cache = new Map<string, boolean>();
  const normal = (raw: string) => raw.replace(/’/g, "'").toLowerCase();
  /** In Hunspell's list as it is, or with a regular ending. */
  const everyday = (word: string) => own.has(word) || stemsOf(word).some((s) => stems.has(s));
  const prefixed = (word: string) =>
    prefixes.some(
      ([flag, pre]) =>
        word.length > pre.length + 2 &&
        word.startsWith(pre) &&
        stemsOf(word.slice(pre.length)).some((s) => stems.get(s)?.includes(flag)),
    );
  const common = (raw: string): boolean => {
    const word = normal(raw);
    let k = cache.get(word);
    if (k === undefined) {
      const short = uncontracted(word);
      k = everyday(word) || (short !== undefined && stems.has(short)) || prefixed(word);
      cache.set(word, k);
    }
    return k;
  };
  const known = new Map<string, boolean>();
  // By the word as written too: the checks ask of every word of the book, most of them many times.
  const knownAsWritten = new Map<string, boolean>();
  const knows = (raw: string): boolean => {
    let k = knownAsWritten.get(raw);
    if (k !== undefined) return k;
    const word = normal(raw);
    k = known.get(word);
    if (k === undefined) {
      const short = uncontracted(word);
      k =
        stems.has(word) ||
        all(word) ||
        own.has(word) ||
        proper.has(word.replace(/'s$/, '')) ||
        (short !== undefined && (all(short) || own.has(short))) ||
        common(word);
      known.set(word, k);
    }
    knownAsWritten.set(raw, k);
    return k;
  };
  return { language: pkg.tag, knows, common, suggest: (w) => suggestions(w, knows, (x) => everyday(normal(x))) };
}

/**
 * The word-list package's words, looked up by binary search in the file's sorted text (reading it into a
 * set would cost a fifth of a second; a lookup here costs microseconds). Lower case, one a line.
 */
function englishWords(): (word: string) => boolean {
  const file = path.join(path.dirname(load.resolve('word-list')), 'words.txt');
  const text = `\n${fs.readFileSync(file, 'latin1')}\n`;
  return (word) => {
    if (!/^[a-z]+$/.test(word)) return false;
    let lo = 1;
    let hi = text.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      // The line that holds `mid` (or ends at it), compared in place.
      const start = text.lastIndexOf('\n', mid - 1) + 1;
      const end = text.indexOf('\n', mid);
      let order = 0;
      const n = Math.min(end - start, word.length);
      for (let k = 0; k < n && order === 0; k++) order = text.charCodeAt(start + k) - word.charCodeAt(k);
      if (order === 0) order = end - start - word.length;
      if (order === 0) return true;
      if (order < 0) lo = end + 1;
      else hi = start - 1;
    }
    return false;
  };
}

/** Dictionary words one edit away (a letter dropped, added, changed, or two swapped), the likeliest first. */
export function suggestions(
  raw: string,
  knows: (w: string) => boolean,
  common: (w: string) => boolean = knows,
): string[] {
  const word = raw.replace(/’/g, "'");
  const lower = word.toLowerCase();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const found = new Set<string>();
  const tryWord = (w: string) => {
    if (w && w !== lower && knows(w)) found.add(w);
  };
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length) tryWord(lower.slice(0, i) + lower.slice(i + 1));
    if (i < lower.length - 1) tryWord(lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2));
    for (const c of letters) {
      if (i < lower.length) tryWord(lower.slice(0, i) + c + lower.slice(i + 1));
      tryWord(lower.slice(0, i) + c + lower.slice(i));
    }
  }
  const capital = /^\p{Lu}/u.test(word);
  // Everyday words before rare ones.
  return [...found]
    .sort((a, b) => Number(common(b)) - Number(common(a)))
    .slice(0, 3)
    .map((w) => (capital ? w[0].toUpperCase() + w.slice(1) : w));
}

/** The writer's word list: `dictionary.txt` in the book folder (names, invented words), `#` comments allowed. */
export function readWordList(bookDir: string): string[] {
  const file = path.join(bookDir, 'dictionary.txt');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}
