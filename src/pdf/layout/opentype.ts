/**
 * Pair kerning read straight from a font's OpenType tables, and which glyphs its substitutions touch.
 *
 * fontkit's `layout()` runs the whole shaping machine (about 30 µs a glyph); for a word of plain letters
 * that is a row of glyphs and the kerning between each pair. This reads the GPOS `kern` lookups once into
 * maps, as fontkit applies them (lookups in list order, the first subtable that covers the first glyph),
 * and tells the shaper which glyphs a default substitution (ligatures, contextual forms) could touch, so
 * that only pairs with those go through fontkit. A font whose tables hold anything this does not read
 * (a legacy `kern` table, contextual kerning) is left to fontkit entirely: `plain` is then false.
 */
import type { Font } from 'fontkit';

/* The parts of fontkit's parsed tables read here. */
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
interface ValueRecord {
  xPlacement?: number;
  yPlacement?: number;
  xAdvance?: number;
  yAdvance?: number;
}
interface LazyArray<T> {
  length: number;
  get(i: number): T;
}
interface PairSubtable {
  version: number;
  coverage: Coverage;
  pairSets?: LazyArray<{ secondGlyph: number; value1?: ValueRecord; value2?: ValueRecord }[]>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: LazyArray<LazyArray<{ value1?: ValueRecord; value2?: ValueRecord }>>;
}
interface Subtable extends PairSubtable {
  lookupType?: number;
  extension?: Subtable;
  backtrackCoverage?: Coverage[];
  inputCoverage?: Coverage[];
  lookaheadCoverage?: Coverage[];
}
interface LigatureSubtable {
  coverage: Coverage;
  ligatureSets: LazyArray<{ glyph: number; components: number[] }[]>;
}
interface Lookup {
  lookupType: number;
  subTables: Subtable[];
}
interface LayoutTable {
  scriptList: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: LazyArray<Lookup>;
}
interface Tables {
  GPOS?: LayoutTable;
  GSUB?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
}

/** Substitution features fontkit applies to Latin text by default (its DefaultShaper). */
const DEFAULT_GSUB = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt']);
/** Positioning features fontkit applies by default other than `kern`; their glyphs are left to fontkit. */
const OTHER_GPOS = new Set(['mark', 'mkmk', 'curs', 'dist', 'abvm', 'blwm']);

function coverageMap(c: Coverage): Map<number, number> {
  const m = new Map<number, number>();
  if (c.version === 1)
    c.glyphs!.forEach((g, i) => {
      m.set(g, i);
    });
  else
    for (const r of c.rangeRecords ?? [])
      for (let g = r.start; g <= r.end; g++) m.set(g, r.startCoverageIndex + g - r.start);
  return m;
}

function classMap(c: ClassDef | undefined): Map<number, number> {
  const m = new Map<number, number>();
  if (!c) return m;
  if (c.version === 1) {
    c.classValueArray!.forEach((v, i) => {
      if (v) m.set(c.startGlyph! + i, v);
    });
  } else
    for (const r of c.classRangeRecord ?? []) for (let g = r.start; g <= r.end; g++) if (r.class) m.set(g, r.class);
  return m;
}

/** The lookups of the given features for Latin text (the `latn` script's default language, else `DFLT`). */
function lookups(table: LayoutTable | undefined, wanted: (tag: string) => boolean): Lookup[] {
  if (!table) return [];
  const script =
    table.scriptList.find((s) => s.tag === 'latn') ??
    table.scriptList.find((s) => s.tag === 'DFLT') ??
    table.scriptList[0];
  const indexes = new Set<number>();
  for (const f of script?.script.defaultLangSys?.featureIndexes ?? []) {
    const feature = table.featureList[f];
    if (feature && wanted(feature.tag)) for (const l of feature.feature.lookupListIndexes) indexes.add(l);
  }
  return [...indexes].sort((a, b) => a - b).map((i) => table.lookupList.get(i));
}

/** A lookup's type and subtables, through an extension lookup (type 7 in GSUB, 9 in GPOS). */
function unwrap(lookup: Lookup, extension: number): { type: number; subtables: Subtable[] } {
  if (lookup.lookupType !== extension || !lookup.subTables.length)
    return { type: lookup.lookupType, subtables: lookup.subTables };
  return { type: lookup.subTables[0].lookupType!, subtables: lookup.subTables.map((s) => s.extension!) };
}

type PairValue = { value1?: ValueRecord; value2?: ValueRecord };

interface PairTable {
  version: number;
  coverage: Map<number, number>;
  sub: PairSubtable;
  class1?: Map<number, number>;
  class2?: Map<number, number>;
  /** Decoded once: fontkit decodes a lazy array's element again on every read. Format 1: the pair set of
   * each coverage index (second glyph → values); format 2: each class pair's values. */
  rows: Map<number, Map<number, PairValue>>;
  cells: Map<number, PairValue | undefined>;
}

export class FontTables {
  /** False when the font holds something this does not read: every pair then goes through fontkit. */
  readonly plain: boolean;
  private readonly kernLookups: PairTable[][] = [];
  /** Glyphs that a default substitution or a non-kerning positioning could involve, and marks. */
  private readonly involved = new Set<number>();
  /** Ligatures by first glyph (`f` → `ff`, `fi`, `ffi`…), for glyphs that only ligatures involve. */
  private readonly ligatureSets = new Map<number, { glyph: number; components: number[] }[]>();

  constructor(font: Font) {
    const t = font as unknown as Tables;
    let plain = Boolean(t.GPOS);
    try {
      for (const lookup of lookups(t.GPOS, (tag) => tag === 'kern')) {
        const { type, subtables } = unwrap(lookup, 9);
        if (type !== 2) {
          plain = false;
          continue;
        }
        this.kernLookups.push(
          subtables.map((sub) => ({
            version: sub.version,
            coverage: coverageMap(sub.coverage),
            sub,
            class1: sub.version === 2 ? classMap(sub.classDef1) : undefined,
            class2: sub.version === 2 ? classMap(sub.classDef2) : undefined,
            rows: new Map(),
            cells: new Map(),
          })),
        );
      }
      const touch = (c: Coverage | undefined) => {
        if (c) for (const g of coverageMap(c).keys()) this.involved.add(g);
      };
      const others = [
        ...lookups(t.GSUB, (tag) => DEFAULT_GSUB.has(tag)).map((l) => unwrap(l, 7)),
        ...lookups(t.GPOS, (tag) => OTHER_GPOS.has(tag)).map((l) => ({ ...unwrap(l, 9), type: -1 })),
      ];
      // Glyphs that begin a ligature in exactly one ligature lookup and take part in nothing else can be
      // ligated here; any other involvement is left to fontkit.
      const ligatureFirsts = new Map<number, number>();
      for (const { type, subtables } of others) {
        if (type !== 4) continue;
        for (const sub of subtables)
          for (const g of coverageMap(sub.coverage).keys()) ligatureFirsts.set(g, (ligatureFirsts.get(g) ?? 0) + 1);
      }
      for (const { type, subtables } of others) {
        // A single substitution maps one glyph to another whatever its neighbours: shaping each character
        // alone already gives the substituted glyph.
        if (type === 1) continue;
        if (type === 4) {
          for (const sub of subtables as unknown as LigatureSubtable[]) {
            coverageMap(sub.coverage).forEach((index, g) => {
              if (ligatureFirsts.get(g) === 1 && !this.ligatureSets.has(g))
                this.ligatureSets.set(g, sub.ligatureSets.get(index));
              else this.involved.add(g);
            });
          }
          continue;
        }
        for (const sub of subtables) {
          touch(sub.coverage);
          for (const list of [sub.backtrackCoverage, sub.inputCoverage, sub.lookaheadCoverage])
            for (const c of list ?? []) touch(c);
          // Class-based context rules can match any glyph (class 0 is "every other glyph").
          if (
            sub.classDef1 ||
            (sub as { classDef?: ClassDef }).classDef ||
            (sub as { inputClassDef?: ClassDef }).inputClassDef
          )
            plain = false;
        }
      }
      const classes = classMap(t.GDEF?.glyphClassDef);
      for (const [g, cls] of classes) if (cls === 3) this.involved.add(g);
      // A ligature glyph or component that is involved in something else: leave its words to fontkit.
      // (A ligature glyph that begins ligatures itself would be ligated again by another lookup.)
      const unsafe = (l: { glyph: number; components: number[] }) =>
        this.involved.has(l.glyph) || this.ligatureSets.has(l.glyph) || l.components.some((c) => this.involved.has(c));
      for (const [g, set] of this.ligatureSets) {
        if (this.involved.has(g) || set.some(unsafe)) {
          this.ligatureSets.delete(g);
          this.involved.add(g);
        }
      }
    } catch {
      plain = false;
    }
    this.plain = plain;
  }

  /** Whether a glyph may take part in something other than pair kerning. */
  isInvolved(glyph: number): boolean {
    return this.involved.has(glyph);
  }

  beginsLigature(glyph: number): boolean {
    return this.ligatureSets.has(glyph);
  }

  /**
   * The ligature that glyph `first` begins, given the glyphs that follow it (`next(k)` is the k-th after it,
   * undefined past the end): the first ligature of its set whose components all follow, as fontkit chooses.
   */
  ligature(first: number, next: (k: number) => number | undefined): { glyph: number; length: number } | undefined {
    const set = this.ligatureSets.get(first);
    if (!set) return undefined;
    for (const lig of set) {
      let k = 0;
      while (k < lig.components.length && next(k + 1) === lig.components[k]) k++;
      if (k === lig.components.length) return { glyph: lig.glyph, length: k + 1 };
    }
    return undefined;
  }

  /**
   * The kerning between two glyphs in font units, added to the first glyph's advance; null when a lookup
   * does more than change that advance (moves a glyph, or changes the second glyph's advance).
   */
  kern(a: number, b: number): number | null {
    let total = 0;
    for (const subtables of this.kernLookups) {
      for (const t of subtables) {
        const index = t.coverage.get(a);
        if (index === undefined) continue;
        let v1: ValueRecord | undefined;
        let v2: ValueRecord | undefined;
        if (t.version === 1) {
          let row = t.rows.get(index);
          if (!row) {
            row = new Map(t.sub.pairSets!.get(index).map((p) => [p.secondGlyph, p]));
            t.rows.set(index, row);
          }
          const pair = row.get(b);
          if (!pair) continue;
          v1 = pair.value1;
          v2 = pair.value2;
        } else {
          const c1 = t.class1!.get(a) ?? 0;
          const c2 = t.class2!.get(b) ?? 0;
          const cell = c1 * 0x10000 + c2;
          let rec = t.cells.get(cell);
          if (rec === undefined && !t.cells.has(cell)) {
            rec = t.sub.classRecords!.get(c1)?.get(c2);
            t.cells.set(cell, rec);
          }
          v1 = rec?.value1;
          v2 = rec?.value2;
        }
        if (
          v1?.xPlacement ||
          v1?.yPlacement ||
          v1?.yAdvance ||
          v2?.xPlacement ||
          v2?.yPlacement ||
          v2?.xAdvance ||
          v2?.yAdvance
        )
          return null;
        total += v1?.xAdvance ?? 0;
        break;
      }
    }
    return total;
  }
}
