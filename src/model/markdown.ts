/**
 * The model back to Markdown, as a writer would have typed it: for `octavo import`, which turns an
 * archive download into an editable book folder. What Markdown cannot say (centred text, small capitals,
 * superscripts, figures with captions) is written as the small HTML that Octavo's Markdown reader takes.
 * Reading the result back gives the same blocks (a test proves it).
 */
import { headRows, type Block, type Inline, type Note, type TableCell } from './book.js';

/** Characters that mean something to Markdown inside a line. */
const SPECIAL = /[\\`*_[\]<>]|&(?=#?\w+;)/g;

function escapeText(s: string): string {
  return s.replace(SPECIAL, (c) => `\\${c}`);
}

/** A line that would start a heading, a quotation, a list or a thematic break is escaped at its start. */
function escapeLineStart(line: string): string {
  if (/^(?:#{1,6}(?:\s|$)|>|[-+=](?:\s|$)|[-+=]{3,}\s*$)/.test(line)) return `\\${line}`;
  return line.replace(/^(\d{1,9})([.)])(\s|$)/, '$1\\$2$3');
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Moves spaces at the edges of emphasis outside it: `* word*` is no emphasis to CommonMark. */
function wrap(mark: string, inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : inner;
}

function destination(href: string): string {
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
}

export function inlinesToMarkdown(nodes: Inline[]): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += escapeText(n.value);
        break;
      case 'emphasis':
        out += wrap('*', inlinesToMarkdown(n.children));
        break;
      case 'strong':
        out += wrap('**', inlinesToMarkdown(n.children));
        break;
      case 'smallCaps':
        out += `<span class="smallcaps">${inlinesToMarkdown(n.children)}</span>`;
        break;
      case 'superscript':
        out += `<sup>${inlinesToMarkdown(n.children)}</sup>`;
        break;
      case 'subscript':
        out += `<sub>${inlinesToMarkdown(n.children)}</sub>`;
        break;
      case 'code': {
        const ticks = '`'.repeat(Math.max(1, ...[...n.value.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        out += `${ticks}${/^`|`$/.test(n.value) ? ` ${n.value} ` : n.value}${ticks}`;
        break;
      }
      case 'lineBreak':
        out += '\\\n';
        break;
      case 'link':
        out += `[${inlinesToMarkdown(n.children)}](${destination(n.href)})`;
        break;
      case 'image':
        out += `![${escapeText(n.alt)}](${destination(n.asset)})`;
        break;
      case 'noteRef':
        out += `[^${noteLabel(n.note)}]`;
        break;
    }
  }
  return out;
}

/** A note's label in Markdown: its marker when that is a word (`1`, `12`), else its id in the book. */
function noteLabel(note: Note): string {
  return /^[A-Za-z0-9-]+$/.test(note.marker) ? note.marker : note.id;
}

/**
 * Notes as Markdown definitions, for the end of their chapter's file: `[^1]: The note.`, later paragraphs
 * indented four spaces under it.
 */
export function notesToMarkdown(notes: Note[]): string {
  return notes
    .map((note) => {
      const body = blocksToMarkdown(note.blocks);
      const [first, ...rest] = body.split('\n');
      const more = rest.map((line) => (line ? `    ${line}` : '')).join('\n');
      return `[^${noteLabel(note)}]: ${first}${rest.length ? `\n${more}` : ''}`;
    })
    .join('\n\n');
}

/** Inlines as HTML, for the few blocks written as HTML (centred paragraphs, figure captions). */
export function inlinesToHtml(nodes: Inline[]): string {
  const tag = (name: string, inner: Inline[], attrs = '') => `<${name}${attrs}>${inlinesToHtml(inner)}</${name}>`;
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeHtml(n.value);
        case 'emphasis':
          return tag('em', n.children);
        case 'strong':
          return tag('strong', n.children);
        case 'smallCaps':
          return tag('span', n.children, ' class="smallcaps"');
        case 'superscript':
          return tag('sup', n.children);
        case 'subscript':
          return tag('sub', n.children);
        case 'code':
          return `<code>${escapeHtml(n.value)}</code>`;
        case 'lineBreak':
          return '<br />';
        case 'link':
          return tag('a', n.children, ` href="${escapeHtml(n.href)}"`);
        case 'image':
          return `<img src="${escapeHtml(n.asset)}" alt="${escapeHtml(n.alt)}" />`;
        default:
          return '';
      }
    })
    .join('');
}

function paragraph(children: Inline[]): string {
  return inlinesToMarkdown(children)
    .split('\n')
    .map((line) => escapeLineStart(line.replace(/^\s+/, '')))
    .join('\n');
}

const indent = (text: string, first: string, rest: string) =>
  text
    .split('\n')
    .map((line, i) => (line === '' ? '' : (i === 0 ? first : rest) + line))
    .join('\n');

function blockToMarkdown(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      if (b.align) return `<p align="${b.align}">${inlinesToHtml(b.children)}</p>`;
      return paragraph(b.children);
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, b.level)))} ${inlinesToMarkdown(b.children).replace(/\n/g, ' ')}`;
    case 'sceneBreak':
      return '* * *';
    case 'blockQuote':
    case 'note':
      return blocksToMarkdown(b.children)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${b.numbers[i] ?? i + 1}. ` : '- ';
          const body = blocksToMarkdown(item) || '';
          return indent(body, marker, ' '.repeat(marker.length));
        })
        .join('\n');
    case 'preformatted': {
      const fence = '`'.repeat(Math.max(3, ...[...b.value.matchAll(/^`{3,}/gm)].map((m) => m[0].length + 1)));
      return `${fence}\n${b.value}\n${fence}`;
    }
    case 'table':
      return tableToMarkdown(b.rows, b.caption);
    case 'figure':
      if (b.caption.length === 0) return `![${escapeText(b.alt)}](${destination(b.asset)})`;
      return (
        `<figure><img src="${escapeHtml(b.asset)}" alt="${escapeHtml(b.alt)}" ` +
        `/><figcaption>${inlinesToHtml(b.caption)}</figcaption></figure>`
      );
  }
}

/**
 * A table as a GitHub pipe table: its head row, or an empty one when it has none (the syntax needs one);
 * line breaks in cells become `<br>`, pipes are escaped; a caption follows in italics.
 */
function tableToMarkdown(rows: TableCell[][], caption: Inline[]): string {
  const width = Math.max(1, ...rows.map((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0)));
  const cellText = (c: TableCell) =>
    inlinesToMarkdown(c.children.map((n) => (n.type === 'lineBreak' ? { type: 'text', value: '<br>', pos: n.pos } : n)))
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${[...cells, ...new Array(width - cells.length).fill('')].join(' | ')} |`;
  const heads = headRows(rows);
  const head = heads > 0 ? rows[0].map(cellText) : [];
  const aligns = (rows[heads] ?? rows[0] ?? []).map((c) =>
    c.align === 'center' ? ':---:' : c.align === 'right' ? '---:' : '---',
  );
  const body = rows.slice(heads > 0 ? 1 : 0).map((r) => line(r.map(cellText)));
  const alignRow = Array.from({ length: width }, (_, k) => aligns[k] ?? '---');
  const out = [line(head), line(alignRow), ...body].join('\n');
  return caption.length ? `${out}\n\n*${inlinesToMarkdown(caption)}*` : out;
}

/** Blocks as Markdown, separated by blank lines; lists stay tight. */
export function blocksToMarkdown(blocks: Block[]): string {
  return blocks.map(blockToMarkdown).join('\n\n');
}
