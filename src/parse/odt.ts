/**
 * An OpenDocument text's parts (content.xml, styles.xml, as LibreOffice and Google Docs write them) into
 * the word processor's paragraphs (word-processor.ts), and so into the same model as a Word document.
 * Read as a stream of XML events like Word's (no recursion, no DTD, no entity but XML's own).
 *
 * What it reads: `text:h` with its outline level, and paragraph styles with a default outline level or a
 * heading's name (`Heading 1`, `Heading_20_1`), styles based on them; the Title style; italics, bold,
 * underline, small capitals, super- and subscripts from automatic and named text styles (through their
 * parents); alignment and page breaks from paragraph styles; line breaks, tabs, runs of spaces (`text:s`);
 * links with safe schemes; lists with their list style's numbering; tables with their header rows and
 * spans; footnotes and endnotes at their references; tracked changes (insertions accepted, deleted text
 * never in the body; or the reverse for insertions) and comments counted and left out; a table of
 * contents left out; text boxes' paragraphs after their anchor.
 */
import { streamXml } from './xml.js';
import type { NoteKind } from '../model/book.js';
import {
  buildDocument,
  noCounts,
  type CellPlace,
  type Paragraph,
  type Piece,
  type RunProps,
  type WordMarks,
  type WordResult,
} from './word-processor.js';

export interface OdtParts {
  content: string;
  styles?: string;
  /** meta.xml: title, creator, language. */
  meta?: string;
}

export interface OdtOptions {
  file: string;
  revisions?: 'accept' | 'reject';
}

interface OdfStyle {
  family: string;
  parent?: string;
  display?: string;
  outline?: number;
  align?: string;
  breakBefore?: boolean;
  /** A paragraph style's list style (a numbered heading or list paragraph). */
  list?: string;
  run: RunProps;
}

interface OdfStyles {
  styles: Map<string, OdfStyle>;
  /** List styles: each level's numbering. */
  lists: Map<string, Map<number, { ordered: boolean; start: number }>>;
  defaultRun: RunProps;
  language?: string;
}

/** Points ("12pt"), or other CSS-like lengths, as half-points. */
function halfPoints(v: string | undefined): number | undefined {
  const m = /^([\d.]+)(pt|px|in|cm|mm)?$/.exec(v ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  const pt = m[2] === 'in' ? n * 72 : m[2] === 'cm' ? (n * 72) / 2.54 : m[2] === 'mm' ? (n * 72) / 25.4 : n;
  return Math.round(pt * 2);
}

/** The run properties of a `style:text-properties` element. */
function textProps(a: Record<string, string>, into: RunProps): void {
  const style = a['fo:font-style'];
  if (style) into.italic = style === 'italic' || style === 'oblique';
  const weight = a['fo:font-weight'];
  if (weight) into.bold = weight === 'bold' || Number(weight) >= 600;
  const underline = a['style:text-underline-style'];
  if (underline) into.underline = underline !== 'none';
  const variant = a['fo:font-variant'];
  if (variant) into.smallCaps = variant === 'small-caps';
  const position = a['style:text-position'];
  if (position) {
    const first = position.split(/\s+/)[0];
    into.vertAlign =
      first === 'super' || (Number.parseFloat(first) > 0 && first.endsWith('%'))
        ? 'superscript'
        : first === 'sub' || (Number.parseFloat(first) < 0 && first.endsWith('%'))
          ? 'subscript'
          : undefined;
  }
  const size = halfPoints(a['fo:font-size']);
  if (size) into.size = size;
}

/** Styles from styles.xml and content.xml's automatic styles (names are unique across the two). */
function parseOdfStyles(xmls: (string | undefined)[]): OdfStyles {
  const out: OdfStyles = { styles: new Map(), lists: new Map(), defaultRun: {} };
  for (const xml of xmls) {
    if (!xml) continue;
    let current: OdfStyle | undefined;
    let inDefault = false;
    let list: Map<number, { ordered: boolean; start: number }> | undefined;
    streamXml(xml, {
      onopentag(tag, a) {
        switch (tag) {
          case 'style:style':
            current = {
              family: a['style:family'] ?? '',
              parent: a['style:parent-style-name'],
              display: a['style:display-name'],
              outline: a['style:default-outline-level'] ? Number(a['style:default-outline-level']) : undefined,
              list: a['style:list-style-name'],
              run: {},
            };
            out.styles.set(a['style:name'] ?? '', current);
            break;
          case 'style:default-style':
            inDefault = a['style:family'] === 'paragraph';
            break;
          case 'style:paragraph-properties':
            if (current) {
              if (a['fo:text-align']) current.align = a['fo:text-align'] === 'end' ? 'right' : a['fo:text-align'];
              if (a['fo:break-before'] === 'page') current.breakBefore = true;
            }
            break;
          case 'style:text-properties':
            if (current) textProps(a, current.run);
            else if (inDefault) {
              textProps(a, out.defaultRun);
              if (a['fo:language'] && a['fo:language'] !== 'zxx')
                out.language =
                  a['fo:country'] && a['fo:country'] !== 'none'
                    ? `${a['fo:language']}-${a['fo:country']}`
                    : a['fo:language'];
            }
            break;
          case 'text:list-style':
            list = new Map();
            out.lists.set(a['style:name'] ?? '', list);
            break;
          case 'text:list-level-style-number':
            list?.set(Number(a['text:level']) - 1 || 0, {
              ordered: (a['style:num-format'] ?? '1') !== '',
              start: Number(a['text:start-value']) || 1,
            });
            break;
          case 'text:list-level-style-bullet':
          case 'text:list-level-style-image':
            list?.set(Number(a['text:level']) - 1 || 0, { ordered: false, start: 1 });
            break;
          default:
            break;
        }
      },
      onclosetag(tag) {
        if (tag === 'style:style') current = undefined;
        else if (tag === 'style:default-style') inDefault = false;
        else if (tag === 'text:list-style') list = undefined;
      },
    });
  }
  return out;
}

interface Resolved {
  name: string;
  heading?: number;
  title?: boolean;
  quote?: boolean;
  toc?: boolean;
  align?: string;
  breakBefore?: boolean;
  list?: string;
  run: RunProps;
}

const QUOTE = /^(quotations?|quote|block ?quotation|zitat|citation|cita)$/i;
const TOC = /^(contents \d+|contents heading|table of contents|index heading)$/i;

/** A style through its parents (cut off after 20: a loop is no chain), once per style. */
function resolver(styles: OdfStyles): (name: string | undefined) => Resolved {
  const cache = new Map<string, Resolved>();
  return (name) => {
    const key = name ?? '';
    const known = cache.get(key);
    if (known) return known;
    const chain: OdfStyle[] = [];
    const names: string[] = [];
    for (let at = name, n = 0; at && n < 20; n++) {
      const s = styles.styles.get(at);
      if (!s) break;
      chain.push(s);
      names.push(s.display ?? at.replace(/_20_/g, ' '));
      at = s.parent;
    }
    const out: Resolved = { name: names[0] ?? '', run: {} };
    for (const s of [...chain].reverse()) {
      Object.assign(out.run, s.run);
      if (s.align) out.align = s.align;
      if (s.list) out.list = s.list;
    }
    // Only the paragraph's own style breaks the page, not every style based on one that does.
    out.breakBefore = chain[0]?.breakBefore;
    for (const [k, s] of chain.entries()) {
      const shown = names[k];
      if (/^title$/i.test(shown)) {
        out.title = true;
        break;
      }
      const m = /^heading\s*(\d)$/i.exec(shown);
      if (m || s.outline) {
        out.heading = m ? Number(m[1]) : s.outline;
        break;
      }
    }
    out.quote = names.some((n) => QUOTE.test(n));
    out.toc = names.some((n) => TOC.test(n));
    cache.set(key, out);
    return out;
  };
}

/** The body of content.xml into paragraphs, and the notes' paragraphs by note. */
export function parseOdt(parts: OdtParts, options: OdtOptions): WordResult {
  const styles = parseOdfStyles([parts.styles, parts.content]);
  const style = resolver(styles);
  const reject = options.revisions === 'reject';
  const counts = noCounts();
  const marks: WordMarks = {};
  const paragraphs: Paragraph[] = [];
  const notes = new Map<string, Paragraph[]>();
  let next = 1;

  const stack: Paragraph[] = [];
  /** Run properties of the spans open around the text. */
  const spans: RunProps[] = [];
  /** Notes being read: their id and kind, innermost last. */
  const noteStack: { id: string }[] = [];
  let skip = 0;
  const skipping = new Set([
    'text:tracked-changes',
    'office:annotation',
    'text:note-citation',
    'text:table-of-content',
    'text:sequence-decls',
    'office:forms',
    'office:event-listeners',
  ]);
  /** Tracked changes by id: insertions (their text is in the body between change marks). */
  const insertions = new Set<string>();
  let inserting = 0;
  let link: string | undefined;
  // The picture being read, for the alternative text (svg:title, svg:desc) that follows it in its frame.
  let picture: { ref: string; alt: string } | undefined;
  let altText: 'title' | 'desc' | undefined;
  // Lists: the style of the list each level is in, and a count to tell one list from the next.
  const lists: { style?: string; id: number }[] = [];
  let listCount = 0;
  // Tables at the body's level.
  let tableDepth = 0;
  let tables = 0;
  let row = -1;
  let inHeader = false;
  let cell: CellPlace | undefined;
  let column = 0;

  const para = () => stack[stack.length - 1];
  const push = (piece: Omit<Piece, 'at' | 'props' | 'link'>) => {
    const p = para();
    if (!p || skip) return;
    if (reject && inserting) return;
    const props = { ...styles.defaultRun, ...style(p.styleId).run, ...Object.assign({}, ...spans) };
    p.pieces.push({ ...piece, props, link, at: p.text.length });
    if (piece.text) p.text += piece.text;
    else if (piece.lineBreak) p.text += ' ';
  };

  // The tracked changes' kinds first: their region comes before the text that marks them.
  let region: string | undefined;
  streamXml(parts.content, {
    onopentag(tag, a) {
      if (tag === 'text:changed-region') region = a['text:id'] ?? a['xml:id'];
      else if (tag === 'text:insertion') {
        counts.insertions++;
        if (region) insertions.add(region);
      } else if (tag === 'text:deletion') counts.deletions++;
    },
    onclosetag(tag) {
      if (tag === 'text:changed-region') region = undefined;
    },
  });
  const nestedParas: Paragraph[] = [];

  streamXml(parts.content, {
    onopentag(tag, a) {
      if (skip) {
        if (skipping.has(tag)) skip++;
        return;
      }
      if (skipping.has(tag)) {
        skip++;
        if (tag === 'office:annotation') {
          counts.comments++;
          marks.comment ??= para()?.index ?? next;
        }
        if (tag === 'text:tracked-changes' && (counts.insertions || counts.deletions)) marks.revision ??= next;
        return;
      }
      switch (tag) {
        case 'text:p':
        case 'text:h': {
          const s = style(a['text:style-name']);
          const inNote = noteStack.length > 0;
          const nested = stack.length > 0 && !inNote;
          const outline = tag === 'text:h' ? Number(a['text:outline-level'] ?? s.heading ?? 1) || 1 : undefined;
          const listLevel = lists.length - 1;
          const p: Paragraph = {
            index: inNote || nested ? -1 : next,
            styleId: a['text:style-name'],
            ...(s.align ? { align: s.align } : {}),
            pieces: [],
            text: '',
            pageBreakBefore: !!s.breakBefore,
            pageBreakInside: false,
            rule: false,
            border: false,
            toc: !!s.toc,
            quote: !!s.quote,
            ...(outline !== undefined ? { heading: outline } : s.heading ? { heading: s.heading } : {}),
            ...(s.title ? { title: true } : {}),
            ...(tag === 'text:p' && listLevel >= 0
              ? { list: { id: `${lists[0].style ?? ''}#${lists[0].id}`, level: listLevel } }
              : {}),
            ...(cell && !inNote ? { cell: { ...cell } } : {}),
          };
          if (!inNote && !nested) next++;
          stack.push(p);
          break;
        }
        case 'text:span': {
          const s = style(a['text:style-name']);
          spans.push(s.run);
          break;
        }
        case 'text:a':
          link = a['xlink:href'];
          break;
        case 'text:line-break':
          push({ lineBreak: true });
          break;
        case 'text:tab':
          push({ text: '\t' });
          break;
        case 'text:s':
          push({ text: ' '.repeat(Math.min(Number(a['text:c']) || 1, 100)) });
          break;
        case 'text:note': {
          const kind: NoteKind = a['text:note-class'] === 'endnote' ? 'endnote' : 'footnote';
          const id = a['text:id'] ?? `note${notes.size + 1}`;
          push({ note: { kind, id } });
          noteStack.push({ id: `${kind}:${id}` });
          break;
        }
        case 'text:change-start':
          if (insertions.has(a['text:change-id'] ?? '')) inserting++;
          break;
        case 'text:change-end':
          if (insertions.has(a['text:change-id'] ?? '') && inserting > 0) inserting--;
          break;
        case 'text:list': {
          const outer = lists[lists.length - 1];
          lists.push({ style: a['text:style-name'] ?? outer?.style, id: outer?.id ?? ++listCount });
          break;
        }
        case 'draw:image': {
          const href = a['xlink:href'] ?? '';
          if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('/') && !href.startsWith('..')) {
            picture = { ref: href.replace(/^\.\//, ''), alt: '' };
            push({ image: picture });
          } else if (href) {
            // A picture linked to a file or an address outside the document: never fetched.
            counts.linkedImages++;
            marks.linkedImage ??= para()?.index ?? next;
          }
          break;
        }
        case 'svg:title':
        case 'svg:desc':
          altText = tag === 'svg:title' ? 'title' : 'desc';
          if (picture && altText === 'desc') picture.alt = '';
          break;
        case 'draw:rect':
        case 'draw:line': {
          // A horizontal line drawn across the text (Google Docs' horizontal line, through LibreOffice): a
          // scene break when its paragraph has no text.
          const height = halfPoints(a['svg:height']) ?? 0;
          const wide = Number.parseFloat(a['style:rel-width'] ?? '0') >= 50 || (halfPoints(a['svg:width']) ?? 0) >= 144;
          if (para() && (tag === 'draw:line' || (wide && height <= 8))) para().rule = true;
          break;
        }
        case 'draw:text-box':
          counts.textBoxes++;
          marks.textBox ??= para()?.index ?? next;
          break;
        case 'table:table':
          tableDepth++;
          if (tableDepth === 1 && noteStack.length === 0) {
            tables++;
            row = -1;
          }
          break;
        case 'table:table-header-rows':
          if (tableDepth === 1) inHeader = true;
          break;
        case 'table:table-row':
          if (tableDepth === 1) {
            row++;
            column = 0;
          }
          break;
        case 'table:table-cell':
          if (tableDepth === 1 && noteStack.length === 0) {
            const colSpan = Math.max(1, Math.min(100, Number(a['table:number-columns-spanned']) || 1));
            const rowSpan = Math.max(1, Math.min(1000, Number(a['table:number-rows-spanned']) || 1));
            cell = { table: tables, row, column, header: inHeader, colSpan, ...(rowSpan > 1 ? { rowSpan } : {}) };
            if (rowSpan > 1) {
              counts.mergedCells += rowSpan - 1;
              marks.table ??= next;
            }
            column += colSpan;
          }
          break;
        default:
          break;
      }
    },
    ontext(text) {
      if (altText) {
        // The description wins over the title, as screen readers read it.
        if (picture && (altText === 'desc' || !picture.alt)) picture.alt += text;
        return;
      }
      if (!skip && para()) push({ text });
    },
    onclosetag(tag) {
      if (skip) {
        if (skipping.has(tag)) skip--;
        return;
      }
      switch (tag) {
        case 'text:p':
        case 'text:h': {
          const p = stack.pop();
          if (!p) break;
          const note = noteStack[noteStack.length - 1];
          if (note) {
            const held = notes.get(note.id) ?? [];
            held.push(p);
            notes.set(note.id, held);
          } else if (p.index === -1) {
            // A text box's paragraph: after the paragraph it is anchored in.
            nestedParas.push(p);
          } else {
            paragraphs.push(p);
            for (const n of nestedParas.splice(0)) paragraphs.push({ ...n, index: p.index, cell: p.cell });
          }
          break;
        }
        case 'text:span':
          spans.pop();
          break;
        case 'svg:title':
        case 'svg:desc':
          altText = undefined;
          break;
        case 'draw:frame':
          picture = undefined;
          break;
        case 'text:a':
          link = undefined;
          break;
        case 'text:note':
          noteStack.pop();
          break;
        case 'text:list':
          lists.pop();
          break;
        case 'table:table':
          tableDepth--;
          if (tableDepth === 0) cell = undefined;
          break;
        case 'table:table-header-rows':
          if (tableDepth === 1) inHeader = false;
          break;
        case 'table:table-cell':
          if (tableDepth === 1) cell = undefined;
          break;
        default:
          break;
      }
    },
  });

  return buildDocument({
    paragraphs,
    notes: (piece) => notes.get(`${piece.note!.kind}:${piece.note!.id}`) ?? [],
    numbering: (id, level) => styles.lists.get(id.split('#')[0])?.get(level) ?? { ordered: false, start: 1 },
    file: options.file,
    defaultSize: styles.defaultRun.size ?? 24,
    language: metaLanguage(parts.meta) ?? styles.language,
    counts,
    marks,
    next,
  });
}

/** meta.xml's language. */
function metaLanguage(xml: string | undefined): string | undefined {
  return xml ? (/<dc:language>([^<]+)<\/dc:language>/.exec(xml)?.[1]?.trim() ?? undefined) : undefined;
}

/** meta.xml's title and creator (the initial creator when no one else is named). */
export function odtProperties(xml: string | undefined): { title?: string; author?: string } {
  if (!xml) return {};
  const value = (tag: string) =>
    new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim() || undefined;
  return { title: value('dc:title'), author: value('dc:creator') ?? value('meta:initial-creator') };
}
