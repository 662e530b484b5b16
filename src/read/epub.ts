/**
 * An EPUB as a book source (an archive's "Download → EPUB", or any tool's EPUB 2 or 3): its reading-order
 * documents joined into one HTML text, each in a section of its own that says which contents entry names
 * it, read like an archive's HTML download when it is one and as a book of chapters otherwise. Positions
 * in messages count lines of that joined text. Read as hostile: a damaged package, a zip bomb, a name that
 * climbs out of the package or a malformed address gets a clear error or is passed over, never a hang.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import { BookError } from '../diagnostics/diagnostic.js';
import { archiveBook, archiveWork } from './archive-html.js';
import { defineReader } from './reader.js';
import { entryText, openZip } from './zip.js';

type Node = ReturnType<typeof parseDocument>['children'][number];
type El = Extract<Node, { attribs: Record<string, string> }>;

const fail = (file: string, why: string): never => {
  throw new BookError({
    rule: 'epub-source',
    message: `${file} cannot be read as an EPUB: ${why}`,
    file,
    hint: "Download the work again, or use the archive's HTML download instead.",
  });
};

/** The package path `href` names from the document at `base`; never above the package's root. */
function resolve(base: string, href: string): string {
  let path = href.split('#')[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is taken as written.
  }
  const parts = [...base.split('/').slice(0, -1), ...path.split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

/** What an EPUB holds besides its text: the package's metadata, its contents, the classes its CSS styles. */
export interface EpubSource {
  /** The reading-order documents' bodies joined, each in a `<section data-octavo-doc>` of its own. */
  html: string;
  title?: string;
  authors: string[];
  language?: string;
  /** Classes its style sheets set in italic or bold (calibre's `calibre7`, Scrivener's `p1`). */
  classStyles: Map<string, 'emphasis' | 'strong'>;
  /** The pictures it holds, by their path in the package (which the text's images now name). */
  images: Map<string, Uint8Array>;
}

const PICTURE = /\.(?:png|jpe?g|gif)$/i;

/**
 * The classes style sheets make italic or bold: `.x { font-style: italic }`, `span.y { font-weight: bold }`,
 * in simple rules (a class selector, alone or after a tag, in a list); anything more involved is left alone.
 */
export function classStylesOf(css: string): Map<string, 'emphasis' | 'strong'> {
  const out = new Map<string, 'emphasis' | 'strong'>();
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of clean.matchAll(/([^{}@]+)\{([^{}]*)\}/g)) {
    const body = m[2];
    const italic = /font-style\s*:\s*(?:italic|oblique)/i.test(body);
    const bold = /font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i.test(body);
    if (!italic && !bold) continue;
    for (const selector of m[1].split(',')) {
      const cls = /^\s*(?:[a-z][a-z0-9]*)?\.([\w-]+)\s*$/i.exec(selector)?.[1];
      if (cls) out.set(cls, italic ? 'emphasis' : 'strong');
    }
  }
  return out;
}

export function epubToHtml(bytes: Uint8Array, file: string): EpubSource {
  // Hostile until proven otherwise: entry count, sizes and compression ratio checked before inflating.
  const { files: entries } = openZip(
    bytes,
    file,
    'an EPUB',
    'epub-source',
    (name) => /\.(xml|opf|x?html?|css|ncx)$/i.test(name) || PICTURE.test(name),
  );
  const text = (name: string) => entryText(entries[name]);
  const container = text('META-INF/container.xml') ?? fail(file, 'it has no META-INF/container.xml');
  const opfPath = /full-path\s*=\s*"([^"]+)"/.exec(container)?.[1] ?? fail(file, 'its container names no package file');
  const opf = parseDocument(text(opfPath) ?? fail(file, `its package file ${opfPath} is missing`), { xmlMode: true });
  const byName = (name: string) =>
    DomUtils.findAll((n) => (n as El).name?.replace(/^(?:opf|dc):/, '') === name, opf.children) as El[];
  const items = byName('item');
  const manifest = new Map(items.map((i) => [i.attribs.id, i.attribs.href]));
  const spine = byName('itemref')
    .map((r) => manifest.get(r.attribs.idref))
    .filter((h): h is string => !!h);
  if (spine.length === 0) fail(file, 'its reading order (spine) is empty');
  const meta = (name: string) =>
    (DomUtils.findAll((n) => (n as El).name === `dc:${name}`, opf.children) as El[])
      .map((el) => DomUtils.textContent(el).replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  // The contents: the EPUB 3 nav's toc, else the NCX; the documents they point to, with their labels.
  const nav = items.find((i) => /\bnav\b/.test(i.attribs.properties ?? ''))?.attribs.href;
  const ncx = items.find((i) => /ncx/.test(i.attribs['media-type'] ?? ''))?.attribs.href;
  const toc = new Map<string, string>();
  const tocAt = nav ?? ncx;
  const tocText = tocAt ? text(resolve(opfPath, tocAt)) : undefined;
  if (tocAt && tocText) {
    const tocDoc = parseDocument(tocText, { xmlMode: true });
    const base = resolve(opfPath, tocAt);
    const links = nav
      ? (DomUtils.findAll((n) => (n as El).name === 'a' && !!(n as El).attribs.href, tocDoc.children) as El[]).map(
          (a) => [a.attribs.href, DomUtils.textContent(a)] as const,
        )
      : (DomUtils.findAll((n) => (n as El).name === 'navPoint', tocDoc.children) as El[]).map((p) => {
          const label = DomUtils.findOne((n) => (n as El).name === 'text', p.children, true);
          const content = DomUtils.findOne((n) => (n as El).name === 'content', p.children, true) as El | null;
          return [content?.attribs.src ?? '', label ? DomUtils.textContent(label) : ''] as const;
        });
    for (const [href, label] of links) {
      const doc = resolve(base, href);
      if (href && !toc.has(doc)) toc.set(doc, label.replace(/\s+/g, ' ').trim());
    }
  }
  const styles = new Map<string, 'emphasis' | 'strong'>();
  for (const i of items)
    if (/css/.test(i.attribs['media-type'] ?? '') || /\.css$/i.test(i.attribs.href ?? ''))
      for (const [k, v] of classStylesOf(text(resolve(opfPath, i.attribs.href)) ?? '')) styles.set(k, v);
  const bodies = spine.map((href, k) => {
    const name = resolve(opfPath, href);
    const doc = text(name);
    if (doc === undefined || name === (nav ? resolve(opfPath, nav) : '')) return '';
    for (const css of doc.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi))
      for (const [c, v] of classStylesOf(css[1])) styles.set(c, v);
    // Pictures are named by their path in the package, from wherever the document that shows them stands.
    const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(
      doc.replace(/(<img\b[^>]*?\bsrc\s*=\s*)(["'])([^"']*)\2/gi, (all, pre: string, q: string, src: string) =>
        /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src) ? all : `${pre}${q}${resolve(name, src)}${q}`,
      ),
    );
    const label = toc.get(name);
    const attrs = `data-octavo-doc="${k}"${label !== undefined ? ` data-octavo-toc="${escapeAttr(label)}"` : ''}`;
    return m ? `<section ${attrs}>\n${m[1]}\n</section>` : '';
  });
  return {
    html: `<!DOCTYPE html>\n<html><body>\n${bodies.join('\n')}\n</body></html>\n`,
    title: meta('title')[0],
    authors: meta('creator'),
    language: meta('language')[0],
    classStyles: styles,
    images: new Map(Object.entries(entries).filter(([n]) => PICTURE.test(n))),
  };
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export default defineReader({
  name: 'an EPUB',
  accepts: (target, head) =>
    (/\.epub$/i.test(target) || (head !== undefined && isEpubZip(head))) &&
    fs.existsSync(target) &&
    fs.statSync(target).isFile(),
  read(input) {
    const epub = epubToHtml(fs.readFileSync(input.path), path.basename(input.path));
    return archiveBook(archiveWork(epub.html, input.path, input.diagnostics, input.sources, epub), input, epub.images);
  },
});

/** A zip whose first entry is `mimetype` holding application/epub+zip, as the EPUB specification requires. */
function isEpubZip(head: Uint8Array): boolean {
  const latin = new TextDecoder('latin1').decode(head.subarray(0, 64));
  return (
    latin.startsWith('PK\u0003\u0004') && latin.slice(30, 38) === 'mimetype' && latin.includes('application/epub+zip')
  );
}
