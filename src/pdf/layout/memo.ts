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
  let count = 0;
  for (const l of lines) count += l.fragments.length;
  const texts: string[] = [];
  const styles = new Uint8Array(count);
  const fragments = new Float64Array(count * 5);
  const out = new Float64Array(lines.length * 5);
  let f = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.set([line.left, line.width, line.ratio, line.hyphenated ? 1 : 0, line.fragments.length], i * 5);
    for (const fr of line.fragments) {
      const text = shaper.textOf(fr.run);
      if (text === undefined || text.includes(SEPARATOR)) return;
      texts.push(text);
      styles[f] = FACE_NAMES.indexOf(fr.run.style.face) * 2 + (fr.run.style.smallCaps ? 1 : 0);
      fragments.set([fr.x, fr.size, fr.rise, fr.width, fr.hscale ?? 1], f * 5);
      f++;
    }
  }
  return { texts: texts.join(SEPARATOR), styles, fragments, lines: out };
}

/** The styles by their index in SavedLines (made on first use: shaper.ts imports this module). */
let styles: TextStyle[] | undefined;
const STYLES = () =>
  (styles ??= FACE_NAMES.flatMap((face) => [
    { face, smallCaps: false },
    { face, smallCaps: true },
  ]));

export function restoreLines(saved: SavedLines, shaper: Shaper): SetLine[] {
  const texts = saved.texts.split(SEPARATOR);
  const all = STYLES();
  const lines: SetLine[] = [];
  let f = 0;
  for (let i = 0; i < saved.lines.length; i += 5) {
    const n = saved.lines[i + 4];
    const fragments: Fragment[] = [];
    for (let k = 0; k < n; k++, f++) {
      const at = f * 5;
      fragments.push({
        run: shaper.shape(texts[f], all[saved.styles[f]]),
        x: saved.fragments[at],
        size: saved.fragments[at + 1],
        rise: saved.fragments[at + 2],
        width: saved.fragments[at + 3],
        hscale: saved.fragments[at + 4],
      });
    }
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

/** The paragraphs an earlier build set, and those this build sets (all it used: what the next one keeps). */
export class ParagraphMemo {
  private readonly earlier: Map<string, SavedParagraph>;
  readonly kept = new Map<string, SavedParagraph>();

  constructor(earlier?: Map<string, SavedParagraph>) {
    this.earlier = earlier ?? new Map();
  }

  /** A paragraph set before, which this build keeps too. */
  take(key: string): SavedParagraph | undefined {
    const saved = this.kept.get(key) ?? this.earlier.get(key);
    if (saved) this.kept.set(key, saved);
    return saved;
  }

  keep(key: string, saved: SavedParagraph): void {
    this.kept.set(key, saved);
    this.grew = true;
  }

  /** Something was set that the earlier build did not keep: the cache is worth writing again. */
  grew = false;

  /** A kept paragraph's lines for one more line count. */
  addLines(saved: SavedParagraph, count: number, lines: SavedLines): void {
    saved.lines.push([count, lines]);
    this.grew = true;
  }
}
