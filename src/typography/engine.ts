/**
 * The typography engine. For every run of inline text (a paragraph, a heading, a caption, a title) it
 * flattens the text across inline boundaries, lets each rule in turn propose edits, applies them to the
 * text nodes they fall in, and reports each as a change with its place in the manuscript.
 */
import crypto from 'node:crypto';
import { TYPOGRAPHY_RULES } from '../config/schema.js';
import type { Message } from '../diagnostics/diagnostic.js';
import type { TypographyRuleId } from '../diagnostics/rules.js';
import { inlineRuns, sourceOffset, type Block, type Book, type Inline } from '../model/book.js';
import type { Position } from '../model/position.js';
import apostrophes from './apostrophes.js';
import corrections from './corrections.js';
import dashes from './dashes.js';
import doubledWords from './doubled-words.js';
import ellipsis from './ellipsis.js';
import noBreakSpaces from './no-break-spaces.js';
import { quoteSet } from './locales.js';
import quotes from './quotes.js';
import { OPAQUE, type Edit, type TypographyRule } from './rule.js';
import spacing, { protectedRanges } from './spacing.js';
import mojibake from './mojibake.js';
import unicode from './unicode.js';

/** In the order they run: each sees the text as the ones before it left it. */
export const RULES: TypographyRule[] = [
  mojibake,
  unicode,
  spacing,
  ellipsis,
  dashes,
  quotes,
  apostrophes,
  noBreakSpaces,
  corrections,
  doubledWords,
];
export const RULE_IDS = RULES.map((r) => r.id);
if (RULE_IDS.join() !== TYPOGRAPHY_RULES.join())
  throw new Error('internal: the typography rules and the book.yaml schema disagree');

export interface TypographyOptions {
  language: string;
  /** Per rule: false switches it off; any other value is the rule's option. */
  rules?: Record<string, unknown>;
  /** Turns a file offset into a position, for the report. */
  locate(file: string, offset: number): Position;
}

type TextNode = Extract<Inline, { type: 'text' }>;

interface Segment {
  /** Its `sourceMap` is kept up to date as edits land, so that positions stay exact after typography. */
  node: TextNode;
}

type Piece = Segment | string;

function flatten(nodes: Inline[], out: Piece[]): void {
  for (const n of nodes) {
    if (n.type === 'text') out.push({ node: n });
    else if (n.type === 'code' || n.type === 'image' || n.type === 'noteRef') out.push(OPAQUE);
    else if (n.type === 'lineBreak') out.push('\n');
    else flatten(n.children, out);
  }
}

function sourceAt(seg: Segment, k: number): number {
  return sourceOffset(seg.node, k);
}

/** A readable stretch around an edit: the words it touches. */
function context(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a > 0 && start - a < 16 && !/\s/.test(text[a - 1])) a--;
  while (b < text.length && b - end < 16 && !/\s/.test(text[b])) b++;
  return [a, b];
}

class Run {
  constructor(private readonly pieces: Piece[]) {}

  text(): string {
    return this.pieces.map((p) => (typeof p === 'string' ? p : p.node.value)).join('');
  }

  /** Applies non-overlapping edits (sorted, later ones first) and returns the diagnostics. */
  apply(rule: TypographyRuleId, edits: Edit[], text: string, options: TypographyOptions): Message[] {
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
    const kept: Edit[] = [];
    let lastEnd = -1;
    const guarded = protectedRanges(text);
    for (const e of edits) {
      if (e.start < lastEnd) continue; // two edits of one rule never fight over a range
      if (text.slice(e.start, e.end).includes(OPAQUE)) continue;
      if (guarded.some(([a, b]) => e.start < b && e.end > a)) continue;
      kept.push(e);
      lastEnd = Math.max(e.end, e.start + (e.start === e.end ? 1 : 0));
    }
    const diagnostics: Message[] = [];
    // Where each piece starts in `text`.
    const starts: number[] = [];
    let at = 0;
    for (const p of this.pieces) {
      starts.push(at);
      at += typeof p === 'string' ? p.length : p.node.value.length;
    }
    for (let i = kept.length - 1; i >= 0; i--) {
      const e = kept[i];
      const d = this.edit(e, starts, text, rule, options);
      if (d) diagnostics.push(d);
    }
    return diagnostics.reverse();
  }

  private edit(
    e: Edit,
    starts: number[],
    text: string,
    rule: TypographyRuleId,
    options: TypographyOptions,
  ): Message | undefined {
    // The segment that receives the replacement: the one holding e.start (for an insertion at a boundary,
    // the one that begins there, so that an added space lands outside a closing emphasis).
    let first = -1;
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i];
      if (typeof p === 'string') continue;
      const s = starts[i];
      const len = p.node.value.length;
      if ((e.start >= s && e.start < s + len) || (e.start === e.end && e.start === s)) {
        first = i;
        break;
      }
      if (e.start === s + len && e.start === e.end) first = i; // fallback: the end of the previous one
    }
    if (first === -1) return undefined;
    const seg = this.pieces[first] as Segment;
    const base = starts[first];
    const [ca, cb] = context(text, e.start, e.end);
    const local = e.start - base;
    const offset = sourceAt(seg, local);
    const endOffset = sourceAt(seg, Math.min(e.end - base, seg.node.value.length));
    // Remove [start, end) across the pieces it spans, then insert the replacement in `seg`.
    // (In `seg` removal and insertion are one splice, so that its source map keeps a replaced character
    // at its own place.)
    let remaining = e.end - e.start;
    let firstTake = 0;
    for (let i = first; i < this.pieces.length && remaining > 0; i++) {
      const p = this.pieces[i];
      if (typeof p === 'string') {
        remaining -= p.length;
        continue;
      }
      const from = i === first ? local : 0;
      const take = Math.min(remaining, p.node.value.length - from);
      if (i === first) firstTake = take;
      else splice(p, from, take, '');
      remaining -= take;
    }
    splice(seg, local, firstTake, e.text);
    const file = seg.node.pos.file;
    return {
      kind: 'change',
      severity: 'info',
      rule,
      message: e.message,
      file,
      start: options.locate(file, offset),
      end: options.locate(file, Math.max(offset, endOffset)),
      before: text.slice(ca, cb),
      after: text.slice(ca, e.start) + e.text + text.slice(e.end, cb),
    };
  }
}

function splice(seg: Segment, from: number, remove: number, insert: string): void {
  if (remove === 0 && insert === '') return;
  const v = seg.node.value;
  const before = sourceAt(seg, from);
  const after = sourceAt(seg, from + remove);
  const delta = insert.length - remove;
  const old = seg.node.sourceMap ?? [0, seg.node.pos.start.offset];
  const next: number[] = [];
  for (let i = 0; i < old.length && old[i] < from; i += 2) next.push(old[i], old[i + 1]);
  next.push(from, before, from + insert.length, after);
  for (let i = 0; i < old.length; i += 2) if (old[i] > from + remove) next.push(old[i] + delta, old[i + 1]);
  seg.node.sourceMap = next;
  seg.node.value = v.slice(0, from) + insert + v.slice(from + remove);
}

/**
 * Runs typeset by an earlier build (the build cache), by a key of the run's text, places and source maps
 * and of the text of the file it comes from: each with its text nodes' values and source maps after
 * typography and the changes it made. The rules see only a run's text, so the same run gives the same.
 */
export interface TypographyMemo {
  /** A key for the runs of a file's current text (undefined: not kept, as for book.yaml's blurb). */
  fileKey(file: string): string | undefined;
  get(key: string): TypesetRun | undefined;
  put(key: string, run: TypesetRun): void;
}

export interface TypesetRun {
  /** Each text node's value and source map, in order. */
  nodes: [string, number[] | undefined][];
  changes: Message[];
}

/** The memo's key for a run, or undefined when it is not kept. */
function runKey(pieces: Piece[], memo: TypographyMemo): string | undefined {
  const first = pieces.find((p): p is Segment => typeof p !== 'string');
  const file = first && memo.fileKey(first.node.pos.file);
  if (file === undefined) return undefined;
  const h = crypto.createHash('sha1').update(file);
  for (const p of pieces) {
    if (typeof p === 'string') h.update(p === OPAQUE ? '\u0001' : `\u0002${p}`);
    else {
      const n = p.node;
      h.update(`\u0003${n.pos.file}\u0004${n.pos.start.offset}\u0004${n.sourceMap?.join(',') ?? ''}\u0004`);
      h.update(n.value);
    }
  }
  return h.digest('base64');
}

export function typesetRun(
  inlines: Inline[],
  rules: { rule: TypographyRule; run: (text: string) => Edit[] }[],
  options: TypographyOptions,
  out: Message[],
  memo?: TypographyMemo,
): void {
  const pieces: Piece[] = [];
  flatten(inlines, pieces);
  if (!pieces.some((p) => typeof p !== 'string')) return;
  const key = memo && runKey(pieces, memo);
  const segments = key === undefined ? [] : pieces.filter((p): p is Segment => typeof p !== 'string');
  if (key !== undefined) {
    const done = memo!.get(key);
    if (done && done.nodes.length === segments.length) {
      segments.forEach((seg, i) => {
        const [value, sourceMap] = done.nodes[i];
        seg.node.value = value;
        if (sourceMap) seg.node.sourceMap = sourceMap;
      });
      out.push(...done.changes);
      return;
    }
  }
  const made: Message[] = [];
  typesetPieces(pieces, rules, options, made);
  if (key !== undefined)
    memo!.put(
      key,
      structuredClone({ nodes: segments.map((seg) => [seg.node.value, seg.node.sourceMap]), changes: made }),
    );
  out.push(...made);
}

function typesetPieces(
  pieces: Piece[],
  rules: { rule: TypographyRule; run: (text: string) => Edit[] }[],
  options: TypographyOptions,
  out: Message[],
): void {
  const run = new Run(pieces);
  for (const { rule, run: propose } of rules) {
    const text = run.text();
    const edits = propose(text);
    if (edits.length) out.push(...run.apply(rule.id, edits, text, options));
  }
}

export function prepareRules(options: TypographyOptions): { rule: TypographyRule; run: (text: string) => Edit[] }[] {
  const quotesForBook = quoteSet(options.language);
  return RULES.filter((r) => options.rules?.[r.id] !== false).map((rule) => ({
    rule,
    run: rule.create({ language: options.language, quotes: quotesForBook, option: options.rules?.[rule.id] ?? true }),
  }));
}

function verbatimFree(blocks: Block[]): Block[] {
  return blocks.filter((b) => !('verbatim' in b && b.verbatim));
}

/** Sets the whole book's type in place and returns every change made. */
export function typeset(book: Book, options: TypographyOptions, memo?: TypographyMemo): Message[] {
  const rules = prepareRules(options);
  const changes: Message[] = [];
  for (const chapter of book.chapters) {
    if (chapter.verbatim) continue;
    typesetRun(chapter.title, rules, options, changes, memo);
    for (const run of inlineRuns(verbatimFree(chapter.blocks))) typesetRun(run, rules, options, changes, memo);
  }
  for (const run of inlineRuns(book.coverDesign?.blurb ?? [])) typesetRun(run, rules, options, changes);
  return changes;
}
