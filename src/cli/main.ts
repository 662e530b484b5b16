/** The command-line entry: parse arguments, run the command, report, and return the exit status. */
import fs from 'node:fs';
import path from 'node:path';
import { compile, writeAtomic, type CompileResult } from '../build.js';
import { impose, impositionSummary } from '../impose/index.js';
import { BookError, Diagnostics, UsageError, type Message } from '../diagnostics/diagnostic.js';
import { rulesHelp } from '../diagnostics/registry.js';
import { reportLine } from '../diagnostics/rules.js';
import { colours, diagnosticJson, JSON_VERSION, formatDiagnostic, plain, type Style } from '../diagnostics/reporter.js';
import { envFromProcess } from '../env.js';
import { bookFolderOf, loadBook, sourceLines } from '../pipeline.js';
import { notesSummary } from '../structure/notes.js';
import { notesSettings } from '../config/schema.js';
import { initBook, octavoCommand } from './init.js';
import { startWatch } from './watch.js';
import { checkBook, type CheckReport } from '../check/index.js';
import { readWordList } from '../check/dictionary.js';
import { importWork } from './import.js';
import { WORD_EXTENSIONS } from '../read/docx.js';
import { type Command, parseCommand, USAGE } from './args.js';
import { type BacklistResult, backlistJobs, runBacklist } from './backlist.js';

import { VERSION } from '../version.js';
import { DEFAULT_DESIGN, DESIGNS } from '../design/index.js';
import { designsPreview } from '../build.js';

export { VERSION };

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  isTty: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  cwd: process.cwd(),
  env: process.env,
};

function kb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** The compile report; `target` is the book as the command named it (for the commands it suggests). */
function report(result: CompileResult, io: Io, style: Style, ms: number, target: string): string {
  const { book, diagnostics } = result;
  const m = book.metadata;
  const authors = m.creators.filter((c) => c.role === 'aut').map((c) => c.name);
  const lines: string[] = [];
  lines.push(`${style.bold(m.title)}${authors.length ? ` by ${authors.join(', ')}` : ''}`);
  lines.push(
    `  ${book.chapters.length} chapter${book.chapters.length === 1 ? '' : 's'}, ` +
      `${result.words.toLocaleString('en-US')} words`,
  );
  // A single file compiled as a book: say where its title and author came from.
  for (const d of diagnostics.items) if (reportLine(d.rule) === 'source') lines.push(`  ${d.message}`);
  // How the manuscript was read: encodings other than UTF-8, line ends, paragraph conventions, chapters
  // found inside files. A few are listed; many are counted.
  const read = diagnostics.items.filter((d) => d.severity === 'info' && reportLine(d.rule) === 'reading');
  if (read.length > 0 && read.length <= 6) for (const d of read) lines.push(`  read: ${d.message}`);
  else if (read.length > 6) lines.push(`  read: ${read.length} notes on how the files were read; see them with --json`);
  // Pictures the EPUB holds as converted copies (CMYK, too many pixels).
  const images = diagnostics.items.filter((d) => d.severity === 'info' && reportLine(d.rule) === 'images');
  if (images.length > 0 && images.length <= 4) for (const d of images) lines.push(`  ebook: ${d.message}`);
  else if (images.length > 4)
    lines.push(`  ebook: ${images.length} pictures converted for the ebook; see them with --json`);
  for (const out of result.outputs)
    lines.push(`  ${style.green('wrote')} ${path.relative(io.cwd, out.path) || out.path}  ${kb(out.bytes)}`);
  if (result.print) {
    const p = result.print;
    const spine = `${(p.spine / 72).toFixed(3)} in (${((p.spine / 72) * 25.4).toFixed(1)} mm)`;
    lines.push(
      `  print: ${p.pages} pages at ${p.trim}, spine ${spine} on ${p.paper} paper for ` +
        `${p.service === 'kdp' ? 'KDP Print' : 'IngramSpark'}`,
    );
    if (p.cover) {
      const inch = (v: number) => (v / 72).toFixed(3);
      lines.push(
        `  cover: ${inch(p.cover.width)} × ${inch(p.cover.height)} in with bleed, ` +
          `${p.cover.spineText ? 'title and author on the spine' : `no spine text${p.pages < 80 ? ' (under 80 pages)' : ''}`}`,
      );
    }
    if (p.imposition) lines.push(`  binding: ${p.imposition[0]}; ${p.imposition[1]}`, `           ${p.imposition[3]}`);
    const s = p.stats;
    const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
    lines.push(
      `  layout: ${count(s.bodyLines, 'line', 'lines')}, ${s.hyphenatedLines} hyphenated, ` +
        `${count(s.paragraphsRebroken, 'paragraph', 'paragraphs')} rebroken to keep pages even, ${count(s.forcedBreaks, 'unavoidable widow or orphan', 'unavoidable widows or orphans')}, ${count(s.shortPages, 'short page', 'short pages')}${s.unevenSpreads ? ` (${count(s.unevenSpreads, 'uneven spread', 'uneven spreads')})` : ''}`,
    );
  }
  // Author's notes, disclaimers and review requests: what became of them.
  const notes = diagnostics.items.filter((d) => reportLine(d.rule) === 'notes');
  if (notes.length) {
    lines.push(
      `  notes: ${notesSummary(
        notes.map((d) => d.message),
        notesSettings(result.config).authors,
      )}; see ${notes.length === 1 ? 'it' : 'them'} with --json`,
    );
  }
  const changes = diagnostics.changes;
  if (changes.length) {
    const perRule = new Map<string, number>();
    for (const c of changes) perRule.set(c.rule, (perRule.get(c.rule) ?? 0) + 1);
    const list = [...perRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n.toLocaleString('en-US')}`);
    lines.push(
      `  typography: ${changes.length.toLocaleString('en-US')} changes (${list.join(', ')}); list them with: octavo ` +
        `changes`,
    );
  }
  const found = result.checks.findings;
  const per = [...result.checks.perCheck].filter(([, n]) => n > 0).map(([id, n]) => `${id} ${n}`);
  lines.push(
    `  check: ${found ? `${found} finding${found === 1 ? '' : 's'} (${per.join(', ')}); see them with: octavo check${target === '.' ? '' : ` ${target.includes(' ') ? JSON.stringify(target) : target}`}` : 'no findings'}`,
  );
  const sources = sourceLines(result.sources);
  const shown = diagnostics.items.filter((d) => d.severity !== 'info');
  for (const d of shown) lines.push(formatDiagnostic(d, style, sources));
  const warnings = diagnostics.warnings.length;
  lines.push(
    `${warnings ? style.yellow(`${warnings} warning${warnings === 1 ? '' : 's'}`) : 'no warnings'}, done in ` +
      `${(ms / 1000).toFixed(2)} s`,
  );
  return `${lines.join('\n')}\n`;
}

/** A file named instead of a book folder: a book of its own. */
/** `octavo import FILE dir` (and `init --from` a Word or OpenDocument file): the folder, then what next. */
function importCommand(
  file: string,
  dir: string,
  options: { title?: string; author?: string },
  io: Io,
  style: Style,
  runtime: Runtime,
): number {
  const diagnostics = new Diagnostics();
  const made = importWork(file, dir, diagnostics, options);
  const shown = path.relative(io.cwd, dir) || '.';
  for (const d of diagnostics.items.filter((x) => x.severity !== 'info')) io.stderr(`${formatDiagnostic(d, style)}\n`);
  io.stdout(
    `made ${shown}/: book.yaml, ${made.chapters} chapter${made.chapters === 1 ? '' : 's'} in ` +
      `manuscript/${made.files.some((f) => f.startsWith('assets/')) ? ', images in assets/' : ''}\nnext: ${octavoCommand(io.cwd, runtime.workerScript, io.env.PATH)} compile ${shown}\n`,
  );
  return 0;
}

/** `octavo designs`: each design's name and what it looks like, and how to pick one. */
function designsList(style: Style): string {
  const width = Math.max(...DESIGNS.map((d) => d.id.length));
  const lines = DESIGNS.map(
    (d) => `  ${style.bold(d.id.padEnd(width))}  ${d.description}${d.id === DEFAULT_DESIGN.id ? ' (the default)' : ''}`,
  );
  return (
    `${lines.join('\n')}\n\nPick one in book.yaml (design: literary), with changes ` +
    '(design: { name: literary, dropCap: false }); try one with octavo compile --design NAME.\n'
  );
}

function isSingleFile(target: string): boolean {
  return fs.existsSync(target) && fs.statSync(target).isFile();
}

/** After the findings: how many, per check, and what did not run. */
function checkSummary(report: CheckReport, ms: number, style: Style): string {
  const n = report.findings.length;
  const per = [...report.perCheck].filter(([, k]) => k > 0).map(([id, k]) => `${id} ${k}`);
  const lines = [
    `${n ? style.yellow(`${n} finding${n === 1 ? '' : 's'}`) : 'no findings'}${per.length ? ` (${per.join(', ')})` : ''}, checked in ${(ms / 1000).toFixed(2)} s`,
  ];
  for (const s of report.skipped) lines.push(`  ${s.id}: not run, ${s.why}`);
  if (n)
    lines.push(
      style.dim(
        '  switch a check off in book.yaml (check: { misspelling: false }), or silence one line with <!-- ' +
          'octavo-ignore check-id -->',
      ),
    );
  return lines.join('\n');
}

function failure(d: Message, io: Io, style: Style, json: boolean): void {
  if (json)
    io.stdout(`${JSON.stringify({ version: JSON_VERSION, ok: false, diagnostics: [diagnosticJson(d)] }, null, 2)}\n`);
  else io.stderr(`${formatDiagnostic(d, style)}\n`);
}

/**
 * CPU time so far, in ms: the whole process (every thread: the optimising compiler, the garbage collector,
 * the proofreading worker) and, where Linux tells it, the main thread alone. Unlike wall time it does not
 * count the time a busy virtual machine gave to others, so `npm run bench` prints it beside wall time.
 */
function cpuMs(): { total: number; mainThread?: number } {
  const u = process.cpuUsage();
  const total = Math.round((u.user + u.system) / 1000);
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (USER_HZ is 100 on Linux).
    return { total, mainThread: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return { total };
  }
}

/** How the program was started: the launcher names itself as the script of the build's worker threads. */
export interface Runtime {
  workerScript?: string;
  /** Octavo's own folder (the package), where book.schema.json is. */
  root?: string;
}

/**
 * Several books (`octavo compile books/*\/`): each in a process of its own, as many at once as there are
 * cores (without the launcher, as in tests, one after another in this process); each report whole, in the
 * order given, then a summary. One book's failure stops only that book.
 */
async function backlist(
  targets: string[],
  command: Extract<Command, { name: 'compile' }>,
  io: Io,
  runtime: Runtime,
  style: Style,
): Promise<number> {
  const started = performance.now();
  const shared = [
    ...(command.formats ? ['--format', command.formats.join(',')] : []),
    ...(command.cache ? [] : ['--no-cache']),
    ...(command.quiet ? ['--quiet'] : []),
    ...(command.json ? ['--json'] : []),
    ...(command.debug ? ['--debug'] : []),
  ];
  const jobs = backlistJobs(targets, command.outDir && path.resolve(io.cwd, command.outDir), shared);
  const books: { target: string; status: number; report?: unknown }[] = [];
  const done = (r: BacklistResult) => {
    if (command.json) {
      let report: unknown;
      try {
        report = JSON.parse(r.stdout);
      } catch {
        report = { ok: false, output: r.stdout, errors: r.stderr };
      }
      books.push({ target: r.target, status: r.status, report });
      return;
    }
    if (!command.quiet || r.status !== 0) io.stdout(`${style.bold(`== ${r.target}`)}\n${r.stdout}`);
    if (r.stderr) io.stderr(r.stderr);
  };
  let results: BacklistResult[];
  if (runtime.workerScript) results = await runBacklist(jobs, runtime.workerScript, io.env, io.cwd, done);
  else {
    results = [];
    for (const job of jobs) {
      let stdout = '';
      let stderr = '';
      const t = performance.now();
      const status = await main(
        job.args,
        { ...io, isTty: false, stdout: (x) => (stdout += x), stderr: (x) => (stderr += x) },
        runtime,
      );
      const r = { target: job.target, status, stdout, stderr, ms: performance.now() - t };
      results.push(r);
      done(r);
    }
  }
  const failed = results.filter((r) => r.status !== 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (command.json)
    io.stdout(`${JSON.stringify({ version: JSON_VERSION, ok: failed.length === 0, books }, null, 2)}\n`);
  else if (!command.quiet || failed.length)
    io.stdout(
      `${results.length} books: ${results.length - failed.length} built` +
        `${failed.length ? `, ${style.red(`${failed.length} failed`)} (${failed.map((r) => r.target).join(', ')})` : ''}` +
        ` in ${seconds} s\n`,
    );
  return Math.max(0, ...results.map((r) => r.status));
}

export async function main(argv: string[], io: Io = processIo, runtime: Runtime = {}): Promise<number> {
  const style = io.isTty ? colours : plain;
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case 'version':
        io.stdout(`octavo ${VERSION}\n`);
        return 0;
      case 'help':
        io.stdout(command.topic === 'rules' ? rulesHelp() : `${USAGE}\n`);
        return 0;
      case 'init': {
        const dir = path.resolve(io.cwd, command.dir);
        const from = command.from ? path.resolve(io.cwd, command.from) : undefined;
        if (from && !(fs.existsSync(from) && fs.statSync(from).isFile()))
          throw new UsageError(
            `--from ${command.from}: no such file`,
            'Give the manuscript file to start from, such as --from story.txt.',
          );
        // A Word or OpenDocument manuscript: the folder `octavo import` makes of it.
        if (from && WORD_EXTENSIONS.includes(path.extname(from).toLowerCase()))
          return importCommand(from, dir, { title: command.title, author: command.author }, io, style, runtime);
        const root =
          runtime.root ?? (runtime.workerScript && path.resolve(path.dirname(runtime.workerScript), '../..'));
        const schemaFile = root ? path.join(root, 'book.schema.json') : undefined;
        const made = initBook(dir, { from, title: command.title, author: command.author, schemaFile });
        const shown = path.relative(io.cwd, dir) || '.';
        const octavo = octavoCommand(io.cwd, runtime.workerScript, io.env.PATH);
        const inside = octavoCommand(dir, runtime.workerScript, io.env.PATH);
        io.stdout(
          `made ${shown}/: ${made.join(', ')}\nnext: ${octavo} compile ${shown}, or for a live preview as you ` +
            `write: cd ${shown} && ${inside} watch\n`,
        );
        return 0;
      }
      case 'import': {
        const file = path.resolve(io.cwd, command.file);
        if (!(fs.existsSync(file) && fs.statSync(file).isFile()))
          throw new UsageError(
            `import ${command.file}: no such file`,
            'Give the work as the archive downloaded it, such as: octavo import work.html mybook',
          );
        const dir = path.resolve(io.cwd, command.dir ?? path.basename(file).replace(/\.[^.]+$/, ''));
        return importCommand(file, dir, { title: command.title, author: command.author }, io, style, runtime);
      }
      case 'impose': {
        const file = path.resolve(io.cwd, command.file);
        if (!(fs.existsSync(file) && fs.statSync(file).isFile()))
          throw new UsageError(
            `impose ${command.file}: no such file`,
            'Give the book PDF, such as: octavo impose dist/book.pdf',
          );
        const target = command.out ? path.resolve(io.cwd, command.out) : file.replace(/(\.pdf)?$/i, '-imposed.pdf');
        if (target === file) throw new UsageError('--out names the book itself; the imposed sheets go to another file');
        const env = envFromProcess(io.env);
        const date = new Date((env.sourceDateEpoch ?? Math.floor(fs.statSync(file).mtimeMs / 1000)) * 1000);
        const result = await impose(new Uint8Array(fs.readFileSync(file)), path.relative(io.cwd, file) || file, {
          sheetsPerSignature: command.sheets,
          paper: command.paper,
          marks: command.marks,
          mode: command.fill ? 'fill' : 'balance',
          date,
        });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        writeAtomic(target, result.bytes);
        const summary = impositionSummary(result, command.paper);
        if (command.json)
          io.stdout(
            `${JSON.stringify({ version: JSON_VERSION, ok: true, path: target, pages: result.plan.pages, sheets: result.plan.sheets.length, signatures: result.plan.signatures, blanks: result.plan.blanks, scale: result.scale, summary }, null, 2)}\n`,
          );
        else
          io.stdout(
            `${style.green('wrote')} ` +
              `${path.relative(io.cwd, target) || target}\n${summary.map((l) => `  ${l}`).join('\n')}\n`,
          );
        return 0;
      }
      case 'designs': {
        if (!command.preview) {
          io.stdout(designsList(style));
          return 0;
        }
        const dir = path.resolve(io.cwd, command.preview.dir);
        const outDir = command.preview.outDir ? path.resolve(io.cwd, command.preview.outDir) : undefined;
        const made = await designsPreview(dir, envFromProcess(io.env), outDir);
        for (const file of made) io.stdout(`wrote ${path.relative(io.cwd, file) || file}\n`);
        return 0;
      }
      case 'watch': {
        const dir = path.resolve(io.cwd, command.dir);
        const watcher = await startWatch(dir, envFromProcess(io.env), {
          workerScript: runtime.workerScript,
          port: command.port,
          outDir: command.outDir ? path.resolve(io.cwd, command.outDir) : undefined,
          formats: command.formats,
          design: command.design,
          log: (line) => io.stdout(`${line}\n`),
        });
        io.stdout(
          `watching ${path.relative(io.cwd, dir) || '.'}: preview at ${style.bold(watcher.url)} (Ctrl-C to stop)\n`,
        );
        // Ctrl-C: stop watching, let a running build finish its files, close the server.
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await watcher.close();
        io.stdout('stopped\n');
        return 0;
      }
      case 'check': {
        const started = performance.now();
        const dir = path.resolve(io.cwd, command.dir);
        // On a terminal, the phase on one line, cleared before the findings.
        const live = io.isTty && !command.json;
        if (live) io.stderr('\r\x1b[Kreading and typesetting the manuscript…');
        let report: CheckReport;
        let loaded: ReturnType<typeof loadBook>;
        try {
          loaded = loadBook(dir, envFromProcess(io.env), { title: command.title, author: command.author });
          if (live) io.stderr(`\r\x1b[Kproofreading ${loaded.book.chapters.length} chapters…`);
          report = checkBook(loaded.book, loaded.sources, {
            language: loaded.config.language,
            words: readWordList(bookFolderOf(dir)),
            switches: loaded.config.check,
          });
        } finally {
          if (live) io.stderr('\r\x1b[K');
        }
        if (command.json) {
          io.stdout(
            `${JSON.stringify({ version: JSON_VERSION, ok: true, findings: report.findings.map(diagnosticJson), perCheck: Object.fromEntries(report.perCheck), skipped: report.skipped }, null, 2)}\n`,
          );
        } else {
          const lines = sourceLines(loaded.sources);
          for (const d of report.findings) io.stdout(`${formatDiagnostic(d, style, lines, true)}\n`);
          io.stdout(`${checkSummary(report, performance.now() - started, style)}\n`);
        }
        return command.strict && report.findings.length > 0 ? 1 : 0;
      }
      case 'changes': {
        const dir = path.resolve(io.cwd, command.dir);
        const { diagnostics, sources } = loadBook(dir, envFromProcess(io.env));
        const changes = diagnostics.changes.filter((c) => !command.rule || c.rule === command.rule);
        if (command.json)
          io.stdout(
            `${JSON.stringify({ version: JSON_VERSION, ok: true, changes: changes.map(diagnosticJson) }, null, 2)}\n`,
          );
        else {
          const lines = sourceLines(sources);
          for (const c of changes) io.stdout(`${formatDiagnostic(c, style, lines)}\n`);
          io.stdout(
            `${changes.length.toLocaleString('en-US')} ` +
              `change${changes.length === 1 ? '' : 's'}${command.rule ? ` by ${command.rule}` : ''}\n`,
          );
        }
        return 0;
      }
      case 'compile': {
        if (command.backlist) return await backlist(command.backlist, command, io, runtime, style);
        const started = performance.now();
        const env = envFromProcess(io.env);
        const dir = path.resolve(io.cwd, command.dir);
        // A file is a book of its own: `octavo compile story.txt`.
        const single = isSingleFile(dir);
        if (!single && (command.title || command.author))
          throw new UsageError(
            '--title and --author go with compile FILE (one manuscript file); a book folder takes them from book.yaml',
          );
        // On a terminal, one line that says where a long build is; nothing when piped, quiet or JSON.
        const live = io.isTty && !command.quiet && !command.json;
        const progress = live
          ? (phase: string, done?: number, total?: number) =>
              io.stderr(`\r\x1b[K${phase}${total ? ` ${done}/${total}` : ''}…`)
          : undefined;
        let result: CompileResult;
        try {
          result = await compile(
            dir,
            {
              outDir: command.outDir && path.resolve(io.cwd, command.outDir),
              formats: command.formats,
              title: command.title,
              author: command.author,
              design: command.design,
              progress,
              workerScript: runtime.workerScript,
              cache: command.cache,
            },
            env,
          );
        } finally {
          if (live) io.stderr('\r\x1b[K');
        }
        const ms = performance.now() - started;
        if (command.json) {
          io.stdout(
            `${JSON.stringify(
              {
                version: JSON_VERSION,
                ok: true,
                title: result.book.metadata.title,
                chapters: result.book.chapters.length,
                words: result.words,
                checks: {
                  findings: result.checks.findings,
                  perCheck: Object.fromEntries(result.checks.perCheck),
                  aside: result.checks.aside,
                },
                outputs: result.outputs,
                print: result.print,
                timeMs: Math.round(ms),
                phases: Object.fromEntries(Object.entries(result.times).map(([k, v]) => [k, Math.round(v)])),
                maxRssKb: process.resourceUsage().maxRSS,
                cpuMs: cpuMs(),
                diagnostics: result.diagnostics.items.map(diagnosticJson),
              },
              null,
              2,
            )}\n`,
          );
        } else if (!command.quiet) io.stdout(report(result, io, style, ms, command.dir));
        return 0;
      }
    }
  } catch (err) {
    if (err instanceof BookError) {
      failure(err.diagnostic, io, style, json);
      if (debug) io.stderr(`${err.stack}\n`);
      return 1;
    }
    if (err instanceof UsageError) {
      failure(
        { kind: 'problem', severity: 'error', rule: 'usage', message: err.message, hint: err.hint },
        io,
        style,
        json,
      );
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    const message =
      e.code && e.path ? `could not access ${e.path} (${e.code})` : `internal error: ${e?.message ?? String(err)}`;
    failure(
      {
        kind: 'problem',
        severity: 'error',
        rule: 'tool-failure',
        message,
        hint: debug ? undefined : 'Run again with --debug for details, and report it if it persists.',
      },
      io,
      style,
      json,
    );
    if (debug) io.stderr(`${e?.stack ?? String(err)}\n`);
    return 2;
  }
}
