/**
 * Markdown (CommonMark, via markdown-it) into model blocks. Every node keeps its place in the source:
 * markdown-it gives block line ranges; inline positions are recovered by finding each text token in the
 * block's source lines.
 */
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';

import type { Token } from 'markdown-it';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { sourceOffset, type Block, type Inline, type Note, type TableCell } from '../model/book.js';

type TextNode = Extract<Inline, { type: 'text' }>;
import type { LineIndex, Span } from '../model/position.js';
import {
  DROPPED_EMPTY,
  DROPPED_WITH_CONTENT,
  htmlToBlocks,
  inlineTagKind,
  isKnownTag,
  parseTag,
  reportBadLink,
  reportDroppedTag,
  reportStruck,
  reportUnsafeAttributes,
  STRUCK,
  trimInlines,
} from './html.js';
import { alignFrom } from './align.js';
import { checkLink } from './urls.js';

// Notes as pandoc and GitHub write them: `[^1]` or `[^label]` with a definition anywhere in the file (several
// paragraphs indented under it), and pandoc's inline `^[…]`.
const md = new MarkdownIt('commonmark', { html: true }).use(footnote);
// GitHub's pipe tables, and its ~~strike-through~~ (read so that it is not left as literal tildes).
md.enable(['table', 'strikethrough']);
// Writers indent paragraphs with a tab or four spaces (Word does it for them): in a manuscript that is an
// indent, not a code block. Code stays possible in fences (```).
md.disable('code');
// markdown-it silently leaves links with schemes it distrusts (file:, javascript:, data:) as literal text;
// we want to see every address so that our own checks can refuse it with a message.
md.validateLink = () => true;

export interface ParseContext {
  file: string;
  /** Index of the whole file (front matter included), for positions. */
  lines: LineIndex;
  /** Lines before the parsed body (the front matter). */
  bodyLine: number;
  diagnostics: Diagnostics;
}

export function parseMarkdown(body: string, ctx: ParseContext): Block[] {
  const env: FootnoteEnv = {};
  const tokens = md.parse(body, env);
  // markdown-it-footnote gathers the definitions after the text, in the order of their first reference.
  const tail = tokens.findIndex((t) => t.type === 'footnote_block_open');
  const notes = new NoteTable(env);
  const blocks = new BlockWalker(tail >= 0 ? tokens.slice(0, tail) : tokens, ctx, notes).blocks(() => false);
  if (tail >= 0) readDefinitions(tokens.slice(tail), ctx, notes);
  reportUnusedDefinitions(body, env, ctx);
  return blocks;
}

/** What markdown-it-footnote leaves in the parse's environment. */
interface FootnoteEnv {
  [key: string | symbol]: unknown;
  footnotes?: {
    /** `:label` → index in `list`, or -1 for a definition never referenced. */
    refs?: Record<string, number>;
    list?: { label?: string; count?: number; content?: string; tokens?: Token[] }[];
  };
}

/** The file's notes by markdown-it-footnote's index: one model note each, however often it is referenced. */
class NoteTable {
  private readonly notes = new Map<number, Note>();
  private readonly referenced = new Set<number>();
  constructor(readonly env: FootnoteEnv) {}

  /** The note of index `id`, and whether a reference to it came before. */
  ref(id: number, pos: Span): { note: Note; again: boolean } {
    let note = this.notes.get(id);
    if (!note) {
      note = { kind: 'footnote', id: '', marker: '', blocks: [], pos };
      this.notes.set(id, note);
    }
    const again = this.referenced.has(id);
    this.referenced.add(id);
    return { note, again };
  }

  get(id: number): Note | undefined {
    return this.notes.get(id);
  }
}

/** Fills each referenced note with the blocks of its definition (`[^1]: …` and what is indented under it). */
function readDefinitions(tokens: Token[], ctx: ParseContext, notes: NoteTable): void {
  const list = notes.env.footnotes?.list ?? [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'footnote_open') continue;
    const id = Number(tokens[i].meta?.id);
    let end = i + 1;
    while (end < tokens.length && tokens[end].type !== 'footnote_close') end++;
    const note = notes.get(id);
    // Inline notes (`^[…]`) were read at their reference, where their place is known.
    if (note && !list[id]?.tokens) {
      const body = tokens.slice(i + 1, end).filter((t) => t.type !== 'footnote_anchor');
      note.blocks = new BlockWalker(body, ctx, notes).blocks(() => false);
      const label = list[id]?.label;
      note.pos = (label !== undefined && definitionSpan(label, ctx)) || note.blocks[0]?.pos || note.pos;
    }
    i = end;
  }
}

/** Where `[^label]:` is written in the file. */
function definitionSpan(label: string, ctx: ParseContext): Span | undefined {
  const mark = `[^${label}]:`;
  const { lines } = ctx;
  for (let line = ctx.bodyLine + 1; line <= lines.lineCount; line++) {
    const col = lines.lineText(line).indexOf(mark);
    if (col >= 0) {
      const at = lines.lineStart(line) + col;
      return lines.span(ctx.file, at, at + mark.length);
    }
  }
  return undefined;
}

function reportUnusedDefinitions(body: string, env: FootnoteEnv, ctx: ParseContext): void {
  for (const [key, id] of Object.entries(env.footnotes?.refs ?? {})) {
    if (id >= 0) continue;
    const label = key.slice(1);
    const pos = definitionSpan(label, ctx);
    if (!pos && !body.includes(`[^${label}]:`)) continue;
    ctx.diagnostics.warn({
      rule: 'note-unused',
      message: `the note [^${label}] is defined but nothing refers to it: it is left out`,
      file: ctx.file,
      start: pos?.start,
      end: pos?.end,
      hint: `Put [^${label}] after the word the note is about, or delete the definition.`,
    });
  }
}

const OFF = /^\s*<!--\s*octavo-off\s*-->\s*$/i;
const ON = /^\s*<!--\s*octavo-on\s*-->\s*$/i;

class BlockWalker {
  private i = 0;
  /** Inside `<!-- octavo-off -->` … `<!-- octavo-on -->`: typography leaves the text as written. */
  private verbatim = false;
  constructor(
    private readonly tokens: Token[],
    private readonly ctx: ParseContext,
    private readonly notes: NoteTable,
  ) {}

  private inlines(token: Token, fromColumn = 0): Inline[] {
    return trimInlines(InlineWalker.of(token, this.ctx, this.notes, fromColumn).run());
  }

  /** A pipe table, from after its `table_open` to past its `table_close`: header cells, alignment, places. */
  private table(pos: Span): Block {
    const rows: TableCell[][] = [];
    let head = false;
    let row: TableCell[] = [];
    let column = 0;
    // markdown-it gives rows their lines, not the cells' inline tokens.
    let rowLine = 0;
    while (this.i < this.tokens.length && this.tokens[this.i].type !== 'table_close') {
      const t = this.tokens[this.i++];
      if (t.type === 'thead_open') head = true;
      else if (t.type === 'thead_close') head = false;
      else if (t.type === 'tr_open') {
        row = [];
        column = 0;
        rowLine = t.map?.[0] ?? rowLine;
      } else if (t.type === 'tr_close') rows.push(row);
      else if (t.type === 'th_open' || t.type === 'td_open') {
        const inline = this.tokens[this.i];
        if (inline?.type !== 'inline') continue;
        this.i += 2; // the inline and th_close / td_close
        const align = /text-align:\s*(left|center|right)/.exec(String(t.attrGet('style') ?? ''))?.[1] as
          | TableCell['align']
          | undefined;
        inline.map ??= [rowLine, rowLine + 1];
        const line = this.ctx.bodyLine + inline.map[0] + 1;
        const source = this.ctx.lines.lineText(line);
        const at = inline.content ? source.indexOf(inline.content, column) : -1;
        const start = this.ctx.lines.lineStart(line) + (at >= 0 ? at : column);
        if (at >= 0) column = at + inline.content.length;
        row.push({
          children: this.inlines(inline, at >= 0 ? at : column),
          header: head || t.type === 'th_open',
          ...(align ? { align } : {}),
          pos: this.ctx.lines.span(this.ctx.file, start, start + inline.content.length),
        });
      }
    }
    this.i++; // table_close
    return { type: 'table', rows, caption: [], pos };
  }

  private lineSpan(map: [number, number] | null | undefined): Span {
    const { lines, file, bodyLine } = this.ctx;
    if (!map) return lines.span(file, 0, 0);
    const first = bodyLine + map[0] + 1;
    const last = Math.max(first, bodyLine + map[1]);
    return lines.span(file, lines.lineStart(first), lines.lineStart(last) + lines.lineText(last).length);
  }

  blocks(stop: (t: Token) => boolean): Block[] {
    const out: Block[] = [];
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      if (stop(t)) {
        this.i++;
        return out;
      }
      this.i++;
      const pos = this.lineSpan(t.map);
      switch (t.type) {
        case 'paragraph_open': {
          const inline = this.tokens[this.i++];
          this.i++; // paragraph_close
          const children = this.inlines(inline);
          if (children.length === 1 && children[0].type === 'image') {
            const img = children[0];
            out.push({ type: 'figure', asset: img.asset, alt: img.alt, caption: [], pos });
          } else if (children.length)
            out.push({ type: 'paragraph', children, pos, ...(this.verbatim ? { verbatim: true } : {}) });
          break;
        }
        case 'heading_open': {
          const inline = this.tokens[this.i++];
          this.i++; // heading_close
          out.push({
            type: 'heading',
            level: Number(t.tag.slice(1)),
            children: this.inlines(inline),
            pos,
            ...(this.verbatim ? { verbatim: true } : {}),
          });
          break;
        }
        case 'hr':
          out.push({ type: 'sceneBreak', pos });
          break;
        case 'table_open':
          out.push(this.table(pos));
          break;
        case 'blockquote_open':
          out.push({ type: 'blockQuote', children: this.blocks((x) => x.type === 'blockquote_close'), pos });
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const ordered = t.type === 'ordered_list_open';
          const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
          const items: Block[][] = [];
          const numbers: number[] = [];
          while (this.i < this.tokens.length && this.tokens[this.i].type !== close) {
            if (this.tokens[this.i].type === 'list_item_open') {
              // CommonMark keeps only the first number; the writer's own numbers are kept (`1825.`, `1832.`).
              const typed = Number.parseInt(this.tokens[this.i].info, 10);
              numbers.push(
                ordered && Number.isFinite(typed) ? typed : numbers.length ? numbers[numbers.length - 1] + 1 : 1,
              );
              this.i++;
              items.push(this.blocks((x) => x.type === 'list_item_close'));
            } else this.i++;
          }
          this.i++;
          out.push({ type: 'list', ordered, numbers: ordered ? numbers : [], items, pos });
          break;
        }
        case 'fence':
          // `~~~` alone on a line is a scene break as writers type it, not a code fence: its "code" is story.
          if (t.markup.startsWith('~') && !t.info.trim() && t.map) {
            out.push({ type: 'sceneBreak', pos: this.lineSpan([t.map[0], t.map[0] + 1]) });
            out.push(...parseMarkdown(t.content, { ...this.ctx, bodyLine: this.ctx.bodyLine + t.map[0] + 1 }));
            const closing = this.ctx.lines.lineText(this.ctx.bodyLine + t.map[1]);
            if (t.map[1] - t.map[0] >= 2 && /^\s*~{3,}\s*$/.test(closing))
              out.push({ type: 'sceneBreak', pos: this.lineSpan([t.map[1] - 1, t.map[1]]) });
            break;
          }
          out.push({ type: 'preformatted', value: t.content.replace(/\n$/, ''), pos });
          break;
        case 'code_block':
          out.push({ type: 'preformatted', value: t.content.replace(/\n$/, ''), pos });
          break;
        case 'html_block': {
          if (OFF.test(t.content)) this.verbatim = true;
          else if (ON.test(t.content)) this.verbatim = false;
          if (/^\s*<!--[\s\S]*-->\s*$/.test(t.content)) break;
          out.push(
            ...htmlToBlocks(t.content, {
              file: this.ctx.file,
              lines: this.ctx.lines,
              base: pos.start.offset + leadingOffset(this.ctx.lines, pos, t.content),
              diagnostics: this.ctx.diagnostics,
            }),
          );
          break;
        }
        default:
          break;
      }
    }
    return out;
  }
}

function leadingOffset(lines: LineIndex, pos: Span, content: string): number {
  const firstLine = lines.lineText(pos.start.line);
  const found = firstLine.indexOf(content.split('\n')[0]);
  return Math.max(found, 0);
}

interface Frame {
  kind: 'root' | 'emphasis' | 'strong' | 'superscript' | 'subscript' | 'smallCaps' | 'link' | 'unwrap' | 'drop';
  tag?: string;
  href?: string;
  children: Inline[];
  pos: Span;
}

/** Walks one inline token's children, keeping a cursor into its source text for positions. */
class InlineWalker {
  private cursor = 0;
  private readonly stack: Frame[];

  /** `toSource`: the file offset of each index of `content`. */
  constructor(
    private readonly children: Token[],
    private readonly content: string,
    private readonly ctx: ParseContext,
    private readonly notes: NoteTable,
    private readonly toSource: (k: number) => number,
  ) {
    this.stack = [{ kind: 'root', children: [], pos: this.spanAt(0, 0) }];
  }

  /** A walker for a block's inline token: its content's lines found in the block's source lines. */
  static of(token: Token, ctx: ParseContext, notes: NoteTable, fromColumn = 0): InlineWalker {
    const { lines, bodyLine } = ctx;
    const first = bodyLine + (token.map?.[0] ?? 0) + 1;
    const contentStarts: number[] = [];
    const sourceStarts: number[] = [];
    let at = 0;
    token.content.split('\n').forEach((text, k) => {
      const line = first + k;
      const src = lines.lineText(line);
      const col = text ? src.indexOf(text, k === 0 ? fromColumn : 0) : -1;
      contentStarts.push(at);
      sourceStarts.push(lines.lineStart(line) + (col >= 0 ? col : src.length - src.trimStart().length));
      at += text.length + 1;
    });
    const toSource = (k: number): number => {
      let lo = 0;
      let hi = contentStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (contentStarts[mid] <= k) lo = mid;
        else hi = mid - 1;
      }
      return sourceStarts[lo] + (k - contentStarts[lo]);
    };
    return new InlineWalker(token.children ?? [], token.content, ctx, notes, toSource);
  }

  private spanAt(start: number, end: number): Span {
    return this.ctx.lines.span(this.ctx.file, this.toSource(start), this.toSource(end));
  }

  /** Finds `text` at or after the cursor and moves past it; falls back to the cursor (escapes, entities). */
  private locate(text: string, advance = true): Span {
    const found = text ? this.content.indexOf(text, this.cursor) : -1;
    const start = found >= 0 ? found : this.cursor;
    const end = found >= 0 ? found + text.length : this.cursor;
    if (advance) this.cursor = found >= 0 ? end : this.cursor;
    return this.spanAt(start, end);
  }

  /**
   * A text token at its place: the source's characters that spell it (through backslash escapes and
   * character references), with a source map where the two differ.
   */
  private text(value: string): Inline {
    const found = alignFrom(value, this.content, this.cursor, { escapes: true });
    if (!found) return { type: 'text', value, pos: this.spanAt(this.cursor, this.cursor) };
    this.cursor = found.end;
    const pos = this.spanAt(found.start, found.end);
    if (found.contiguous) return { type: 'text', value, pos };
    const sourceMap: number[] = [];
    for (let k = 0; k < found.map.length; k += 2) sourceMap.push(found.map[k], this.toSource(found.map[k + 1]));
    return { type: 'text', value, pos, sourceMap };
  }

  /** Moves the cursor past a bracketed stretch that starts at it (`[alt]`), brackets nested, escapes skipped. */
  private skipBracketed(open: string, close: string): void {
    const c = this.content;
    if (c[this.cursor] !== open) return;
    let depth = 0;
    for (let k = this.cursor; k < c.length; k++) {
      if (c[k] === '\\') k++;
      else if (c[k] === open) depth++;
      else if (c[k] === close && --depth === 0) {
        this.cursor = k + 1;
        return;
      }
    }
  }

  /** After a link's text: past `](address "title")` or `][label]`, so that no later text is looked for inside. */
  private skipDestination(): void {
    const c = this.content;
    let k = this.cursor;
    // Emphasis closing inside the link's text leaves its markers before the bracket.
    while (k < c.length && '*_`'.includes(c[k])) k++;
    if (c[k] !== ']') return;
    this.cursor = k + 1;
    if (c[this.cursor] === '(') this.skipBracketed('(', ')');
    else if (c[this.cursor] === '[') this.skipBracketed('[', ']');
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  private push(node: Inline): void {
    this.top.children.push(node);
  }

  private open(frame: Omit<Frame, 'children'>): void {
    this.stack.push({ ...frame, children: [] });
  }

  private close(match: (f: Frame) => boolean): void {
    let idx = this.stack.length - 1;
    while (idx > 0 && !match(this.stack[idx])) idx--;
    if (idx === 0) return;
    while (this.stack.length > idx) this.fold();
  }

  /** Pops the top frame into its parent as the node it stands for. */
  private fold(): void {
    const f = this.stack.pop()!;
    switch (f.kind) {
      case 'drop':
        return;
      case 'unwrap':
        this.top.children.push(...f.children);
        return;
      case 'link':
        this.push({ type: 'link', href: f.href!, children: f.children, pos: f.pos });
        return;
      case 'root':
        return;
      default:
        this.push({ type: f.kind, children: f.children, pos: f.pos });
    }
  }

  run(): Inline[] {
    for (const t of this.children) this.visit(t);
    while (this.stack.length > 1) this.fold();
    return mergeText(this.stack[0].children);
  }

  private visit(t: Token): void {
    switch (t.type) {
      case 'text':
        if (t.content) {
          const node = this.text(t.content);
          this.push(node);
          this.reportUndefinedRefs(node);
        }
        break;
      case 'footnote_ref':
        this.noteRef(t);
        break;
      case 'softbreak': {
        const pos = this.locate('\n');
        this.push({ type: 'text', value: ' ', pos });
        break;
      }
      case 'hardbreak':
        this.push({ type: 'lineBreak', pos: this.locate('\n') });
        break;
      case 'code_inline':
        this.push({ type: 'code', value: t.content, pos: this.locate(t.content) });
        break;
      case 'em_open':
        this.open({ kind: 'emphasis', tag: 'md-em', pos: this.locate(t.markup, false) });
        break;
      case 'strong_open':
        this.open({ kind: 'strong', tag: 'md-strong', pos: this.locate(t.markup, false) });
        break;
      case 's_open': {
        const pos = this.locate(t.markup, false);
        reportStruck(this.ctx.diagnostics, pos);
        this.open({ kind: 'unwrap', tag: 'md-s', pos });
        break;
      }
      case 's_close':
        this.close((f) => f.tag === 'md-s');
        break;
      case 'em_close':
        this.close((f) => f.tag === 'md-em');
        break;
      case 'strong_close':
        this.close((f) => f.tag === 'md-strong');
        break;
      case 'link_open': {
        const pos = this.locate('[', false);
        const verdict = checkLink(String(t.attrGet('href') ?? ''));
        if (verdict.ok) this.open({ kind: 'link', tag: 'md-link', href: verdict.href, pos });
        else {
          reportBadLink(verdict, this.ctx.diagnostics, pos);
          this.open({ kind: 'unwrap', tag: 'md-link', pos });
        }
        break;
      }
      case 'link_close':
        this.close((f) => f.tag === 'md-link');
        if (t.markup !== 'autolink') this.skipDestination();
        break;
      case 'image': {
        const src = String(t.attrGet('src') ?? '');
        const pos = this.locate('![', false);
        this.push({ type: 'image', asset: src, alt: t.content, pos });
        // Past the alternative text and the address: nothing in them is the paragraph's text.
        const at = this.content.indexOf('![', this.cursor);
        if (at >= 0) {
          this.cursor = at + 1;
          this.skipBracketed('[', ']');
          this.skipDestination();
        }
        break;
      }
      case 'html_inline':
        this.html(t.content);
        break;
      default:
        break;
    }
  }

  /** `[^label]` (a reference to a definition) or `^[…]` (a note written where it belongs). */
  private noteRef(t: Token): void {
    const id = Number(t.meta?.id);
    const label = t.meta?.label as string | undefined;
    if (label !== undefined) {
      const pos = this.locate(`[^${label}]`);
      const { note, again } = this.notes.ref(id, pos);
      this.push({ type: 'noteRef', note, pos, ...(again ? { again: true } : {}) });
      return;
    }
    const entry = this.notes.env.footnotes?.list?.[id];
    const content = entry?.content ?? '';
    const found = this.content.indexOf(`^[${content}]`, this.cursor);
    const at = found >= 0 ? found : this.cursor;
    const pos = this.spanAt(at, at + content.length + 3);
    const base = at + 2;
    const inner = new InlineWalker(entry?.tokens ?? [], content, this.ctx, this.notes, (k) => this.toSource(base + k));
    const children = trimInlines(inner.run());
    const { note } = this.notes.ref(id, pos);
    note.blocks = children.length ? [{ type: 'paragraph', children, pos }] : [];
    if (found >= 0) this.cursor = at + content.length + 3;
    this.push({ type: 'noteRef', note, pos });
  }

  /** A `[^label]` left as text: its definition is missing (or misspelt). */
  private reportUndefinedRefs(node: Inline): void {
    if (node.type !== 'text' || !node.value.includes('[^')) return;
    for (const m of node.value.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
      const at = sourceOffset(node, m.index);
      const pos = this.ctx.lines.span(this.ctx.file, at, at + m[0].length);
      this.ctx.diagnostics.warn({
        rule: 'note-undefined',
        message: `the note reference ${m[0]} has no definition in this file: it is printed as written`,
        file: pos.file,
        start: pos.start,
        end: pos.end,
        hint: `Add the note's text on a line of its own: ${m[0]}: The note.`,
      });
    }
  }

  private html(raw: string): void {
    if (raw.startsWith('<!--') || raw.startsWith('<?') || raw.startsWith('<!')) return;
    const pos = this.locate(raw);
    const tag = parseTag(raw);
    if (!tag) return;
    if (tag.closing) {
      this.close((f) => f.tag === tag.name);
      return;
    }
    reportUnsafeAttributes(tag.name, tag.attribs, this.ctx.diagnostics, pos);
    if (DROPPED_WITH_CONTENT.has(tag.name)) {
      reportDroppedTag(tag.name, this.ctx.diagnostics, pos);
      if (!tag.selfClosing) this.open({ kind: 'drop', tag: tag.name, pos });
      return;
    }
    if (DROPPED_EMPTY.has(tag.name)) {
      reportDroppedTag(tag.name, this.ctx.diagnostics, pos);
      return;
    }
    if (tag.name === 'br') {
      this.push({ type: 'lineBreak', pos });
      return;
    }
    if (tag.name === 'img') {
      if (tag.attribs.src) this.push({ type: 'image', asset: tag.attribs.src, alt: tag.attribs.alt ?? '', pos });
      return;
    }
    const kind = inlineTagKind(tag.name, tag.attribs);
    if (STRUCK.has(tag.name)) reportStruck(this.ctx.diagnostics, pos);
    if (!kind && !isKnownTag(tag.name)) reportDroppedTag(tag.name, this.ctx.diagnostics, pos);
    if (tag.selfClosing) return;
    if (kind === 'link') {
      const verdict = checkLink(tag.attribs.href ?? '');
      if (verdict.ok) this.open({ kind: 'link', tag: tag.name, href: verdict.href, pos });
      else {
        reportBadLink(verdict, this.ctx.diagnostics, pos);
        this.open({ kind: 'unwrap', tag: tag.name, pos });
      }
      return;
    }
    this.open({ kind: kind ?? 'unwrap', tag: tag.name, pos });
  }
}

/** Joins adjacent text nodes that continue each other in the source (markdown-it splits at markers). */
function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (
      node.type === 'text' &&
      prev?.type === 'text' &&
      prev.pos.end.offset === node.pos.start.offset &&
      node.value !== ' ' &&
      prev.value !== ' '
    ) {
      const merged = { ...prev, value: prev.value + node.value, pos: { ...prev.pos, end: node.pos.end } };
      if (prev.sourceMap || node.sourceMap) merged.sourceMap = joinSourceMaps(prev, node);
      out[out.length - 1] = merged;
    } else out.push(node);
  }
  return out;
}

/** The source map of two text nodes joined: the second's pairs after the first's text. */
function joinSourceMaps(a: TextNode, b: TextNode): number[] {
  const first = a.sourceMap ?? [0, a.pos.start.offset];
  const second = b.sourceMap ?? [0, b.pos.start.offset];
  const out = [...first];
  for (let k = 0; k < second.length; k += 2) out.push(second[k] + a.value.length, second[k + 1]);
  return out;
}
