/**
 * Where a word may be hyphenated: Liang's algorithm with TeX's patterns for the book's language (npm
 * `hyphen`), then Octavo's own limits: at least two letters before a break and three after, and no breaks
 * in capitalised words (names) or words with digits.
 */
import { createRequire } from 'node:module';

export interface Hyphenator {
  /** The language whose patterns are used (`en-us`), or undefined when there are none for the book. */
  readonly patterns: string | undefined;
  /** Character offsets inside `word` where a hyphen may go, ascending; `names` also breaks capitalised words. */
  points(word: string, names?: boolean): readonly number[];
}

export interface HyphenationLimits {
  /** Letters before the first break. */
  left: number;
  /** Letters after the last break. */
  right: number;
  /** Break capitalised words too. */
  capitalised: boolean;
}

export const DEFAULT_LIMITS: HyphenationLimits = { left: 2, right: 3, capitalised: false };

/** Pattern sets of the `hyphen` package by language tag; a tag not listed falls back to its base language. */
const PATTERN_ALIASES: Record<string, string> = {
  en: 'en-us',
  'en-au': 'en-gb',
  'en-nz': 'en-gb',
  'en-ie': 'en-gb',
  'en-za': 'en-gb',
  'en-in': 'en-gb',
  de: 'de-1996',
  'de-de': 'de-1996',
  'de-at': 'de-1996',
  'de-ch': 'de-1996',
  'pt-br': 'pt',
  'pt-pt': 'pt',
  el: 'el-monoton',
  nb: 'nb',
  no: 'nb',
  sr: 'sr',
  mn: 'mn-cyrl',
  zh: 'zh-latn-pinyin',
};

const AVAILABLE = new Set(
  'af as be bg bn ca cop cs cu cy da de-1901 de-1996 de-ch-1901 el-monoton el-polyton en-gb en-us es et eu fi fr fur ga gl grc gu hi hr hsb hu hy ia id is it ka kmr kn la lt lv mk ml mn-cyrl mr nb nl nn oc or pa pi pl pms pt rm ro ru sa sh-latn sk sl sq sr-cyrl sv ta te th tk tr uk'.split(
    ' ',
  ),
);

/** The pattern set for a BCP 47 tag, or undefined. */
export function patternsFor(language: string): string | undefined {
  const tag = language.toLowerCase();
  const candidates = [tag, PATTERN_ALIASES[tag], tag.split('-')[0], PATTERN_ALIASES[tag.split('-')[0]]];
  return candidates.find((c): c is string => c !== undefined && AVAILABLE.has(c));
}

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

const LETTERS = /^\p{L}+$/u;

/**
 * The `hyphen` package's patterns: a table of level lists, a trie of pattern letters (a node is a child
 * trie, a level-list index, or [child trie, index]) and the exceptions (word → break offsets).
 */
type Trie = { [letter: string]: Trie | number | [Trie, number] };
type Patterns = [number[][], Trie, Record<string, number[]>?];

/**
 * The package's trie as a dense table: `edge[node * letters + letter]` is the edge from a node by a letter
 * (-1 for none), and each edge has the node it leads to (-1 for none) and its level list (-1 for none).
 * Indexing a typed array is several times faster than the trie's one-letter property names.
 */
interface FlatTrie {
  /** A UTF-16 code unit's letter number, -1 for a character no pattern has. */
  letter: Int16Array;
  letters: number;
  edge: Int32Array;
  child: Int32Array;
  level: Int32Array;
}

const flattened = new WeakMap<Trie, FlatTrie>();

function flatten(root: Trie): FlatTrie {
  let flat = flattened.get(root);
  if (flat) return flat;
  // One walk numbers the letters and the nodes and lists the edges; the table is sized from them after.
  // A key of more than one code unit can never match (the text is read a code unit at a time): left out.
  const letter = new Int16Array(0x10000).fill(-1);
  let letters = 0;
  let nodes = 1;
  const from: number[] = [];
  const by: number[] = [];
  const child: number[] = [];
  const level: number[] = [];
  const walk = (node: Trie, id: number) => {
    for (const key of Object.keys(node)) {
      if (key.length !== 1) continue;
      const code = key.charCodeAt(0);
      if (letter[code] < 0) letter[code] = letters++;
      const next = node[key];
      const sub = Array.isArray(next) ? next[0] : typeof next === 'number' ? undefined : next;
      const to = sub ? nodes++ : -1;
      from.push(id);
      by.push(letter[code]);
      child.push(to);
      level.push(Array.isArray(next) ? next[1] : typeof next === 'number' ? next : -1);
      if (sub) walk(sub, to);
    }
  };
  walk(root, 0);
  const edge = new Int32Array(nodes * letters).fill(-1);
  for (let e = 0; e < from.length; e++) edge[from[e] * letters + by[e]] = e;
  flat = { letter, letters, edge, child: Int32Array.from(child), level: Int32Array.from(level) };
  flattened.set(root, flat);
  return flat;
}

/**
 * Liang's algorithm over the package's trie, with the package's own indexing (its results are tested
 * to agree), without its per-call text scanning: about ten times faster per word.
 */
export function liang(patterns: Patterns, word: string): number[] {
  // Not toLocaleLowerCase: that follows the machine's locale (a Turkish one lowercases I to ı), is an ICU
  // call per word, and a book must hyphenate the same everywhere.
  const lower = word.toLowerCase();
  const exception = patterns[2]?.[lower];
  if (exception) return exception;
  const table = patterns[0];
  const { letter, letters, edge, child, level } = flatten(patterns[1]);
  // The word between dots, as letter numbers (-1: a character no pattern has).
  const n = lower.length + 2;
  const codes = new Int32Array(n);
  codes[0] = codes[n - 1] = letter[0x2e];
  for (let i = 0; i < lower.length; i++) codes[i + 1] = letter[lower.charCodeAt(i)];
  const levels = new Array<number>(word.length + 1).fill(0);
  // Pattern matches starting at the dot and at the first letter both count from level 0.
  for (let start = 0; start <= n - 3; start++) {
    const entity = start === 0 ? 0 : start - 1;
    let node = 0;
    for (let i = start; i < n && node >= 0; i++) {
      const c = codes[i];
      if (c < 0) break;
      const e = edge[node * letters + c];
      if (e < 0) break;
      node = child[e];
      const index = level[e];
      if (index < 0) continue;
      const lv = table[index];
      for (let k = 0; k < lv.length; k++) if (lv[k] > levels[entity + k]) levels[entity + k] = lv[k];
    }
  }
  levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
  const out: number[] = [];
  for (let i = 0; i < levels.length; i++) if (levels[i] & 1) out.push(i);
  return out;
}

export function createHyphenator(language: string, limits: HyphenationLimits = DEFAULT_LIMITS): Hyphenator {
  const code = patternsFor(language);
  const patterns: Patterns | undefined = code ? (load(`hyphen/patterns/${code}.js`) as Patterns) : undefined;
  const cache = new Map<string, readonly number[]>();
  const none: readonly number[] = [];
  return {
    patterns: code,
    points(word: string, names = false): readonly number[] {
      const capital = word[0] !== word[0].toLowerCase();
      if (capital && !names && !limits.capitalised) return none;
      let pts = cache.get(word);
      if (pts) return pts;
      pts = none;
      if (
        patterns &&
        word.length >= limits.left + limits.right &&
        LETTERS.test(word) &&
        !(capital && word.length > 1 && word[1] !== word[1].toLowerCase())
      ) {
        const found = liang(patterns, word).filter((at) => at >= limits.left && word.length - at >= limits.right);
        if (found.length) pts = found;
      }
      cache.set(word, pts);
      return pts;
    },
  };
}
