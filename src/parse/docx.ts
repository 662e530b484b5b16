/**
 * A Word document's parts (WordprocessingML, as Word, Google Docs and LibreOffice write it) into model
 * blocks. Read as a stream of XML events (htmlparser2 in XML mode: no recursion, no DTD, no entity but
 * XML's own), so that a deep or huge document costs time in proportion and no stack.
 *
 * What it reads, as pandoc's and mammoth's readers do, and more: paragraph styles by their outline level
 * and their built-in names (`heading 1`, whatever the style's id in a localised Word), styles based on
 * them, and headings made by hand (short, centred or bold or larger, after a page break); the title page
 * before the first heading; italics, bold, underline (a manuscript's italics), small capitals and
 * super- and subscripts merged across the runs Word splits them into, from direct formatting and
 * character styles; soft line breaks, tabs, no-break and soft hyphens, symbols; tracked insertions
 * accepted and deletions dropped (or the reverse), moves resolved; comments left out; field codes dropped
 * with their results kept; hyperlinks with safe schemes; content controls unwrapped, a table of contents
 * left out; footnotes and endnotes at their references; horizontal lines and bordered empty paragraphs as
 * scene breaks. Every text node's place is "paragraph of the body, character": its line and column in
 * `source`, the document's paragraphs one a line.
 */
import { streamXml } from './xml.js';
import {
  buildDocument,
  noCounts,
  type CellPlace,
  type Paragraph,
  type Piece,
  type RunProps,
  type WordCounts,
  type WordMarks,
  type WordResult,
} from './word-processor.js';

export interface DocxParts {
  document: string;
  styles?: string;
  footnotes?: string;
  endnotes?: string;
  numbering?: string;
  /** word/_rels/document.xml.rels: hyperlink and image targets. */
  relationships?: string;
}

export interface DocxOptions {
  /** The name messages give the document. */
  file: string;
  /** Tracked changes: accepted (the default: what the writer sees with "No markup"), or rejected. */
  revisions?: 'accept' | 'reject';
}

export type DocxResult = WordResult;

// ---------------------------------------------------------------- styles

interface ParagraphStyle {
  name: string;
  basedOn?: string;
  outline?: number;
  align?: string;
  run: RunProps;
}

interface Styles {
  paragraph: Map<string, ParagraphStyle>;
  character: Map<string, RunProps>;
  /** The character styles of note references ("footnote reference", whatever the id in a localised Word). */
  noteMarks: Set<string>;
  defaultParagraph?: string;
  defaultRun: RunProps;
  language?: string;
  /** Each paragraph style as its chain resolves it, by id. */
  resolved: Map<string, ResolvedStyle>;
}

const W = (name: string) => name.replace(/^w:/, '');
const on = (attribs: Record<string, string>) => {
  const v = attribs['w:val'];
  return v === undefined || !/^(0|false|off|none)$/i.test(v);
};

/** The run properties an element inside `w:rPr` sets. */
function runProp(name: string, attribs: Record<string, string>, props: RunProps): void {
  switch (name) {
    case 'i':
      props.italic = on(attribs);
      break;
    case 'b':
      props.bold = on(attribs);
      break;
    case 'u':
      props.underline = on(attribs) && attribs['w:val'] !== 'none';
      break;
    case 'smallCaps':
      props.smallCaps = on(attribs);
      break;
    case 'vertAlign':
      props.vertAlign =
        attribs['w:val'] === 'superscript' ? 'superscript' : attribs['w:val'] === 'subscript' ? 'subscript' : undefined;
      break;
    case 'sz':
      props.size = Number(attribs['w:val']) || undefined;
      break;
    default:
      break;
  }
}

function parseStyles(xml: string | undefined): Styles {
  const styles: Styles = {
    paragraph: new Map(),
    character: new Map(),
    noteMarks: new Set(),
    defaultRun: {},
    resolved: new Map(),
  };
  if (!xml) return styles;
  let current: { type: string; id: string; style: ParagraphStyle } | undefined;
  let inRPr = false;
  let inDefaults = false;
  streamXml(xml, {
    onopentag(tag, attribs) {
      const name = W(tag);
      if (name === 'rPrDefault') inDefaults = true;
      else if (name === 'style') {
        current = { type: attribs['w:type'] ?? '', id: attribs['w:styleId'] ?? '', style: { name: '', run: {} } };
        if (attribs['w:default'] === '1' && current.type === 'paragraph') styles.defaultParagraph = current.id;
      } else if (name === 'rPr') inRPr = true;
      else if (current) {
        if (name === 'name') current.style.name = attribs['w:val'] ?? '';
        else if (name === 'basedOn') current.style.basedOn = attribs['w:val'];
        else if (name === 'outlineLvl') current.style.outline = Number(attribs['w:val']);
        else if (name === 'jc' && !inRPr) current.style.align = attribs['w:val'];
        else if (inRPr) runProp(name, attribs, current.style.run);
      } else if (inDefaults && inRPr) {
        if (name === 'lang') styles.language = attribs['w:val'];
        else runProp(name, attribs, styles.defaultRun);
      }
    },
    onclosetag(tag) {
      const name = W(tag);
      if (name === 'rPr') inRPr = false;
      else if (name === 'rPrDefault') inDefaults = false;
      else if (name === 'style' && current) {
        if (current.type === 'paragraph') styles.paragraph.set(current.id, current.style);
        else if (current.type === 'character') {
          styles.character.set(current.id, current.style.run);
          if (/^(foot|end)note reference$/i.test(current.style.name)) styles.noteMarks.add(current.id);
        }
        current = undefined;
      }
    },
  });
  return styles;
}

type ResolvedStyle = ParagraphStyle & { heading?: number; title?: boolean };

/** A paragraph style through its chain, worked out once per style (it is asked for at every run). */
function resolveStyle(styles: Styles, id: string | undefined): ResolvedStyle {
  const key = id ?? '';
  let found = styles.resolved.get(key);
  if (!found) {
    found = resolveChain(styles, id);
    styles.resolved.set(key, found);
  }
  return found;
}

/** What a paragraph style amounts to through its `basedOn` chain (cut off after 20 links: a loop is no chain). */
function resolveChain(styles: Styles, id: string | undefined): ResolvedStyle {
  const chain: ParagraphStyle[] = [];
  for (let at = id ?? styles.defaultParagraph, n = 0; at && n < 20; n++) {
    const s = styles.paragraph.get(at);
    if (!s) break;
    chain.push(s);
    at = s.basedOn;
  }
  const out: ResolvedStyle = { name: chain[0]?.name ?? '', run: {} };
  for (const s of [...chain].reverse()) {
    Object.assign(out.run, s.run);
    if (s.align) out.align = s.align;
    if (s.outline !== undefined) out.outline = s.outline;
  }
  // Built-in names are English in the file whatever the language of Word ("heading 1" for Überschrift 1).
  for (const s of chain) {
    const m = /^heading\s*(\d)$/i.exec(s.name);
    if (m) {
      out.heading = Number(m[1]);
      break;
    }
    if (/^(title)$/i.test(s.name)) {
      out.title = true;
      break;
    }
  }
  if (out.heading === undefined && out.outline !== undefined && out.outline < 9) out.heading = out.outline + 1;
  return out;
}

/** Quote styles set letters and quoted passages apart, as Markdown's `>` does. */
const QUOTE_STYLE = /^(quote|intense quote|block text|block quotation|quotation|zitat|citation|cita)$/i;
/** A table of contents' entries, in whatever kind of document made them. */
const TOC_STYLE = /^(toc \d|toc heading|contents \d|contents heading|table of contents)$/i;

// ---------------------------------------------------------------- relationships

/** A relationship's target as a name in the package: relative to `base`, never above the package's root. */
export function packagePath(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function parseRelationships(xml: string | undefined): Map<string, { target: string; external: boolean }> {
  const out = new Map<string, { target: string; external: boolean }>();
  if (!xml) return out;
  streamXml(xml, {
    onopentag(tag, a) {
      if (tag === 'Relationship' && a.Id)
        out.set(a.Id, { target: a.Target ?? '', external: a.TargetMode === 'External' });
    },
  });
  return out;
}

/**
 * numbering.xml: which lists are numbered (decimal, letters, roman) and which bulleted, per list and level,
 * and where numbering starts.
 */
function parseNumbering(xml: string | undefined): (id: string, level: number) => { ordered: boolean; start: number } {
  const abstract = new Map<string, Map<number, { ordered: boolean; start: number }>>();
  const nums = new Map<string, string>();
  if (xml) {
    let current: Map<number, { ordered: boolean; start: number }> | undefined;
    let level: { ordered: boolean; start: number } | undefined;
    let num: string | undefined;
    streamXml(xml, {
      onopentag(tag, a) {
        if (tag === 'w:abstractNum') {
          current = new Map();
          abstract.set(a['w:abstractNumId'] ?? '', current);
        } else if (tag === 'w:lvl' && current) {
          level = { ordered: false, start: 1 };
          current.set(Number(a['w:ilvl']) || 0, level);
        } else if (tag === 'w:numFmt' && level) level.ordered = !/^(bullet|none)$/.test(a['w:val'] ?? 'bullet');
        else if (tag === 'w:start' && level) level.start = Number(a['w:val']) || 1;
        else if (tag === 'w:num') num = a['w:numId'];
        else if (tag === 'w:abstractNumId' && num !== undefined) nums.set(num, a['w:val'] ?? '');
      },
      onclosetag(tag) {
        if (tag === 'w:abstractNum') current = undefined;
        else if (tag === 'w:lvl') level = undefined;
        else if (tag === 'w:num') num = undefined;
      },
    });
  }
  return (id, lvl) => abstract.get(nums.get(id) ?? '')?.get(lvl) ?? { ordered: false, start: 1 };
}

// ---------------------------------------------------------------- the body

interface Context {
  styles: Styles;
  rels: Map<string, { target: string; external: boolean }>;
  reject: boolean;
}

/** Parses the paragraphs of a body (the document's, or one note's). `onParagraph` receives each in order. */
function walkParagraphs(
  xml: string,
  ctx: Context,
  root: string,
  onRoot: (id: string) => void,
  onParagraph: (p: Paragraph) => void,
  counts: WordCounts,
  marks: WordMarks,
  indexBase: () => number,
): void {
  const stack: Paragraph[] = [];
  let run: RunProps | undefined;
  let runStyle: RunProps | undefined;
  let inRPr = false;
  let inPPr = false;
  let inText = false;
  // A note's mark as written: a custom mark after its reference (w:customMarkFollows) in the text, and
  // in the note, its run in the note reference style. The structure numbers notes; the marks go.
  let markRun = false;
  const inNote = root !== 'w:body';
  let skipDepth = 0;
  const skipping = () => skipDepth > 0;
  // Field codes: between `begin` and `separate` the instruction (left out), then the result (kept).
  const fields: ('code' | 'result')[] = [];
  let link: string | undefined;
  let tocDepth = 0;
  let tableDepth = 0;
  let drawingAlt = '';
  // The body's tables: which, its current row and cell, whether its first row heads it (tblLook).
  let tables = 0;
  let row = -1;
  let rowHeader = false;
  let firstRowHeads = false;
  let cell: CellPlace | undefined;
  let del = 0;
  let ins = 0;
  let fallback = 0;
  const skipped = new Set(['w:instrText', 'w:delInstrText']);
  const para = () => stack[stack.length - 1];
  const push = (piece: Omit<Piece, 'at' | 'props' | 'link'>) => {
    const p = para();
    if (!p || skipping() || fallback || fields.at(-1) === 'code') return;
    if ((ctx.reject && ins) || (!ctx.reject && del)) return;
    const props = { ...ctx.styles.defaultRun, ...resolveStyle(ctx.styles, p.styleId).run, ...runStyle, ...run };
    p.pieces.push({ ...piece, props, link, at: p.text.length });
    if (piece.text) p.text += piece.text;
    else if (piece.lineBreak) p.text += ' ';
  };
  streamXml(xml, {
    onopentag(tag, a) {
      if (tag === 'mc:Fallback') fallback++;
      if (fallback) return;
      if (skipped.has(tag)) skipDepth++;
      switch (tag) {
        case root:
          if (a['w:id'] !== undefined) onRoot(a['w:id']);
          break;
        case 'w:p': {
          const nested = stack.length > 0;
          stack.push({
            index: nested ? -1 : indexBase(),
            pieces: [],
            text: '',
            pageBreakBefore: false,
            pageBreakInside: false,
            rule: false,
            border: false,
            toc: tocDepth > 0,
            quote: false,
            ...(cell && !nested ? { cell: { ...cell } } : {}),
          });
          break;
        }
        case 'w:pPr':
          inPPr = true;
          break;
        case 'w:rPr':
          inRPr = true;
          if (!inPPr) run ??= {};
          break;
        case 'w:r':
          run = {};
          runStyle = undefined;
          markRun = false;
          break;
        case 'w:rStyle':
          if (inNote && ctx.styles.noteMarks.has(a['w:val'] ?? '')) markRun = true;
          runStyle =
            ctx.styles.character.get(a['w:val'] ?? '') ??
            (/^emphasis$/i.test(a['w:val'] ?? '')
              ? { italic: true }
              : /^strong$/i.test(a['w:val'] ?? '')
                ? { bold: true }
                : undefined);
          break;
        case 'w:t':
        case 'w:delText':
          inText = true;
          break;
        case 'w:tab':
          if (!inPPr) push({ text: '\t' });
          break;
        case 'w:br':
        case 'w:cr':
          if (a['w:type'] === 'page' || a['w:type'] === 'column') {
            if (para()) para().pageBreakInside = true;
          } else push({ lineBreak: true });
          break;
        case 'w:noBreakHyphen':
          push({ text: '\u2011' });
          break;
        case 'w:softHyphen':
          push({ text: '\u00ad' });
          break;
        case 'w:sym': {
          const code = Number.parseInt(a['w:char'] ?? '', 16);
          // Symbol fonts put their glyphs at F000 + the character's code.
          if (code > 0) push({ text: String.fromCodePoint(code >= 0xf000 ? code - 0xf000 : code) });
          break;
        }
        case 'w:footnoteReference':
        case 'w:endnoteReference':
          if (a['w:id'])
            push({ note: { kind: tag === 'w:footnoteReference' ? 'footnote' : 'endnote', id: a['w:id'] } });
          if (/^(1|true|on)$/.test(a['w:customMarkFollows'] ?? '')) markRun = true;
          break;
        case 'w:fldChar':
          if (a['w:fldCharType'] === 'begin') fields.push('code');
          else if (a['w:fldCharType'] === 'separate' && fields.length) fields[fields.length - 1] = 'result';
          else if (a['w:fldCharType'] === 'end') fields.pop();
          break;
        case 'w:hyperlink': {
          const rel = a['r:id'] ? ctx.rels.get(a['r:id']) : undefined;
          link = rel?.external ? rel.target : undefined;
          break;
        }
        case 'w:del':
        case 'w:moveFrom':
          del++;
          counts.deletions++;
          marks.revision ??= para()?.index ?? indexBase();
          break;
        case 'w:ins':
        case 'w:moveTo':
          ins++;
          counts.insertions++;
          marks.revision ??= para()?.index ?? indexBase();
          break;
        case 'w:commentReference':
          counts.comments++;
          marks.comment ??= para()?.index ?? indexBase();
          break;
        case 'w:txbxContent':
          counts.textBoxes++;
          marks.textBox ??= para()?.index ?? indexBase();
          break;
        case 'wp:docPr':
          // A drawing's alternative text (Word's Alt Text pane writes descr; title is older Word's).
          drawingAlt = a.descr || a.title || '';
          break;
        case 'a:blip':
        case 'v:imagedata': {
          const id = a['r:embed'] ?? a['r:id'];
          const rel = id ? ctx.rels.get(id) : undefined;
          const alt = tag === 'v:imagedata' ? (a['o:title'] ?? drawingAlt) : drawingAlt;
          if (rel && !rel.external) push({ image: { ref: packagePath('word', rel.target), alt } });
          else if (a['r:link'] || rel?.external) {
            // A picture linked to a file or an address outside the document: never fetched.
            counts.linkedImages++;
            marks.linkedImage ??= para()?.index ?? indexBase();
          }
          break;
        }
        case 'w:tbl':
          tableDepth++;
          if (tableDepth === 1) {
            tables++;
            row = -1;
            firstRowHeads = false;
          }
          break;
        case 'w:tblLook':
          // Word's "Header Row" box: the table style sets the first row apart (w:firstRow, or bit 0x20 of w:val).
          if (tableDepth === 1)
            firstRowHeads = a['w:firstRow'] === '1' || (Number.parseInt(a['w:val'] ?? '0', 16) & 0x20) !== 0;
          break;
        case 'w:tr':
          if (tableDepth === 1) {
            row++;
            rowHeader = false;
            cell = undefined;
          }
          break;
        case 'w:tblHeader':
          if (tableDepth === 1 && on(a)) rowHeader = true;
          break;
        case 'w:tc':
          if (tableDepth === 1) {
            const column = cell ? cell.column + cell.colSpan : 0;
            cell = { table: tables, row, column, header: rowHeader || (row === 0 && firstRowHeads), colSpan: 1 };
          }
          break;
        case 'w:gridSpan':
          if (tableDepth === 1 && cell) cell.colSpan = Math.max(1, Math.min(100, Number(a['w:val']) || 1));
          break;
        case 'w:vMerge':
          if (tableDepth === 1 && cell) {
            cell.vMerge = a['w:val'] === 'restart' ? 'start' : 'continue';
            if (cell.vMerge === 'continue') {
              counts.mergedCells++;
              marks.table ??= indexBase();
            }
          }
          break;
        case 'w:docPartGallery':
          if (/table of contents/i.test(a['w:val'] ?? '')) tocDepth++;
          break;
        case 'v:rect':
        case 'v:line':
          if (a['o:hr'] === 't' && para()) para().rule = true;
          break;
        default:
          if (inPPr && para()) {
            const p = para();
            if (tag === 'w:pStyle') p.styleId = a['w:val'];
            else if (tag === 'w:jc') p.align = a['w:val'];
            else if (tag === 'w:outlineLvl') p.outline = Number(a['w:val']);
            else if (tag === 'w:pageBreakBefore' && on(a)) p.pageBreakBefore = true;
            else if ((tag === 'w:bottom' || tag === 'w:top') && a['w:val'] && a['w:val'] !== 'none') p.border = true;
            else if (tag === 'w:numId' && a['w:val'] !== '0')
              p.list = { id: a['w:val'] ?? '', level: p.list?.level ?? 0 };
            else if (tag === 'w:ilvl') p.list = { id: p.list?.id ?? '', level: Number(a['w:val']) || 0 };
            else if (tag === 'w:sectPr') p.pageBreakInside = true;
          } else if (inRPr && run && !inPPr) runProp(W(tag), a, run);
      }
    },
    ontext(text) {
      if (inText && !fallback && !skipping() && !markRun) push({ text });
    },
    onclosetag(tag) {
      if (tag === 'mc:Fallback') {
        fallback--;
        return;
      }
      if (fallback) return;
      if (skipped.has(tag)) skipDepth--;
      switch (tag) {
        case 'w:p': {
          const p = stack.pop();
          if (p) {
            const style = resolveStyle(ctx.styles, p.styleId);
            p.toc ||= TOC_STYLE.test(style.name);
            p.quote = QUOTE_STYLE.test(style.name);
            p.heading = style.heading;
            p.title = style.title;
            if (p.list && !p.list.id) p.list = undefined;
            onParagraph(p);
          }
          break;
        }
        case 'w:pPr':
          inPPr = false;
          break;
        case 'w:rPr':
          inRPr = false;
          break;
        case 'w:r':
          run = undefined;
          runStyle = undefined;
          markRun = false;
          break;
        case 'w:t':
        case 'w:delText':
          inText = false;
          break;
        case 'w:hyperlink':
          link = undefined;
          break;
        case 'w:del':
        case 'w:moveFrom':
          del--;
          break;
        case 'w:ins':
        case 'w:moveTo':
          ins--;
          break;
        case 'w:tbl':
          tableDepth--;
          if (tableDepth === 0) cell = undefined;
          break;
        case 'w:sdt':
          if (tocDepth) tocDepth--;
          break;
        default:
          break;
      }
    },
  });
}

// ---------------------------------------------------------------- paragraphs into blocks

export function parseDocx(parts: DocxParts, options: DocxOptions): DocxResult {
  const styles = parseStyles(parts.styles);
  const ctx: Context = {
    styles,
    rels: parseRelationships(parts.relationships),
    reject: options.revisions === 'reject',
  };
  const counts = noCounts();
  const marks: WordMarks = {};

  // The notes first: their paragraphs by id, read as the body is.
  const notes = new Map<string, Paragraph[]>();
  for (const [xml, root] of [
    [parts.footnotes, 'w:footnote'],
    [parts.endnotes, 'w:endnote'],
  ] as const) {
    if (!xml) continue;
    let id = '';
    walkParagraphs(
      xml,
      ctx,
      root,
      (noteId) => {
        id = `${root}:${noteId}`;
      },
      (p) => {
        const list = notes.get(id) ?? [];
        list.push(p);
        notes.set(id, list);
      },
      noCounts(),
      {},
      () => -1,
    );
  }

  const paragraphs: Paragraph[] = [];
  const nested: Paragraph[] = [];
  let next = 1;
  walkParagraphs(
    parts.document,
    ctx,
    'w:body',
    () => {},
    (p) => {
      if (p.index === -1) nested.push(p);
      else {
        paragraphs.push(p);
        // A text box's paragraphs follow the paragraph they are anchored in.
        for (const n of nested.splice(0)) paragraphs.push({ ...n, index: p.index });
      }
    },
    counts,
    marks,
    () => next++,
  );

  return buildDocument({
    paragraphs,
    notes: (piece) => notes.get(`w:${piece.note!.kind}:${piece.note!.id}`) ?? [],
    numbering: parseNumbering(parts.numbering),
    file: options.file,
    defaultSize: styles.defaultRun.size ?? 24,
    language: styles.language,
    counts,
    marks,
    next,
  });
}
