/** Test helpers: temporary book folders, the CLI run in-process, and EPUBs read back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { main, type Io } from '../../src/cli/main.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus', 'phantom');
export const hasCorpus = fs.existsSync(path.join(CORPUS, 'book.yaml'));

const made: string[] = [];

/** A fresh temporary folder, removed after the test run. */
export function tempDir(prefix = 'octavo-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export type Files = Record<string, string | Uint8Array>;

/** Writes a book folder; `book.yaml` defaults to a minimal valid one. */
export function makeBook(files: Files, dir = tempDir()): string {
  const all: Files = { 'book.yaml': 'title: "Test Book"\nauthor: "Ada Writer"\nlanguage: en\ndate: 2026\n', ...files };
  for (const [rel, content] of Object.entries(all)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `octavo …` in-process, as a user would type it, with a fixed environment. */
export async function octavo(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTty: options.tty ?? false,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
  };
  const code = await main(args, io, { root: ROOT });
  return { code, stdout, stderr };
}

/** Compiles a book folder into a temporary output folder, in one format, and returns the file. */
async function compileTo(
  format: 'epub' | 'pdf',
  bookDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ run: CliRun; bytes: Uint8Array; path: string }> {
  const out = tempDir('octavo-out-');
  const run = await octavo(['compile', bookDir, '--out', out, '--format', format], { env });
  if (run.code !== 0) throw new Error(`compile failed (${run.code}):\n${run.stderr}${run.stdout}`);
  const file = fs.readdirSync(out).find((f) => f.endsWith(`.${format}`));
  if (!file) throw new Error(`no ${format} file in ${out}`);
  const p = path.join(out, file);
  return { run, bytes: new Uint8Array(fs.readFileSync(p)), path: p };
}

export async function compileEpub(
  bookDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ run: CliRun; epub: Uint8Array; path: string }> {
  const { bytes, ...rest } = await compileTo('epub', bookDir, env);
  return { ...rest, epub: bytes };
}

export async function compilePdf(
  bookDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ run: CliRun; pdf: Uint8Array; path: string }> {
  const { bytes, ...rest } = await compileTo('pdf', bookDir, env);
  return { ...rest, pdf: bytes };
}

export async function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) out.set(name, /\.(png|jpe?g|gif)$/.test(name) ? `<binary ${name}>` : await entry.async('string'));
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? all),
  );
}

export interface ReadChapter {
  file: string;
  title: string;
  paragraphs: string[];
  xhtml: string;
}

/** The book as a reader gets it: chapters in spine order, with their titles and paragraph texts. */
export async function readEpub(
  bytes: Uint8Array,
): Promise<{ files: Map<string, string>; chapters: ReadChapter[]; opf: string; nav: string }> {
  const files = await unzip(bytes);
  const container = files.get('META-INF/container.xml')!;
  const opfPath = /full-path="([^"]+)"/.exec(container)![1];
  const opf = files.get(opfPath)!;
  const base = path.posix.dirname(opfPath);
  const manifest = new Map<string, string>();
  for (const m of opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)) manifest.set(m[1], m[2]);
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => manifest.get(m[1])!);
  const navHref = /<item id="([^"]+)" href="([^"]+)"[^>]*properties="nav"/.exec(opf)![2];
  const chapters: ReadChapter[] = [];
  for (const href of spine) {
    const xhtml = files.get(path.posix.join(base, href))!;
    if (
      !/epub:type="(chapter|prologue|epilogue|foreword|preface|introduction|dedication|epigraph|acknowledgments|afterword|appendix|backmatter)"/.test(
        xhtml,
      )
    )
      continue;
    const title = decodeXml((/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(xhtml)?.[1] ?? '').replace(/<[^>]+>/g, '')).trim();
    // Ordered-list numbers are part of what a reader sees: put them in front of their item's text.
    const visible = xhtml.replace(
      /<ol(?: start="(\d+)")?>([\s\S]*?)<\/ol>/g,
      (_all, start: string | undefined, items: string) => {
        let n = Number(start ?? 1);
        return items.replace(/<li><p\b([^>]*)>/g, (_m, attrs: string) => `<li><p${attrs}>${n++}. `);
      },
    );
    const paragraphs = [...visible.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
      decodeXml(m[1].replace(/<br\s*\/?>/g, ' ').replace(/<[^>]+>/g, '')),
    );
    chapters.push({ file: href, title, paragraphs, xhtml });
  }
  return { files, chapters, opf, nav: files.get(path.posix.join(base, navHref))! };
}

const checker = new EpubCheck({});
/** EPUBCheck's verdict (the TypeScript port that installs from npm; CI adds the reference Java one). */
export async function epubcheck(bytes: Uint8Array): Promise<{ errors: number; warnings: number; messages: string[] }> {
  const result = await checker.check(bytes);
  const messages = result.messages
    .filter((m) => ['FATAL', 'ERROR', 'WARNING', 'fatal', 'error', 'warning'].includes(String(m.severity)))
    .map((m) => `${m.severity} ${m.id}: ${m.message}${m.location ? ` (${JSON.stringify(m.location)})` : ''}`);
  return { errors: result.errorCount + result.fatalCount, warnings: result.warningCount, messages };
}

/** Words of a text, for comparing what a reader sees with what the writer typed. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Every file below a folder with its bytes, to prove that nothing changed. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full).toString('base64') + fs.statSync(full).mtimeMs);
    }
  };
  walk(dir);
  return out;
}

/** A real PNG of the given size, one flat colour. */
export function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
