/**
 * Where each character of a parsed text came from in its source, when the two differ: a parser hands
 * over `Tom & Jerry` for `Tom &amp; Jerry`, `*` for `\*`, one space for an HTML line end and its indent.
 * The answer is a text node's `sourceMap` (pairs of [index in the text, source offset], each valid up to
 * the next), so that a change or a finding after an entity is reported at its own column.
 */
import { entityChar } from '../model/entities.js';

export interface AlignOptions {
  /** `\*` stands for `*` (Markdown's backslash escapes). */
  escapes?: boolean;
  /** A run of white space in the source stands for one space in the text (HTML). */
  collapseSpace?: boolean;
}

export interface Alignment {
  /** Pairs [index in the text, offset in the source]; the first is [0, start]. */
  map: number[];
  /** The source offsets of the text's first character and just past its last. */
  start: number;
  end: number;
  /** True when the text is the source's characters one for one (no map needed). */
  contiguous: boolean;
}

const REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const SPACE = /\s/;

/** Aligns `text` with `source` from offset `from`; undefined when the source there does not spell the text. */
export function alignAt(text: string, source: string, from: number, options: AlignOptions = {}): Alignment | undefined {
  const map: number[] = [];
  let delta = Number.NaN;
  const mark = (i: number, j: number) => {
    if (j - i !== delta) {
      map.push(i, j);
      delta = j - i;
    }
  };
  let i = 0;
  let j = from;
  while (i < text.length) {
    if (j >= source.length) return undefined;
    const c = text[i];
    const s = source[j];
    if (options.collapseSpace && c === ' ' && SPACE.test(s)) {
      mark(i, j);
      i++;
      while (j < source.length && SPACE.test(source[j])) j++;
      continue;
    }
    if (s === '&') {
      REFERENCE.lastIndex = j;
      const m = REFERENCE.exec(source);
      // A name this program does not know was still decoded by the parser when the text has no `&` here.
      const decoded = m
        ? (entityChar(m[1]) ?? (c === '&' ? undefined : String.fromCodePoint(text.codePointAt(i) ?? 0)))
        : undefined;
      if (m && decoded && text.startsWith(decoded, i)) {
        mark(i, j);
        i += decoded.length;
        j += m[0].length;
        continue;
      }
    }
    if (s === c) {
      mark(i, j);
      i++;
      j++;
      continue;
    }
    if (options.escapes && s === '\\' && source[j + 1] === c) {
      mark(i, j + 1);
      i++;
      j += 2;
      continue;
    }
    return undefined;
  }
  const start = map.length ? map[1] : from;
  return { map, start, end: j, contiguous: map.length <= 2 && j - from === text.length };
}

/** The first place at or after `from` where the source spells the text (a parser's markup may come first). */
export function alignFrom(
  text: string,
  source: string,
  from: number,
  options: AlignOptions = {},
): Alignment | undefined {
  if (!text) return undefined;
  const first = text[0];
  for (let s = from; s < source.length; s++) {
    const c = source[s];
    if (c !== first && c !== '\\' && c !== '&' && !(options.collapseSpace && SPACE.test(c))) continue;
    const found = alignAt(text, source, s, options);
    if (found) return found;
  }
  return undefined;
}
