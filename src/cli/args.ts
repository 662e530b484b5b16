/** Command-line arguments into a command, with usage errors that say what to type instead. */
import { parseArgs } from 'node:util';
import { UsageError } from '../diagnostics/diagnostic.js';
import { FORMATS, type Format } from '../build.js';
import { SHEET_PAPERS, type SheetPaper } from '../impose/index.js';
import { TYPOGRAPHY_RULES } from '../config/schema.js';
import { isTypographyRule } from '../diagnostics/rules.js';
import { DESIGN_IDS, type DesignId } from '../design/index.js';

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | {
      name: 'compile';
      dir: string;
      /** Several books at once (`octavo compile books/a books/b`), built in parallel. */
      backlist?: string[];
      outDir?: string;
      formats?: Format[];
      quiet: boolean;
      json: boolean;
      debug: boolean;
      /** Use and keep the build cache (off with --no-cache). */
      cache: boolean;
      title?: string;
      author?: string;
      design?: DesignId;
    }
  | { name: 'designs'; preview?: { dir: string; outDir?: string } }
  | { name: 'changes'; dir: string; json: boolean; rule?: string }
  | { name: 'watch'; dir: string; outDir?: string; formats?: Format[]; port?: number; design?: DesignId }
  | { name: 'check'; dir: string; json: boolean; strict: boolean; title?: string; author?: string }
  | { name: 'init'; dir: string; from?: string; title?: string; author?: string }
  | { name: 'import'; file: string; dir?: string; title?: string; author?: string }
  | {
      name: 'impose';
      file: string;
      out?: string;
      sheets: number;
      paper: SheetPaper;
      marks: boolean;
      fill: boolean;
      json: boolean;
    };

export const USAGE = `Usage: octavo <command> [options]

Commands:
  compile [dir]     Build the book in dir (default: the current folder) into dist/
  compile FILE      Build a book from one manuscript file (.txt or .md), such as a story you pasted,
                    or from an archive download (Archive of Our Own's HTML)
  compile DIR DIR…  Build several books at once (octavo compile books/*/), as many at a time as the
                    machine has cores; each into its own dist/ (with --out, into DIR/<book folder>)
  import FILE [dir] Make an editable book folder from a Word or OpenDocument manuscript or an archive
                    download (default: a folder named after the file): book.yaml from its title page,
                    properties or preface, one Markdown file per chapter, its pictures in assets/
  init [dir]        Start a new book folder (book.yaml, a first chapter, assets/); --from FILE starts it
                    from a manuscript you have, one file per chapter
  impose BOOK.pdf   Print sheets for hand binding: two pages a side, in folded signatures, for a
                    double-sided printer (written beside the book as <name>-imposed.pdf)
  watch [dir]       Build on every save and show a live preview on http://127.0.0.1 (--port N)
  check [dir|FILE]  Proofread the book: words run together, misspellings, dialogue punctuation, mixed
                    spellings; one line per finding, with its place and a suggestion
  designs           List the book designs (book.yaml design:, or compile --design NAME to try one)
  designs --preview [dir]
                    A contact sheet of the book's first chapter in every design, side by side
                    (<dir>/dist/designs.png and designs.pdf; with --out, in DIR)
  changes [dir]     List every change the typography rules make, with its place (--rule ID to filter)
  help [command]    Show help
  help rules        List every rule: its id, what it does, and how book.yaml switches it off

Options:
  --out DIR         Write the books into DIR (default: <dir>/dist)
  --format LIST     Formats to write, comma-separated: ${FORMATS.join(', ')} (default: epub, pdf; docx
                    too in the manuscript design). docx: a Word manuscript, in standard manuscript format
  --quiet           Print only errors
  --json            Print the report (or the changes) as JSON
  --design NAME     With compile or watch: build in this design instead of book.yaml's (octavo designs)
  --no-cache        With compile: neither use nor keep the build cache (<out>/.octavo-cache/)
  --rule ID         With changes: only this rule's changes
  --port N          With watch: the preview's port (default 4747, or a free one)
  --strict          With check: exit with status 1 when anything is found
  --title TEXT      With compile FILE or import: the book's title (else the file's header, else its name)
  --author NAME     With compile FILE or import: the author (else the file's header)
  --sheets N        With impose: sheets folded together in a signature (default 4: 16 pages)
  --paper NAME      With impose: the printer's paper: ${Object.keys(SHEET_PAPERS).join(', ')} (default letter)
  --marks           With impose: fold marks, and sewing stations on each signature's centre
  --fill            With impose: full signatures, blanks at the end (default: signatures balanced)
  --debug           Show internal details (stack traces) when something goes wrong

  -h, --help        Show this help
  -v, --version     Show Octavo's version

Exit status: 0 done, 1 the book has errors, 2 usage or tool failure.`;

function readArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      quiet: { type: 'boolean', short: 'q', default: false },
      json: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      design: { type: 'string' },
      preview: { type: 'boolean', default: false },
      rule: { type: 'string' },
      title: { type: 'string' },
      author: { type: 'string' },
      from: { type: 'string' },
      sheets: { type: 'string' },
      paper: { type: 'string' },
      marks: { type: 'boolean', default: false },
      fill: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
}

export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs(argv);
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify.*$/s, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), 'Run octavo --help for the options.');
  }
  const { values, positionals } = parsed;
  if (values.version) return { name: 'version' };
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help')
    return { name: 'help', topic: name === 'help' ? rest[0] : name };
  if (name === 'init') {
    if (rest.length > 1)
      throw new UsageError(
        `init takes one folder, got ${rest.length}: ${rest.join(' ')}`,
        'Quote a folder name that contains spaces.',
      );
    return { name: 'init', dir: rest[0] ?? '.', from: values.from, title: values.title, author: values.author };
  }
  if (name === 'import') {
    if (rest.length < 1 || rest.length > 2)
      throw new UsageError(
        `import takes a manuscript or an archive download and a new folder, got ${rest.length} argument${rest.length === 1 ? '' : 's'}`,
        'Run: octavo import "My Novel.docx" mybook (or work.html, work.epub)',
      );
    return { name: 'import', file: rest[0], dir: rest[1], title: values.title, author: values.author };
  }
  if (name === 'impose') {
    if (rest.length !== 1)
      throw new UsageError(`impose takes one PDF, got ${rest.length}`, 'Run: octavo impose dist/book.pdf --sheets 4');
    const sheets = values.sheets === undefined ? 4 : Number(values.sheets);
    if (!Number.isInteger(sheets) || sheets < 1 || sheets > 16)
      throw new UsageError(
        `--sheets ${values.sheets}: expected a whole number of sheets from 1 to 16`,
        'Hand-sewn signatures are usually 3 to 6 sheets; 4 (16 pages) is the common choice.',
      );
    const paper = (values.paper ?? 'letter').toLowerCase();
    if (!(paper in SHEET_PAPERS))
      throw new UsageError(
        `--paper ${values.paper}: unknown paper`,
        `Available: ${Object.keys(SHEET_PAPERS).join(', ')}.`,
      );
    return {
      name: 'impose',
      file: rest[0],
      out: values.out,
      sheets,
      paper: paper as SheetPaper,
      marks: values.marks,
      fill: values.fill,
      json: values.json,
    };
  }
  if (name === 'designs') {
    if (rest.length > (values.preview ? 1 : 0))
      throw new UsageError(
        `designs takes ${values.preview ? 'one book folder' : 'no arguments'}, got ${rest.join(' ')}`,
        'Run: octavo designs --preview [dir]',
      );
    return values.preview
      ? { name: 'designs', preview: { dir: rest[0] ?? '.', ...(values.out ? { outDir: values.out } : {}) } }
      : { name: 'designs' };
  }
  if (values.preview) throw new UsageError('--preview goes with designs', 'Run: octavo designs --preview [dir]');
  const design = parseDesign(values.design);
  if (design && name !== 'compile' && name !== 'watch')
    throw new UsageError('--design goes with compile or watch', 'Run: octavo compile --design literary');
  if (name === 'watch') {
    if (rest.length > 1) throw new UsageError(`watch takes one book folder, got ${rest.length}: ${rest.join(' ')}`);
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535))
      throw new UsageError(`--port ${values.port}: expected a port number from 1 to 65535`);
    return {
      name: 'watch',
      dir: rest[0] ?? '.',
      outDir: values.out,
      formats: parseFormats(values.format),
      port,
      ...(design ? { design } : {}),
    };
  }
  if (name === 'check') {
    if (rest.length > 1)
      throw new UsageError(`check takes one book folder or file, got ${rest.length}: ${rest.join(' ')}`);
    return {
      name: 'check',
      dir: rest[0] ?? '.',
      json: values.json,
      strict: values.strict,
      title: values.title,
      author: values.author,
    };
  }
  if (name === 'changes') {
    if (rest.length > 1) throw new UsageError(`changes takes one book folder, got ${rest.length}: ${rest.join(' ')}`);
    if (values.rule !== undefined && !isTypographyRule(values.rule)) {
      throw new UsageError(
        `--rule ${values.rule}: no typography rule has that id`,
        `The typography rules: ${TYPOGRAPHY_RULES.join(', ')}.`,
      );
    }
    return { name: 'changes', dir: rest[0] ?? '.', json: values.json, rule: values.rule };
  }
  if (name !== 'compile') {
    throw new UsageError(
      `unknown command "${name}"`,
      'Run octavo --help for the commands; to build a book, run: octavo compile [dir]',
    );
  }
  if (rest.length > 1 && (values.title || values.author))
    throw new UsageError(
      `--title and --author name one book, and compile was given ${rest.length}: ${rest.join(' ')}`,
      'Compile a single file with --title and --author on its own.',
    );
  const formats = parseFormats(values.format);
  return {
    name: 'compile',
    dir: rest[0] ?? '.',
    ...(rest.length > 1 ? { backlist: rest } : {}),
    outDir: values.out,
    formats,
    quiet: values.quiet,
    json: values.json,
    debug: values.debug,
    cache: !values['no-cache'],
    title: values.title,
    author: values.author,
    ...(design ? { design } : {}),
  };
}

/** `--design literary`, checked against the designs there are. */
function parseDesign(value: string | undefined): DesignId | undefined {
  if (value === undefined) return undefined;
  const id = value.trim().toLowerCase();
  if (!(DESIGN_IDS as readonly string[]).includes(id))
    throw new UsageError(`--design ${value}: no design has that name`, `The designs: ${DESIGN_IDS.join(', ')}.`);
  return id as DesignId;
}

/** `--format epub,pdf`, checked. */
function parseFormats(value: string | undefined): Format[] | undefined {
  if (value === undefined) return undefined;
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean) as Format[];
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length || formats.length === 0)
    throw new UsageError(`unknown format "${unknown[0] ?? value}"`, `Available formats: ${FORMATS.join(', ')}.`);
  return formats;
}
