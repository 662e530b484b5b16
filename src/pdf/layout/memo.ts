/**
 * Paragraphs set by an earlier build, for the build cache. A paragraph's setting depends only on its styled
 * text and its settings (measure, size, tolerances, the hyphenation patterns) with the fonts and the
 * Octavo build, which the cache's key covers: the same paragraph sets into the same lines. So a rebuild
 * takes each unchanged paragraph's line counts, their costs and the lines pagination chose from here, and
 * sets only what is new, or a line count it did not keep.
 *
 * The lines are kept compactly (one string of texts, typed arrays of numbers: a novel's 300,000 glyph
 * runs are a few arrays, not 300,000 objects to serialise) and made into fragments again with the
 * shaper's own runs, so that the restored lines are the very objects a fresh setting gives.
 */
import v8 from 'node:v8';
import type { Fragment, SetLine } from './compose.js';
import { FACE_NAMES, type Shaper, type TextStyle } from './shaper.js';

/** A variant's lines: fragment texts joined by NUL, then per fragment its style and numbers, per line its own. */
export interface SavedLines {
  texts: string;
  /** Face index × 2 + small caps, per fragment. */
  styles: Uint8Array;
  /** x, size, rise, width, hscale per fragment. */
  fragments: Float64Array;
  /** left, width, ratio, hyphenated (0 or 1), fragment count per line. */
  lines: Float64Array;
}

export interface SavedParagraph {
  natural: number;
  /** Line count, extra demerits, which lines end hyphenated. */
  variants: [number, number, boolean[]][];
  /** Per line count: the first references to notes as pairs of (styled-text index, line). */
  notes: [number, number[]][];
  /** The lines of the counts that were composed. */
  lines: [number, SavedLines][];
}

const SEPARATOR = '\u0000';

/** The lines in their kept form, or undefined when a run's text is unknown (a run not made by the shaper). */
export function saveLines(lines: SetLine[], shaper: Shaper): SavedLines | undefined {
  const frs = fragmentsFor(lines);
  const out = new Float64Array(lines.length * 5);
  let f = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.set([line.left, line.width, line.ratio, line.hyphenated ? 1 : 0, line.fragments.length], i * 5);
    for (const fr of line.fragments) if (!putFragment(frs, f++, fr, shaper)) return undefined;
  }
  return { texts: frs.texts.join(SEPARATOR), styles: frs.styles, fragments: frs.numbers, lines: out };
}

/** The styles by their index in kept fragments (made on first use: shaper.ts imports this module). */
let styles: TextStyle[] | undefined;
const STYLES = () =>
  (styles ??= FACE_NAMES.flatMap((face) => [
    { face, smallCaps: false },
    { face, smallCaps: true },
  ]));

export function restoreLines(saved: SavedLines, shaper: Shaper): SetLine[] {
  const texts = saved.texts.split(SEPARATOR);
  const lines: SetLine[] = [];
  let f = 0;
  for (let i = 0; i < saved.lines.length; i += 5) {
    const fragments: Fragment[] = [];
    for (let k = 0; k < saved.lines[i + 4]; k++)
      fragments.push(getFragment(texts, saved.styles, saved.fragments, f++, shaper));
    lines.push({
      fragments,
      left: saved.lines[i],
      width: saved.lines[i + 1],
      hyphenated: saved.lines[i + 3] === 1,
      ratio: saved.lines[i + 2],
    });
  }
  return lines;
}

/** Fragments as kept: their texts (joined by NUL), a style code each and five numbers each. */
interface Fragments {
  texts: string[];
  styles: Uint8Array;
  numbers: Float64Array;
}

/** Writes fragment `f`; false when its run's text is unknown or holds a NUL (then nothing is kept). */
function putFragment(into: Fragments, f: number, fr: Fragment, shaper: Shaper): boolean {
  const text = shaper.textOf(fr.run);
  if (text === undefined || text.includes(SEPARATOR)) return false;
  into.texts.push(text);
  into.styles[f] = FACE_NAMES.indexOf(fr.run.style.face) * 2 + (fr.run.style.smallCaps ? 1 : 0);
  into.numbers.set([fr.x, fr.size, fr.rise, fr.width, fr.hscale ?? 1], f * 5);
  return true;
}

/** Fragment `f` again, with the shaper's own run for its text. */
function getFragment(texts: string[], codes: Uint8Array, numbers: Float64Array, f: number, shaper: Shaper): Fragment {
  const at = f * 5;
  return {
    run: shaper.shape(texts[f], STYLES()[codes[f]]),
    x: numbers[at],
    size: numbers[at + 1],
    rise: numbers[at + 2],
    width: numbers[at + 3],
    hscale: numbers[at + 4],
  };
}

function fragmentsFor(lines: { fragments: Fragment[] }[]): Fragments {
  let count = 0;
  for (const l of lines) count += l.fragments.length;
  return { texts: [], styles: new Uint8Array(count), numbers: new Float64Array(count * 5) };
}

/**
 * What an earlier build worked out, by key, and what this build uses (all the next one keeps). Each
 * entry travels as its own structured clone (v8.serialize): a build decodes only the entries it takes,
 * and writes back the ones it did not change as the bytes it read.
 */
export class Memo<T> {
  private readonly earlier: Map<string, Uint8Array>;
  private readonly used = new Map<string, { value: T; bytes?: Uint8Array }>();
  /** Something was made or changed that the earlier build did not keep: the cache is worth writing again. */
  grew = false;

  constructor(earlier?: Map<string, Uint8Array>) {
    this.earlier = earlier ?? new Map();
  }

  /** What was made before for this key, which this build keeps too. */
  take(key: string): T | undefined {
    const entry = this.used.get(key);
    if (entry) return entry.value;
    const bytes = this.earlier.get(key);
    if (!bytes) return undefined;
    const value = v8.deserialize(bytes) as T;
    this.used.set(key, { value, bytes });
    return value;
  }

  keep(key: string, value: T): void {
    this.used.set(key, { value });
    this.grew = true;
  }

  /** The entry for `key` changed after it was taken: its old bytes no longer stand for it. */
  protected changed(key: string): void {
    const entry = this.used.get(key);
    if (entry) entry.bytes = undefined;
    this.grew = true;
  }

  /**
   * What to keep for the next build: what this one used, and what the earlier one kept that this one did
   * not need (a paragraph of a chapter taken whole from the chapter memo may be needed after the next
   * edit), as long as that stays within `limit` entries.
   */
  toKeep(limit = Number.POSITIVE_INFINITY): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    if (this.earlier.size + this.used.size <= limit) for (const [key, bytes] of this.earlier) out.set(key, bytes);
    for (const [key, entry] of this.used) {
      entry.bytes ??= v8.serialize(entry.value);
      out.set(key, entry.bytes);
    }
    return out;
  }
}

/** The paragraphs an earlier build set, and those this build sets. */
export class ParagraphMemo extends Memo<SavedParagraph> {
  /** A kept paragraph's lines for one more line count. */
  addLines(key: string, saved: SavedParagraph, count: number, lines: SavedLines): void {
    saved.lines.push([count, lines]);
    this.changed(key);
  }
}

/** Placed lines as the cache keeps them: fragments as in SavedLines, and per line its place and kind. */
export interface SavedPlaced {
  texts: string;
  styles: Uint8Array;
  fragments: Float64Array;
  /** x, y, gray (-1: none), rotation (0 none, 1 down, 2 up), fragment count per line. */
  lines: Float64Array;
  roles: Uint8Array;
}

const ROLES = ['body', 'display', 'head', 'folio', 'ornament'] as const;
const ROTATIONS = [undefined, 'down', 'up'] as const;

/** A chapter's laid pages, before folios and running heads, with the stats of laying it out. */
export interface SavedChapter<Page, Stats> {
  /** Each page without its lines, which are kept apart (`placed`). */
  pages: Page[];
  placed: SavedPlaced[];
  stats: Stats;
}

type Placed = {
  x: number;
  y: number;
  fragments: Fragment[];
  role: (typeof ROLES)[number];
  rotate?: 'down' | 'up';
  gray?: number;
};

export function savePlaced(lines: Placed[], shaper: Shaper): SavedPlaced | undefined {
  const frs = fragmentsFor(lines);
  const out = new Float64Array(lines.length * 5);
  const roles = new Uint8Array(lines.length);
  let f = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.set([line.x, line.y, line.gray ?? -1, ROTATIONS.indexOf(line.rotate), line.fragments.length], i * 5);
    roles[i] = ROLES.indexOf(line.role);
    for (const fr of line.fragments) if (!putFragment(frs, f++, fr, shaper)) return undefined;
  }
  return { texts: frs.texts.join(SEPARATOR), styles: frs.styles, fragments: frs.numbers, lines: out, roles };
}

export function restorePlaced(saved: SavedPlaced, shaper: Shaper): Placed[] {
  const texts = saved.texts.split(SEPARATOR);
  const lines: Placed[] = [];
  let f = 0;
  for (let i = 0; i < saved.roles.length; i++) {
    const at = i * 5;
    const fragments: Fragment[] = [];
    for (let k = 0; k < saved.lines[at + 4]; k++)
      fragments.push(getFragment(texts, saved.styles, saved.fragments, f++, shaper));
    const line: Placed = { x: saved.lines[at], y: saved.lines[at + 1], fragments, role: ROLES[saved.roles[i]] };
    const rotate = ROTATIONS[saved.lines[at + 3]];
    if (rotate) line.rotate = rotate;
    if (saved.lines[at + 2] >= 0) line.gray = saved.lines[at + 2];
    lines.push(line);
  }
  return lines;
}
