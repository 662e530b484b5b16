// Typst on the same book, for `npm run bench`: the corpus's Markdown chapters as one Typst document at the
// same trim, margins, type size and face as Octavo's print edition (6 × 9 in, EB Garamond 11.5 pt,
// justified and hyphenated, a contents page, each chapter on a new page), compiled to PDF by Typst
// through the typst-ts-node-compiler package. `node test/bench/typst.mjs DOC.typ OUT.pdf` is one whole
// process, timed by the bench as Octavo's builds are.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const FONT_DIR = path.join(path.dirname(require.resolve('@expo-google-fonts/eb-garamond/package.json')));

/** Text as Typst markup: its markup characters escaped, Markdown's `*emphasis*` and `**strong**` mapped. */
function inline(text) {
  const escaped = text.replace(/[\\#$@<>[\]_`~=/+]/g, (c) => `\\${c}`);
  return escaped
    .replace(/\*\*([^*]+)\*\*/g, (_, t) => `#strong[${t}]`)
    .replace(/\*([^*\n]+)\*/g, (_, t) => `#emph[${t}]`)
    .replace(/\*/g, '\\*')
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, (_, a, b, c) => `${a}\\${b}${c}`);
}

/** One chapter file (front matter with its title, paragraphs, block quotes, scene breaks) as Typst. */
function chapter(markdown) {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  const title = fm && /title:\s*"?(.*?)"?\s*$/m.exec(fm[1])?.[1];
  const body = fm ? markdown.slice(fm[0].length) : markdown;
  const out = [];
  if (title) out.push(`= ${inline(title)}`);
  for (const block of body.split(/\n\s*\n/)) {
    const b = block.trim();
    if (!b) continue;
    if (/^(\* *){3,}$|^-{3,}$/.test(b)) out.push('#align(center)[\\*#h(1em)\\*#h(1em)\\*]');
    else if (b.startsWith('>')) out.push(`#quote(block: true)[${inline(b.replace(/^> ?/gm, ''))}]`);
    else if (b.startsWith('#')) out.push(`= ${inline(b.replace(/^#+\s*/, ''))}`);
    else out.push(inline(b.replace(/\n/g, ' ')));
  }
  return out.join('\n\n');
}

/** The Typst document of a book folder's Markdown chapters. */
export function typstDocument(bookDir, title) {
  const dir = path.join(bookDir, 'manuscript');
  const chapters = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => chapter(fs.readFileSync(path.join(dir, f), 'utf8')));
  return [
    '#set page(width: 6in, height: 9in, margin: (inside: 0.875in, outside: 0.5in, top: 0.6in, bottom: 0.6in),',
    '  numbering: "1")',
    '#set text(font: "EB Garamond", size: 11.5pt, lang: "en", hyphenate: true)',
    '#set par(justify: true, first-line-indent: 1.2em, leading: 0.6em, spacing: 0.6em)',
    '#show heading.where(level: 1): it => { pagebreak(weak: true); v(1.5in); align(center, text(size: 16pt, it.body)); v(0.5in) }',
    `#align(center)[#v(2in)#text(size: 28pt)[${inline(title)}]]`,
    '#pagebreak()',
    '#outline(title: "Contents")',
    ...chapters,
  ].join('\n\n');
}

/** Compiles a Typst document to PDF: one process, as the bench times it. */
async function main(input, output) {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ workspace: path.dirname(input), fontArgs: [{ fontPaths: [FONT_DIR] }] });
  const pdf = compiler.pdf({ mainFilePath: input });
  if (!pdf) {
    const diagnostics = compiler.fetchDiagnostics?.(compiler.compile({ mainFilePath: input }));
    throw new Error(`typst failed: ${JSON.stringify(diagnostics)}`);
  }
  fs.writeFileSync(output, pdf);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(path.resolve(process.argv[2]), path.resolve(process.argv[3]));
}
