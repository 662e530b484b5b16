/**
 * A fan-fiction archive's download (Archive of Our Own's "Download → HTML", or any HTML story) into the
 * model: the work's metadata from its preface, one chapter per archive chapter, and the summaries and notes
 * around them as note nodes that the structure places as book.yaml `notes:` says. The
 * archive's own text (the "Posted originally on…" line, the stats, the request for comments) is left out
 * and reported. Nothing is fetched: an image on the web is left out and reported unless the writer has put
 * a copy in assets/.
 */
import { DomUtils } from 'htmlparser2';
import { BookError, type Diagnostics } from '../diagnostics/diagnostic.js';
import { plainText, type Block, type Inline, type NoteRole } from '../model/book.js';
import type { LineIndex, Span } from '../model/position.js';
import { chapterHeading } from './headings.js';
import { htmlNodesToBlocks, htmlNotes, parseHtml, type HtmlElement, type HtmlNode } from './html.js';

export const AO3 = 'Archive of Our Own';

export interface ArchiveWork {
  /** The archive the work came from, when its download says so. */
  site?: string;
  title?: string;
  titlePos?: Span;
  authors: string[];
  /** The work's address on the archive. */
  url?: string;
  /** The summary as plain text, paragraphs separated by blank lines. */
  summary?: string;
  /** BCP 47 tag from the archive's language name; `languageName` as the archive wrote it. */
  language?: string;
  languageName?: string;
  rating?: string;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  tags: string[];
  /** First publication, YYYY-MM-DD. */
  published?: string;
  chapters: ArchiveChapter[];
}

export interface ArchiveChapter {
  /** The chapter's own title ("Chapter 3: The Title" → "The Title"), when it has one. */
  title?: string;
  /** The number its heading gives ("Chapter 7"), when it gives one. */
  number?: number;
  /** A whole story in one piece (an HTML page): the structure splits it at its chapter headings. */
  split?: boolean;
  blocks: Block[];
  pos: Span;
  titlePos?: Span;
}

export interface ArchiveContext {
  file: string;
  lines: LineIndex;
  diagnostics: Diagnostics;
  /** The book-relative path of the writer's local copy of an image on the web, when there is one. */
  localImage(url: string): string | undefined;
  /** What an EPUB's package says, when the HTML is an EPUB's documents joined. */
  epub?: EpubFacts;
}

/** An EPUB's metadata and the classes its CSS sets in italic or bold. */
export interface EpubFacts {
  title?: string;
  authors: string[];
  language?: string;
  classStyles: Map<string, 'emphasis' | 'strong'>;
  /** The pictures the package holds, by their path in it. */
  images: ReadonlyMap<string, Uint8Array>;
}

/** AO3's language names (as the archive writes them) and their BCP 47 tags. */
const LANGUAGES: Record<string, string> = {
  english: 'en',
  español: 'es',
  français: 'fr',
  deutsch: 'de',
  italiano: 'it',
  'português brasileiro': 'pt-BR',
  'português europeu': 'pt-PT',
  português: 'pt',
  русский: 'ru',
  polski: 'pl',
  nederlands: 'nl',
  svenska: 'sv',
  dansk: 'da',
  norsk: 'no',
  suomi: 'fi',
  čeština: 'cs',
  magyar: 'hu',
  türkçe: 'tr',
  'tiếng việt': 'vi',
  'bahasa indonesia': 'id',
  'bahasa malaysia': 'ms',
  filipino: 'fil',
  català: 'ca',
  galego: 'gl',
  euskara: 'eu',
  română: 'ro',
  ελληνικά: 'el',
  українська: 'uk',
  български: 'bg',
  hrvatski: 'hr',
  slovenčina: 'sk',
  lietuvių: 'lt',
  latviešu: 'lv',
  eesti: 'et',
  íslenska: 'is',
  gaeilge: 'ga',
  cymraeg: 'cy',
  latine: 'la',
  esperanto: 'eo',
  עברית: 'he',
  العربية: 'ar',
  فارسی: 'fa',
  हिन्दी: 'hi',
  ไทย: 'th',
  한국어: 'ko',
  日本語: 'ja',
  '中文-普通话 國語': 'zh',
  '中文-广东话 粵語': 'yue',
  中文: 'zh',
};

export function languageTag(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  return LANGUAGES[key] ?? Object.entries(LANGUAGES).find(([n]) => key.startsWith(n))?.[1];
}

type El = HtmlElement;
const isEl = (n: HtmlNode | undefined): n is El =>
  n !== undefined && (n.type === 'tag' || n.type === 'script' || n.type === 'style');
const children = (el: El): El[] => el.children.filter(isEl);
const classes = (el: El) => (el.attribs.class ?? '').split(/\s+/);
/**
 * Whether the element has the class, also as calibre renames it when it makes the archive's EPUB download
 * (`userstuff` → `userstuff2`: a number appended where its rules differ).
 */
const hasClass = (el: El, name: string) =>
  classes(el).some((c) => c === name || (c.startsWith(name) && /^\d+$/.test(c.slice(name.length))));
const text = (n: HtmlNode | HtmlNode[]) => DomUtils.textContent(n).replace(/\s+/g, ' ').trim();

function findAll(nodes: HtmlNode[], test: (el: El) => boolean): El[] {
  return DomUtils.findAll((n) => test(n as El), nodes) as El[];
}
const byId = (nodes: HtmlNode[], id: string) =>
  DomUtils.findOne((n) => (n as El).attribs?.id === id, nodes, true) as El | null;

/**
 * calibre splits the download's preface over files, and each piece keeps the id: the later pieces' content
 * joins the first, in reading order, so that the title, byline and tags are found wherever they fell.
 */
function mergeSplit(nodes: HtmlNode[], first: El): void {
  const id = first.attribs.id;
  const others = (DomUtils.findAll((n) => (n as El).attribs?.id === id, nodes) as El[]).filter((el) => el !== first);
  for (const el of others) {
    for (const child of el.children) child.parent = first;
    first.children.push(...el.children);
    el.children = [];
  }
}

/**
 * A summary or a note of the archive's as a note node of its kind, its label ("Notes:") leading its first
 * paragraph as the archive shows it; the structure places it as book.yaml `notes:` says.
 */
function labelledNote(label: string, role: NoteRole, blocks: Block[], pos: Span): Block | undefined {
  if (blocks.length === 0) return undefined;
  const mark: Inline = { type: 'strong', children: [{ type: 'text', value: `${label}:`, pos }], pos };
  const [first, ...rest] = blocks;
  const opening: Block[] =
    first.type === 'paragraph'
      ? [{ ...first, children: [mark, { type: 'text', value: ' ', pos }, ...first.children] }]
      : [{ type: 'paragraph', children: [mark], pos }, first];
  return { type: 'note', role, children: [...opening, ...rest], pos };
}

export function readArchive(html: string, ctx: ArchiveContext): ArchiveWork {
  const doc = parseHtml(html);
  // Notes are found over the whole download: a chapter's reference may point to the notes at the end.
  const notes = htmlNotes(doc.children);
  const convert = (nodes: HtmlNode[]) =>
    resolveImages(
      htmlNodesToBlocks(nodes, {
        file: ctx.file,
        lines: ctx.lines,
        base: 0,
        diagnostics: ctx.diagnostics,
        notes,
        ...(ctx.epub ? { classStyles: ctx.epub.classStyles } : {}),
      }),
      ctx,
    );
  const span = (n: HtmlNode) =>
    ctx.lines.span(ctx.file, n.startIndex ?? 0, Math.min((n.endIndex ?? n.startIndex ?? 0) + 1, html.length));
  const work: ArchiveWork = {
    authors: [],
    warnings: [],
    categories: [],
    fandoms: [],
    relationships: [],
    characters: [],
    tags: [],
    chapters: [],
  };

  const preface = byId(doc.children, 'preface');
  if (preface) mergeSplit(doc.children, preface);
  const chaptersEl = byId(doc.children, 'chapters');
  if (!preface) return plainStory(doc.children, work, ctx, convert, span);

  // The preface: "Posted originally on the Archive of Our Own at URL", the tags, the title, the byline,
  // the summary and the work's notes.
  work.site = /Archive of Our Own/i.test(text(preface)) ? AO3 : undefined;
  for (const a of findAll(preface.children, (el) => el.name === 'a')) {
    const m = /^https?:\/\/(?:www\.)?archiveofourown\.org\/works\/\d+/.exec(a.attribs.href ?? '');
    if (m) {
      work.url = m[0].replace(/^http:/, 'https:');
      work.site = AO3;
      break;
    }
  }
  const dl = findAll(preface.children, (el) => el.name === 'dl' && classes(el).includes('tags'))[0];
  if (dl) {
    let key = '';
    for (const el of children(dl)) {
      if (el.name === 'dt') key = text(el).replace(/:$/, '').toLowerCase();
      else if (el.name === 'dd') {
        const links = findAll(el.children, (a) => a.name === 'a')
          .map(text)
          .filter(Boolean);
        const values = links.length ? links : text(el).split(/,\s*/).filter(Boolean);
        if (/^ratings?$/.test(key)) work.rating = values.join(', ');
        else if (/warnings?$/.test(key)) work.warnings = values;
        else if (/^categor(y|ies)$/.test(key)) work.categories = values;
        else if (/^fandoms?$/.test(key)) work.fandoms = values;
        else if (/^relationships?$/.test(key)) work.relationships = values;
        else if (/^characters?$/.test(key)) work.characters = values;
        else if (/^additional tags?$/.test(key)) work.tags = values;
        else if (key === 'language') {
          work.languageName = text(el);
          work.language = languageTag(work.languageName);
        } else if (key === 'stats') work.published = /Published:\s*(\d{4}-\d{2}-\d{2})/.exec(text(el))?.[1];
      }
    }
  }
  const h1 = findAll(preface.children, (el) => el.name === 'h1')[0];
  if (h1) {
    work.title = text(h1);
    work.titlePos = span(h1);
  }
  const byline = findAll(preface.children, (el) => classes(el).includes('byline'))[0];
  if (byline) {
    const authors = findAll(byline.children, (a) => a.name === 'a' && (a.attribs.rel ?? '').includes('author')).map(
      text,
    );
    work.authors = authors.length ? authors : [text(byline).replace(/^by\s+/i, '')].filter(Boolean);
  }
  /** The quotation after a label paragraph ("Summary", "Notes", "Chapter End Notes") inside `el`. */
  const section = (el: El, label: RegExp): El | undefined => {
    const kids = children(el);
    const at = kids.findIndex((k) => k.name === 'p' && label.test(text(k)));
    const quote = at >= 0 ? kids.slice(at + 1).find((k) => k.name === 'blockquote') : undefined;
    return quote;
  };
  // The work's meta block; in calibre's EPUB its class is renamed, so it is the block that holds the labels.
  const labelled = (el: El) =>
    el.name === 'div' && children(el).some((k) => k.name === 'p' && /^(Summary|Notes):?$/i.test(text(k)));
  const meta =
    findAll(preface.children, (el) => el.name === 'div' && hasClass(el, 'meta'))[0] ??
    findAll(preface.children, labelled)[0] ??
    preface;
  const summaryEl = section(meta, /^Summary:?$/i);
  if (summaryEl)
    work.summary = convert(summaryEl.children)
      .map((b) => (b.type === 'paragraph' ? plainText(b.children) : ''))
      .filter(Boolean)
      .join('\n\n');
  const workNotes = section(meta, /^Notes:?$/i);

  // The chapters: a heading, a summary and notes in a "meta" block, the text, then end notes. A work of
  // one chapter is its text alone.
  // The chapters' parts in reading order, wherever they sit: an EPUB made from the download splits the
  // chapters' wrapper across files, so they are looked for through the whole document.
  // calibre's EPUB renames the meta block's class away (`calibre1`); the chapter heading keeps its own
  // class, `heading`, so a block that opens with one is a chapter's meta block too.
  const chapterMeta = (el: El) =>
    el.name === 'div' &&
    !hasClass(el, 'userstuff') &&
    (hasClass(el, 'meta') || children(el).some((k) => /^h[1-6]$/.test(k.name) && hasClass(k, 'heading'))) &&
    children(el).some((k) => /^h[1-6]$/.test(k.name)) &&
    !/^endnotes/.test(el.attribs.id ?? '');
  // A chapter's text; not the wrapper around the chapters (#chapters, or a copy of it in a split file).
  const wrapper = (el: El) =>
    el.attribs.id === 'chapters' ||
    children(el).some((k) => k.name === 'div' && (hasClass(k, 'meta') || hasClass(k, 'userstuff') || chapterMeta(k)));
  const userstuff = (el: El) => el.name === 'div' && hasClass(el, 'userstuff') && !wrapper(el);
  const chapterEnd = (el: El) => el.name === 'div' && /^endnotes\d+$/.test(el.attribs.id ?? '');
  const isPart = (el: El) => userstuff(el) || chapterMeta(el) || chapterEnd(el);
  const outside = (el: El) => {
    for (let p = el.parent as El | null; p && isEl(p); p = p.parent as El | null)
      if (p === preface || p.attribs.id === 'afterword' || isPart(p)) return false;
    return el !== preface && el.attribs.id !== 'afterword';
  };
  const parts = findAll(doc.children, (el) => isEl(el) && isPart(el) && outside(el));
  let current: { chapter: ArchiveChapter; leading: Block[]; trailing: Block[] } | undefined;
  const finish = () => {
    if (!current) return;
    current.chapter.blocks = [...current.leading, ...current.chapter.blocks, ...current.trailing];
    work.chapters.push(current.chapter);
    current = undefined;
  };
  const note = (label: string, quote: El | undefined): Block[] => {
    const role: NoteRole = label === 'Summary' ? 'summary' : 'author-note';
    const b = quote ? labelledNote(label, role, convert(quote.children), span(quote)) : undefined;
    return b ? [b] : [];
  };
  for (const el of parts) {
    const heading = children(el).find((k) => /^h[1-6]$/.test(k.name));
    if (chapterMeta(el) && heading) {
      finish();
      const headingText = text(heading);
      const parsed = chapterHeading(headingText);
      const title = parsed && parsed.kind === 'chapter' ? parsed.title : headingText;
      current = {
        chapter: {
          title: title || undefined,
          ...(parsed?.kind === 'chapter' && parsed.number !== undefined ? { number: parsed.number } : {}),
          blocks: [],
          pos: span(el),
          titlePos: span(heading),
        },
        leading: [
          ...note('Summary', section(el, /^(Chapter )?Summary:?$/i)),
          ...note('Notes', section(el, /^(Chapter )?Notes:?$/i)),
        ],
        trailing: [],
      };
    } else if (userstuff(el)) {
      current ??= { chapter: { title: undefined, blocks: [], pos: span(el) }, leading: [], trailing: [] };
      current.chapter.blocks.push(...convert(el.children));
    } else if (chapterEnd(el) && current) {
      current.trailing.push(...note('End Notes', section(el, /End Notes:?$/i)));
    }
  }
  finish();
  if (work.chapters.length === 0 && chaptersEl)
    work.chapters.push({ blocks: convert(chaptersEl.children), pos: span(chaptersEl) });
  if (work.chapters.length === 0)
    throw new BookError({
      rule: 'archive',
      message: `${ctx.file} has a preface but no chapters`,
      file: ctx.file,
      hint: 'Download the work again from the archive; the file may be cut short.',
    });
  // A work of one chapter takes the work's title as the chapter's.
  if (work.chapters.length === 1 && !work.chapters[0].title && work.title) {
    work.chapters[0].title = work.title;
    work.chapters[0].titlePos = work.titlePos;
  }
  // The work's notes open its first chapter; its end notes close the last.
  const first = work.chapters[0];
  first.blocks.unshift(...note('Notes', workNotes));
  const afterword = byId(doc.children, 'afterword');
  const endNotes = afterword ? byId(afterword.children, 'endnotes') : null;
  if (endNotes)
    work.chapters[work.chapters.length - 1].blocks.push(...note('End Notes', section(endNotes, /^End Notes:?$/i)));

  const left = [
    preface.children.some((n) => isEl(n) && n.name === 'p' && classes(n).includes('message'))
      ? '"Posted originally on…"'
      : '',
    dl ? 'the tags and stats (kept in book.yaml)' : '',
    afterword ? "the afterword's request for comments" : '',
  ].filter(Boolean);
  if (left.length)
    ctx.diagnostics.add({
      severity: 'info',
      rule: 'archive-apparatus',
      message: `${ctx.file}: the archive's own text is not story text: left out ${left.join(', ')}`,
      file: ctx.file,
    });
  return work;
}

/** The file name an image on the web would have as the writer's local copy ("abc123.jpg"), if it has a usable one. */
export function imageFileName(url: string): string | undefined {
  const name = decodeURIComponent(url.split(/[?#]/)[0].split('/').pop() ?? '');
  return name && /^[^/\\]+$/.test(name) ? name : undefined;
}

/** Images on the web: the writer's local copy in assets/, else left out with a warning (never fetched). */
function resolveImages(blocks: Block[], ctx: ArchiveContext): Block[] {
  const remote = (src: string) => /^(https?:)?\/\//i.test(src);
  const local = (src: string, pos: Span): string | undefined => {
    if (!remote(src) && ctx.epub) {
      if (ctx.epub.images.has(src)) return src;
      ctx.diagnostics.warn({
        rule: 'missing-image',
        message: `the picture ${src} is not in the EPUB (or is not a JPEG, PNG or GIF); it is left out`,
        file: ctx.file,
        start: pos.start,
        end: pos.end,
        hint: 'Make the EPUB again with the picture in it, or import it (octavo import) and add the picture to assets/.',
      });
      return undefined;
    }
    if (!remote(src)) return src;
    const copy = ctx.localImage(src);
    if (copy) return copy;
    const name = imageFileName(src) ?? 'image';
    ctx.diagnostics.warn({
      rule: 'remote-image',
      message: `the image ${src} is on the web; left out (Octavo never downloads anything while building)`,
      file: ctx.file,
      start: pos.start,
      end: pos.end,
      hint: `Save the image as assets/${name} and build again to include it.`,
    });
    return undefined;
  };
  const inlines = (nodes: Inline[]): Inline[] =>
    nodes.flatMap((n): Inline[] => {
      if (n.type === 'image') {
        const asset = local(n.asset, n.pos);
        return asset ? [{ ...n, asset }] : [];
      }
      if (n.type === 'noteRef' && !n.again) n.note.blocks = resolveImages(n.note.blocks, ctx);
      return 'children' in n ? [{ ...n, children: inlines(n.children) } as Inline] : [n];
    });
  return blocks.flatMap((b): Block[] => {
    switch (b.type) {
      case 'figure': {
        const asset = local(b.asset, b.pos);
        return asset ? [{ ...b, asset }] : [];
      }
      case 'paragraph':
      case 'heading': {
        // A paragraph that held only an image left out is no paragraph.
        const kept = inlines(b.children);
        return kept.length === 0 ||
          (kept.every((n) => n.type === 'text' || n.type === 'lineBreak') && plainText(kept).trim() === '')
          ? []
          : [{ ...b, children: kept }];
      }
      case 'blockQuote':
      case 'note':
        return [{ ...b, children: resolveImages(b.children, ctx) }];
      case 'list':
        return [{ ...b, items: b.items.map((item) => resolveImages(item, ctx)) }];
      default:
        return [b];
    }
  });
}

/**
 * A story that is not an archive's download. An EPUB from any tool (calibre, Sigil, pandoc, Scrivener,
 * Google Docs): a chapter per reading-order document, from the first one its contents list names (the
 * cover and title page before it are the package's metadata), each titled by its opening heading or its
 * entry in the contents. An HTML page: one piece that the structure splits at its chapter headings, its
 * title from pandoc's title block, a lone <h1> over the chapters' <h2>s, or its <title>.
 */
function plainStory(
  nodes: HtmlNode[],
  work: ArchiveWork,
  ctx: ArchiveContext,
  convert: (nodes: HtmlNode[]) => Block[],
  span: (n: HtmlNode) => Span,
): ArchiveWork {
  const body = (DomUtils.findOne((n) => (n as El).name === 'body', nodes, true) as El | null) ?? undefined;
  const root = body ? body.children : nodes;
  if (ctx.epub) {
    work.title = ctx.epub.title;
    work.authors = ctx.epub.authors;
    // A language tag, as the package should hold; pandoc may write its locale ("C") instead.
    const tag = ctx.epub.language;
    if (tag) {
      work.languageName = tag;
      work.language = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag) ? tag : undefined;
    }
  }
  const docs = findAll(root, (el) => el.name === 'section' && el.attribs['data-octavo-doc'] !== undefined);
  if (docs.length) {
    const listed = Math.max(
      0,
      docs.findIndex((d) => d.attribs['data-octavo-toc'] !== undefined),
    );
    for (const d of docs.slice(listed)) {
      const blocks = convert(d.children);
      const label = d.attribs['data-octavo-toc'];
      const first = blocks[0];
      const heading = first?.type === 'heading' ? plainText(first.children).trim() : undefined;
      // A cover, an illustration page, a contents page: no chapter.
      if (!blocks.some((b) => b.type === 'paragraph' || b.type === 'blockQuote' || b.type === 'list')) continue;
      if (/^(?:table of )?contents$/i.test(heading ?? label ?? '')) continue;
      // The title page, before any chapter: its heading is the book's title.
      const fold = (t: string | undefined) => (t ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
      if (!work.chapters.length && heading !== undefined && work.title && fold(heading) === fold(work.title)) continue;
      const named = heading ?? (label || undefined);
      const parsed = named ? chapterHeading(named) : undefined;
      work.chapters.push({
        title: parsed?.kind === 'chapter' ? parsed.title || undefined : named,
        ...(parsed?.kind === 'chapter' && parsed.number !== undefined ? { number: parsed.number } : {}),
        blocks: heading !== undefined ? blocks.slice(1) : blocks,
        pos: span(d),
        ...(heading !== undefined ? { titlePos: first!.pos } : {}),
      });
    }
    if (work.chapters.length) return work;
  }
  // pandoc's title block: the title, the authors; not story text.
  const header = findAll(root, (el) => el.attribs.id === 'title-block-header')[0];
  let content = root;
  if (header) {
    const h1 = findAll(header.children, (el) => /^h[1-6]$/.test(el.name))[0];
    if (h1) work.title = text(h1);
    const authors = findAll(header.children, (el) => classes(el).includes('author'))
      .map(text)
      .filter(Boolean);
    if (authors.length) work.authors = authors;
    content = root.filter((n) => n !== header);
  }
  const titleEl = DomUtils.findOne((n) => (n as El).name === 'title', nodes, true) as El | null;
  if (!work.title && titleEl && text(titleEl)) work.title = text(titleEl);
  let blocks = convert(content);
  // One <h1> over the chapters' <h2>s is the story's title.
  const level = (n: number) => blocks.filter((b) => b.type === 'heading' && b.level === n).length;
  if (blocks[0]?.type === 'heading' && blocks[0].level === 1 && level(1) === 1 && level(2) >= 2) {
    work.title ??= plainText(blocks[0].children).trim();
    blocks = blocks.slice(1);
  }
  work.chapters.push({ blocks, pos: span(body ?? nodes[0]), split: true });
  return work;
}
