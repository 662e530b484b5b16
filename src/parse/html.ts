/**
 * Raw HTML in a manuscript, reduced to a safe subset expressed in the model. Anything that could run
 * code or fetch something (scripts, frames, forms, event handlers, javascript: and data: URLs) is dropped
 * with a warning; harmless unknown tags are unwrapped (their text kept).
 */
import { parseDocument } from 'htmlparser2';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { type: 'tag' | 'script' | 'style'; attribs: Record<string, string> }>;
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { textRuns, type Alignment, type Block, type Inline, type Note, type TableCell } from '../model/book.js';
import { findHtmlNotes, textOf, type HtmlNotes } from './html-notes.js';
import { alignAt } from './align.js';
import { decodeEntities } from '../model/entities.js';
import type { LineIndex, Span } from '../model/position.js';
import { checkLink, type UrlVerdict } from './urls.js';

/** Tags whose content is dropped with them. */
export const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'applet',
  'form',
  'textarea',
  'select',
  'template',
  'noscript',
  'svg',
  'math',
  'frameset',
  'frame',
  'audio',
  'video',
  'canvas',
  'title',
  'head',
]);
/** Void or empty tags that are dropped silently apart from the warning. */
export const DROPPED_EMPTY = new Set([
  'input',
  'button',
  'link',
  'meta',
  'base',
  'source',
  'track',
  'param',
  'wbr',
  'col',
  'area',
  'keygen',
]);

export type InlineTag = 'emphasis' | 'strong' | 'superscript' | 'subscript' | 'smallCaps' | 'link' | 'unwrap';

const INLINE_TAGS: Record<string, InlineTag> = {
  em: 'emphasis',
  i: 'emphasis',
  cite: 'emphasis',
  dfn: 'emphasis',
  var: 'emphasis',
  strong: 'strong',
  b: 'strong',
  sup: 'superscript',
  sub: 'subscript',
  a: 'link',
  span: 'unwrap',
  u: 'unwrap',
  s: 'unwrap',
  del: 'unwrap',
  strike: 'unwrap',
  ins: 'unwrap',
  mark: 'unwrap',
  small: 'unwrap',
  big: 'unwrap',
  abbr: 'unwrap',
  acronym: 'unwrap',
  q: 'unwrap',
  code: 'unwrap',
  kbd: 'unwrap',
  samp: 'unwrap',
  tt: 'unwrap',
  font: 'unwrap',
  bdi: 'unwrap',
  bdo: 'unwrap',
  time: 'unwrap',
  label: 'unwrap',
  nobr: 'unwrap',
};

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'center',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'blockquote',
  'ul',
  'ol',
  'li',
  'pre',
  'br',
  'img',
  'figure',
  'figcaption',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'address',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'dl',
  'dt',
  'dd',
  'body',
  'html',
]);

/** Struck-through text: the book has no strike, so the text is set plain, with a warning. */
export const STRUCK = new Set(['s', 'del', 'strike']);

export function reportStruck(diagnostics: Diagnostics, pos: Span): void {
  diagnostics.warn({
    rule: 'unsupported',
    message: 'struck-through text is set as ordinary text (the book has no strike-through)',
    file: pos.file,
    start: pos.start,
    end: pos.end,
    hint: 'If the strike is the joke, say it in words or with an em dash; if the text is deleted, delete it.',
  });
}

export function isKnownTag(tag: string): boolean {
  return tag in INLINE_TAGS || BLOCK_TAGS.has(tag) || DROPPED_WITH_CONTENT.has(tag) || DROPPED_EMPTY.has(tag);
}

export function inlineTagKind(tag: string, attribs: Record<string, string>): InlineTag | undefined {
  const kind = INLINE_TAGS[tag];
  if (kind === 'unwrap' && tag === 'span' && isSmallCaps(attribs)) return 'smallCaps';
  return kind;
}

function isSmallCaps(attribs: Record<string, string>): boolean {
  return /\bsmall-?caps\b/i.test(attribs.class ?? '') || /font-variant\s*:\s*small-caps/i.test(attribs.style ?? '');
}

export function alignmentOf(tag: string, attribs: Record<string, string>): Alignment | undefined {
  if (tag === 'center') return 'center';
  const value = (attribs.align ?? /text-align\s*:\s*(\w+)/i.exec(attribs.style ?? '')?.[1] ?? '').toLowerCase();
  return value === 'center' || value === 'right' ? value : undefined;
}

/** Parses a tag as markdown-it hands it over (`<em>`, `</a>`, `<br/>`, `<!-- x -->`). */
export function parseTag(
  html: string,
): { name: string; closing: boolean; selfClosing: boolean; attribs: Record<string, string> } | undefined {
  const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)([\s\S]*?)(\/?)>$/.exec(html.trim());
  if (!m) return undefined;
  const attribs: Record<string, string> = {};
  const attrRe = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let a = attrRe.exec(m[3]); a; a = attrRe.exec(m[3]))
    attribs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
  return { name: m[2].toLowerCase(), closing: m[1] === '/', selfClosing: m[4] === '/', attribs };
}

/** Warnings for attributes that a safe book never needs: event handlers. */
export function reportUnsafeAttributes(
  tag: string,
  attribs: Record<string, string>,
  diagnostics: Diagnostics,
  pos: Span,
): void {
  for (const name of Object.keys(attribs)) {
    if (name.startsWith('on')) {
      diagnostics.warn({
        rule: 'unsafe-html',
        message: `removed the event handler ${name}= from <${tag}>: a book must not run scripts`,
        file: pos.file,
        start: pos.start,
        end: pos.end,
      });
    }
  }
}

/** What Octavo cannot set but is no danger: left out with an `unsupported` warning that says what to do. */
const UNSET: Record<string, string> = {
  math: 'a formula (MathML) is not set in either edition: it is left out; write it as text or put it in an image',
  svg: 'an inline SVG drawing is not set: it is left out; save it as a PNG and put it in as an image',
};

export function reportDroppedTag(tag: string, diagnostics: Diagnostics, pos: Span): void {
  if (UNSET[tag]) {
    diagnostics.warn({ rule: 'unsupported', message: UNSET[tag], file: pos.file, start: pos.start, end: pos.end });
    return;
  }
  const dangerous = DROPPED_WITH_CONTENT.has(tag) || DROPPED_EMPTY.has(tag);
  diagnostics.warn({
    rule: 'unsafe-html',
    message: dangerous
      ? `removed <${tag}>${DROPPED_WITH_CONTENT.has(tag) ? ' and its content' : ''}: it is not allowed in a book`
      : `removed the unsupported tag <${tag}> (its text is kept)`,
    file: pos.file,
    start: pos.start,
    end: pos.end,
    hint: dangerous
      ? 'E-readers would render it as a web page; Octavo keeps books free of scripts, frames and forms.'
      : undefined,
  });
}

export interface HtmlContext {
  file: string;
  lines: LineIndex;
  /** Offset of the HTML fragment in the file. */
  base: number;
  diagnostics: Diagnostics;
  /** Receives every image source found, to be resolved by the reader. */
  onImage?(src: string, pos: Span): void;
  /** The notes of the whole document, when the nodes converted are a part of it (found in the nodes else). */
  notes?: HtmlNoteState;
  /** Classes the source's style sheets set in italic or bold (an EPUB's `calibre7`): read as emphasis. */
  classStyles?: ReadonlyMap<string, 'emphasis' | 'strong'>;
}

/** A document's notes, and the notes made so far from them (one note for all its references). */
export interface HtmlNoteState {
  index: HtmlNotes;
  made: Map<Element, Note>;
}

/** Finds the notes of a whole parsed document, to convert it a part at a time. */
export function htmlNotes(nodes: ChildNode[]): HtmlNoteState {
  return { index: findHtmlNotes(nodes), made: new Map() };
}

/** Parses HTML keeping every node's offsets, for positions in the file. */
export function parseHtml(html: string): ReturnType<typeof parseDocument> {
  const doc = parseDocument(html, {
    withStartIndices: true,
    withEndIndices: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    decodeEntities: true,
  });
  capDepth(doc);
  return doc;
}

/** Elements kept nested; below this depth an element's descendants become its text, in order. */
const MAX_DOM_DEPTH = 48;

/**
 * Bounds the document's depth, without recursion, before anything walks it: an element at the limit keeps
 * only its descendant text nodes (100,000 nested <em> or <div> in a pasted page are text, not structure).
 */
function capDepth(doc: ReturnType<typeof parseDocument>): void {
  const stack: [Element | ReturnType<typeof parseDocument>, number][] = [[doc, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== 'tag' && child.type !== 'script' && child.type !== 'style') continue;
      const el = child as Element;
      if (depth + 1 < MAX_DOM_DEPTH) {
        stack.push([el, depth + 1]);
        continue;
      }
      const texts: ChildNode[] = [];
      const todo: ChildNode[] = [...el.children].reverse();
      while (todo.length) {
        const n = todo.pop()!;
        if (n.type === 'text') texts.push(n);
        else if ('children' in n)
          for (let j = n.children.length - 1; j >= 0; j--) todo.push(n.children[j] as ChildNode);
      }
      for (const t of texts) t.parent = el;
      el.children = texts;
    }
  }
}

/** Converts a raw HTML block into model blocks. */
export function htmlToBlocks(html: string, ctx: HtmlContext): Block[] {
  const nodes = parseHtml(html).children;
  return new HtmlConverter({ ...ctx, notes: ctx.notes ?? htmlNotes(nodes) }).blocks(nodes);
}

/** Converts nodes of a document parsed with `parseHtml` (offsets from `ctx.base`) into model blocks. */
export function htmlNodesToBlocks(nodes: ChildNode[], ctx: HtmlContext): Block[] {
  return new HtmlConverter({ ...ctx, notes: ctx.notes ?? htmlNotes(nodes) }).blocks(nodes);
}

export type { ChildNode as HtmlNode, Element as HtmlElement };

class HtmlConverter {
  private readonly notes: HtmlNoteState;

  constructor(private readonly ctx: HtmlContext & { notes: HtmlNoteState }) {
    this.notes = ctx.notes;
  }

  private hidden(node: ChildNode): boolean {
    return node.type === 'tag' && this.notes.index.hidden.has(node as Element);
  }

  /**
   * A reference to a note: the note made from its element the first time (its content converted where it
   * stands, its marker and back-links left out), a reference again after that.
   */
  private noteRef(el: Element, pos: Span): Inline | undefined {
    const ref = this.notes.index.refs.get(el);
    if (!ref) return undefined;
    const made = this.notes.made.get(ref.body);
    if (made) return { type: 'noteRef', note: made, again: true, pos };
    const note: Note = { kind: ref.kind, id: '', marker: '', blocks: [], pos: this.span(ref.body) };
    this.notes.made.set(ref.body, note);
    const blocks = this.blocks(ref.body.children);
    if (this.notes.index.marked.has(ref.body)) stripLeadingMark(blocks);
    note.blocks = blocks;
    return { type: 'noteRef', note, pos };
  }

  /** The emphasis an element's classes give it, by the source's style sheets (none on <em> and <strong>). */
  private styled(el: Element): 'emphasis' | 'strong' | undefined {
    const styles = this.ctx.classStyles;
    if (!styles?.size || !el.attribs.class) return undefined;
    let kind: 'emphasis' | 'strong' | undefined;
    for (const c of el.attribs.class.split(/\s+/)) kind = styles.get(c) ?? kind;
    const own = INLINE_TAGS[el.name];
    return own === kind ? undefined : kind;
  }

  /** A <sup> that only wraps a note's reference (the reference is raised by the book). */
  private soleRef(el: Element): Element | undefined {
    const tags = el.children.filter((c) => c.type !== 'text' || c.data.trim() !== '');
    const only = tags.length === 1 && tags[0].type === 'tag' ? (tags[0] as Element) : undefined;
    return only && this.notes.index.refs.has(only) ? only : undefined;
  }

  private span(node: ChildNode): Span {
    const start = this.ctx.base + (node.startIndex ?? 0);
    const end = this.ctx.base + (node.endIndex ?? node.startIndex ?? 0) + 1;
    return this.ctx.lines.span(this.ctx.file, start, Math.min(end, this.ctx.lines.text.length));
  }

  blocks(nodes: ChildNode[]): Block[] {
    const out: Block[] = [];
    let pending: Inline[] = [];
    let pendingPos: Span | undefined;
    const flush = () => {
      if (pending.some((n) => n.type !== 'text' || n.value.trim() !== ''))
        out.push({ type: 'paragraph', children: trimInlines(pending), pos: pendingPos! });
      pending = [];
      pendingPos = undefined;
    };
    for (const node of nodes) {
      if (this.hidden(node)) continue;
      if (
        node.type === 'text' ||
        (node.type === 'tag' &&
          !BLOCK_TAGS.has(node.name) &&
          !DROPPED_WITH_CONTENT.has(node.name) &&
          !DROPPED_EMPTY.has(node.name))
      ) {
        pendingPos ??= this.span(node);
        pending.push(...this.inlines([node]));
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      flush();
      out.push(...this.block(node as Element));
    }
    flush();
    return out;
  }

  private block(el: Element): Block[] {
    const pos = this.span(el);
    const tag = el.name;
    reportUnsafeAttributes(tag, el.attribs, this.ctx.diagnostics, pos);
    if (DROPPED_WITH_CONTENT.has(tag) || DROPPED_EMPTY.has(tag)) {
      reportDroppedTag(tag, this.ctx.diagnostics, pos);
      return [];
    }
    switch (tag) {
      case 'p':
      case 'div':
      case 'center':
      case 'address':
      case 'td':
      case 'th':
      case 'figcaption': {
        if (el.children.some((c) => c.type === 'tag' && BLOCK_TAGS.has(c.name) && c.name !== 'br' && c.name !== 'img'))
          return this.blocks(el.children);
        const align = alignmentOf(tag, el.attribs);
        const whole = this.styled(el);
        // Two line breaks in a row end a paragraph (a paste into an archive's editor: one <p>, <br><br>
        // between the paragraphs).
        return splitAtBlankLines(this.inlines(el.children))
          .map(trimBreaks)
          .filter((children) => children.length > 0)
          .map((inner, _k, all) => ({
            type: 'paragraph',
            children: whole ? [{ type: whole, children: inner, pos } as Inline] : inner,
            // One paragraph of several: from its first text to its last.
            pos: all.length > 1 ? { ...pos, start: inner[0].pos.start, end: inner[inner.length - 1].pos.end } : pos,
            ...(align ? { align } : {}),
          }));
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return [{ type: 'heading', level: Number(tag[1]), children: trimInlines(this.inlines(el.children)), pos }];
      case 'hr':
        return [{ type: 'sceneBreak', pos }];
      case 'br':
        return [];
      case 'blockquote':
        return [{ type: 'blockQuote', children: this.blocks(el.children), pos }];
      case 'ul':
      case 'ol': {
        const lis = el.children.filter((c): c is Element => c.type === 'tag' && c.name === 'li');
        // HTML numbering: from `start`, each item one more than the last unless it has a `value`.
        const numbers: number[] = [];
        let next = Number.parseInt(el.attribs.start ?? '', 10);
        if (!Number.isFinite(next)) next = 1;
        for (const li of lis) {
          const value = Number.parseInt(li.attribs.value ?? '', 10);
          if (Number.isFinite(value)) next = value;
          numbers.push(next++);
        }
        return [
          {
            type: 'list',
            ordered: tag === 'ol',
            numbers: tag === 'ol' ? numbers : [],
            items: lis.map((li) => this.blocks(li.children)),
            pos,
          },
        ];
      }
      case 'li':
        return this.blocks(el.children);
      case 'dl':
        return this.definitions(el, pos);
      case 'table':
        return [this.table(el, pos)];
      case 'pre':
        return [{ type: 'preformatted', value: textOf(el), pos }];
      case 'img': {
        const img = this.image(el, pos);
        return img ? [{ type: 'figure', asset: img.asset, alt: img.alt, caption: [], pos }] : [];
      }
      case 'figure': {
        const imgEl = findTag(el, 'img');
        const captionEl = findTag(el, 'figcaption');
        const img = imgEl ? this.image(imgEl, pos) : undefined;
        if (!img) return this.blocks(el.children.filter((c) => c !== captionEl));
        return [
          {
            type: 'figure',
            asset: img.asset,
            alt: img.alt,
            caption: captionEl ? trimInlines(this.inlines(captionEl.children)) : [],
            pos,
          },
        ];
      }
      default:
        return this.blocks(el.children);
    }
  }

  /**
   * A table: its rows from the table itself and its thead, tbody and tfoot, header cells (`th`, and every
   * cell of a thead), spans and alignment; a cell's paragraphs joined by line breaks; the caption. A table
   * inside a cell is read as its text.
   */
  private table(el: Element, pos: Span): Block {
    const rows: TableCell[][] = [];
    let caption: Inline[] = [];
    const tags = (node: Element) => node.children.filter((c): c is Element => c.type === 'tag');
    const row = (tr: Element, head: boolean) => {
      const cells = tags(tr)
        .filter((c) => c.name === 'td' || c.name === 'th')
        .map((c): TableCell => {
          const colSpan = Number.parseInt(c.attribs.colspan ?? '', 10);
          const rowSpan = Number.parseInt(c.attribs.rowspan ?? '', 10);
          const align = alignmentOf(c.name, c.attribs) ?? (/^left$/i.test(c.attribs.align ?? '') ? 'left' : undefined);
          return {
            children: this.cellInlines(c),
            header: head || c.name === 'th',
            ...(align ? { align } : {}),
            ...(colSpan > 1 ? { colSpan: Math.min(colSpan, 100) } : {}),
            ...(rowSpan > 1 ? { rowSpan: Math.min(rowSpan, 1000) } : {}),
            pos: this.span(c),
          };
        });
      if (cells.length) rows.push(cells);
    };
    const sections = tags(el);
    // The head first, whatever order the markup gives it in; then the body and foot as written.
    for (const part of sections)
      if (part.name === 'thead') for (const tr of tags(part)) if (tr.name === 'tr') row(tr, true);
    for (const part of sections) {
      if (part.name === 'caption') caption = trimInlines(this.inlines(part.children));
      else if (part.name === 'tr') row(part, false);
      else if (part.name === 'tbody' || part.name === 'tfoot')
        for (const tr of tags(part)) if (tr.name === 'tr') row(tr, false);
    }
    return { type: 'table', rows, caption, pos };
  }

  /**
   * A definition list, which the book has no form for: each term a paragraph in bold, each definition a
   * paragraph after it, with a warning that says so.
   */
  private definitions(el: Element, pos: Span): Block[] {
    this.ctx.diagnostics.warn({
      rule: 'unsupported',
      message: 'a definition list (<dl>) is set as paragraphs: each term in bold, its definition after it',
      file: pos.file,
      start: pos.start,
      end: pos.end,
      hint: 'Write it as ordinary paragraphs, or as a table, to choose how it looks.',
    });
    const out: Block[] = [];
    for (const c of el.children) {
      if (c.type !== 'tag') continue;
      const span = this.span(c);
      const children = trimInlines(this.inlines(c.children));
      if (c.name === 'dt' && children.length)
        out.push({ type: 'paragraph', children: [{ type: 'strong', children, pos: span }], pos: span });
      else if (c.name === 'dd') out.push(...this.blocks(c.children));
      else out.push(...this.block(c));
    }
    return out;
  }

  /** A cell's text: its paragraphs (and anything block-like in it) as lines. */
  private cellInlines(cell: Element): Inline[] {
    const blocks = this.blocks(cell.children);
    const out: Inline[] = [];
    for (const run of textRuns(blocks)) {
      if (out.length && run.length) out.push({ type: 'lineBreak', pos: run[0].pos });
      out.push(...run);
    }
    return out;
  }

  private image(el: Element, pos: Span): { asset: string; alt: string } | undefined {
    const src = el.attribs.src ?? '';
    if (!src) return undefined;
    this.ctx.onImage?.(src, pos);
    return { asset: src, alt: el.attribs.alt ?? '' };
  }

  /** A text node at its place: through character references and collapsed white space, with a source map. */
  private text(node: ChildNode, value: string): Inline {
    const pos = this.span(node);
    const found = alignAt(value, this.ctx.lines.text, this.ctx.base + (node.startIndex ?? 0), { collapseSpace: true });
    if (!found || found.contiguous) return { type: 'text', value, pos };
    return { type: 'text', value, pos, sourceMap: found.map };
  }

  inlines(nodes: ChildNode[]): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        const value = node.data.replace(/\s+/g, ' ');
        if (value) out.push(this.text(node, value));
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      if (this.hidden(node)) continue;
      const el = node as Element;
      const pos = this.span(el);
      const ref = this.noteRef(this.soleRef(el) ?? el, pos);
      if (ref) {
        out.push(ref);
        continue;
      }
      reportUnsafeAttributes(el.name, el.attribs, this.ctx.diagnostics, pos);
      if (DROPPED_WITH_CONTENT.has(el.name) || DROPPED_EMPTY.has(el.name)) {
        reportDroppedTag(el.name, this.ctx.diagnostics, pos);
        continue;
      }
      if (el.name === 'br') {
        out.push({ type: 'lineBreak', pos });
        continue;
      }
      if (el.name === 'img') {
        const img = this.image(el, pos);
        if (img) out.push({ type: 'image', asset: img.asset, alt: img.alt, pos });
        continue;
      }
      const kind = inlineTagKind(el.name, el.attribs);
      if (STRUCK.has(el.name)) reportStruck(this.ctx.diagnostics, pos);
      const children = this.inlines(el.children);
      if (kind === undefined && !BLOCK_TAGS.has(el.name)) reportDroppedTag(el.name, this.ctx.diagnostics, pos);
      if (kind === 'link') {
        const verdict = checkLink(el.attribs.href ?? '');
        if (verdict.ok) out.push({ type: 'link', href: verdict.href, children, pos });
        else {
          reportBadLink(verdict, this.ctx.diagnostics, pos);
          out.push(...children);
        }
      } else if (kind && kind !== 'unwrap') out.push({ type: kind, children, pos });
      else {
        const styled = this.styled(el);
        if (styled) out.push({ type: styled, children, pos });
        else out.push(...children);
      }
    }
    return out;
  }
}

export function reportBadLink(verdict: Extract<UrlVerdict, { ok: false }>, diagnostics: Diagnostics, pos: Span): void {
  diagnostics.warn({
    rule: 'unsafe-link',
    message: verdict.reason,
    file: pos.file,
    start: pos.start,
    end: pos.end,
    hint: 'The link text is kept without the link.',
  });
}

function findTag(el: Element, name: string): Element | undefined {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    if (c.name === name) return c;
    const deeper = findTag(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Inlines cut where two line breaks stand together (with only white space between them). */
function splitAtBlankLines(nodes: Inline[]): Inline[][] {
  const out: Inline[][] = [[]];
  let breaks: Inline[] = [];
  const blank = (n: Inline) => n.type === 'text' && n.value.trim() === '';
  for (const n of nodes) {
    if (n.type === 'lineBreak') {
      breaks.push(n);
      continue;
    }
    if (breaks.length && blank(n)) {
      breaks.push(n);
      continue;
    }
    const count = breaks.filter((b) => b.type === 'lineBreak').length;
    if (count >= 2) out.push([]);
    else out[out.length - 1].push(...breaks);
    breaks = [];
    out[out.length - 1].push(n);
  }
  return out;
}

/** A paragraph's inlines without white space or line breaks at either end. */
function trimBreaks(nodes: Inline[]): Inline[] {
  let out = trimInlines(nodes);
  while (out.length && out[0].type === 'lineBreak') out = trimInlines(out.slice(1));
  while (out.length && out[out.length - 1].type === 'lineBreak') out = trimInlines(out.slice(0, -1));
  return out;
}

/** Takes the punctuation and space left at a note's start where its marker was ("1. Text" → "Text"). */
function stripLeadingMark(blocks: Block[]): void {
  const first = blocks[0];
  if (first?.type !== 'paragraph') return;
  const children = [...first.children];
  while (children.length && children[0].type === 'text') {
    const value = children[0].value.replace(/^[\s.:)\]\u00a0]+/, '');
    if (value) {
      children[0] = { ...children[0], value };
      break;
    }
    children.shift();
  }
  blocks[0] = { ...first, children };
}

/** Removes leading and trailing white space from a run of inlines. */
export function trimInlines(nodes: Inline[]): Inline[] {
  const out = [...nodes];
  while (out.length && out[0].type === 'text' && out[0].value.trim() === '') out.shift();
  while (
    out.length &&
    out[out.length - 1].type === 'text' &&
    (out[out.length - 1] as { value: string }).value.trim() === ''
  )
    out.pop();
  if (out.length && out[0].type === 'text') out[0] = { ...out[0], value: out[0].value.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.replace(/\s+$/, '') };
  return out;
}
