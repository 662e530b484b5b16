/**
 * An EPUB as a book source (an archive's "Download → EPUB"): its reading-order documents joined into one
 * HTML text, which is read like the archive's HTML download. Positions in messages count lines of
 * that joined text. Read with limits: a damaged or hostile zip gets a clear error, never a hang.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parseDocument, DomUtils } from 'htmlparser2';
import { BookError } from '../diagnostics/diagnostic.js';
import { archiveBook, archiveWork } from './archive-html.js';
import { defineReader } from './reader.js';

/** Uncompressed size past which an entry is refused (a novel's XHTML is a few MB at most). */
const MAX_ENTRY = 64 * 1024 * 1024;

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

function resolve(base: string, href: string): string {
  const parts = [...base.split('/').slice(0, -1), ...decodeURIComponent(href.split('#')[0]).split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

export function epubToHtml(bytes: Uint8Array, file: string): string {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_ENTRY && /\.(xml|opf|x?html?)$/i.test(f.name) });
  } catch (err) {
    return fail(file, `it is not a zip file (${(err as Error).message})`);
  }
  const text = (name: string) => (entries[name] ? new TextDecoder().decode(entries[name]) : undefined);
  const container = text('META-INF/container.xml') ?? fail(file, 'it has no META-INF/container.xml');
  const opfPath = /full-path\s*=\s*"([^"]+)"/.exec(container)?.[1] ?? fail(file, 'its container names no package file');
  const opf = parseDocument(text(opfPath) ?? fail(file, `its package file ${opfPath} is missing`), { xmlMode: true });
  const byName = (name: string) =>
    DomUtils.findAll((n) => (n as El).name?.replace(/^opf:/, '') === name, opf.children) as El[];
  const manifest = new Map(byName('item').map((i) => [i.attribs.id, i.attribs.href]));
  const spine = byName('itemref')
    .map((r) => manifest.get(r.attribs.idref))
    .filter((h): h is string => !!h);
  if (spine.length === 0) fail(file, 'its reading order (spine) is empty');
  const bodies = spine.map((href) => {
    const doc = text(resolve(opfPath, href));
    if (doc === undefined) return '';
    const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(doc);
    return m ? m[1] : '';
  });
  return `<!DOCTYPE html>\n<html><body>\n${bodies.join('\n')}\n</body></html>\n`;
}

export default defineReader({
  name: 'an EPUB',
  accepts: (target, head) =>
    (/\.epub$/i.test(target) || (head !== undefined && isEpubZip(head))) &&
    fs.existsSync(target) &&
    fs.statSync(target).isFile(),
  read(input) {
    const text = epubToHtml(fs.readFileSync(input.path), path.basename(input.path));
    return archiveBook(archiveWork(text, input.path, input.diagnostics, input.sources), input);
  },
});

/** A zip whose first entry is `mimetype` holding application/epub+zip, as the EPUB specification requires. */
function isEpubZip(head: Uint8Array): boolean {
  const latin = new TextDecoder('latin1').decode(head.subarray(0, 64));
  return (
    latin.startsWith('PK\u0003\u0004') && latin.slice(30, 38) === 'mimetype' && latin.includes('application/epub+zip')
  );
}
