// `npm run bench`: Octavo on the Phantom corpus, EPUB and print PDF apart, the EPUB of the same book ten
// times over and from its Word document: whole process (Node start-up included), per phase, peak memory; pandoc on the same files when
// it is installed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'phantom');
const bin = path.join(root, 'src', 'cli', 'bin.mjs');

if (!fs.existsSync(path.join(corpus, 'book.yaml'))) {
  console.error(`The corpus is not at ${corpus}; the benchmark needs ../shared/corpus/phantom beside the project.`);
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'octavo-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

/** The corpus repeated `times` times, as one temporary book. */
function repeatedBook(times) {
  const dir = path.join(work, `phantom-x${times}`);
  fs.mkdirSync(path.join(dir, 'manuscript'), { recursive: true });
  fs.copyFileSync(path.join(corpus, 'book.yaml'), path.join(dir, 'book.yaml'));
  const files = fs
    .readdirSync(path.join(corpus, 'manuscript'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  for (let r = 1; r <= times; r++) {
    for (const f of files)
      fs.copyFileSync(
        path.join(corpus, 'manuscript', f),
        path.join(dir, 'manuscript', `${String(r).padStart(2, '0')}-${f}`),
      );
  }
  return dir;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function best(xs) {
  return Math.min(...xs);
}

/** Cold builds (`--no-cache`) unless `cache` is true; `format` undefined builds both books and the cover. */
function octavo(bookDir, runs, format, { cache = false, out = path.join(work, 'out'), before } = {}) {
  const samples = [];
  const mainCpu = [];
  const otherCpu = [];
  let last;
  spawnSync(process.execPath, [bin, '--version']); // warm the bundle and the file cache
  for (let i = 0; i < runs; i++) {
    before?.(i);
    const args = [bin, 'compile', bookDir, '--out', out, '--json', ...(format ? ['--format', format] : [])];
    if (!cache) args.push('--no-cache');
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    samples.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`octavo failed:\n${r.stderr}${r.stdout}`);
    last = JSON.parse(r.stdout);
    if (last.cpuMs?.mainThread !== undefined) {
      mainCpu.push(last.cpuMs.mainThread);
      otherCpu.push(last.cpuMs.total - last.cpuMs.mainThread);
    }
  }
  return {
    ms: median(samples),
    best: best(samples),
    report: last,
    cpu: mainCpu.length ? { main: median(mainCpu), other: median(otherCpu) } : undefined,
  };
}

/** `octavo check` on a book: whole process, median of runs. */
function check(bookDir, runs) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, 'check', bookDir, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    samples.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`octavo check failed:\n${r.stderr}${r.stdout}`);
    last = JSON.parse(r.stdout);
  }
  return { ms: median(samples), findings: last.findings.length };
}

/**
 * `octavo watch` on a copy of the corpus: the time from saving a chapter to the page's update event for
 * its preview, and to the event for the whole rebuilt book (median of saves).
 */
async function watchSaves(bookDir, saves) {
  const copy = path.join(work, 'watched');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(bookDir, copy, { recursive: true });
  const child = spawn(process.execPath, [bin, 'watch', copy, '--out', path.join(work, 'watch-out')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const until = async (test) => {
    while (!test()) await new Promise((r) => setTimeout(r, 5));
  };
  await until(() => /built in/.test(stdout));
  const url = /preview at (?:\x1b\[1m)?(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)[1];
  const events = [];
  const req = http.get(`${url}events`, (res) =>
    res.on('data', (d) => {
      for (const m of String(d).matchAll(/data: (.*)/g)) events.push({ at: performance.now(), ...JSON.parse(m[1]) });
    }),
  );
  await until(() => events.length > 0);
  const chapter = path.join(copy, 'manuscript', '05-chapter-4.md');
  const preview = [];
  const whole = [];
  for (let i = 0; i < saves; i++) {
    const seen = events.length;
    const t = performance.now();
    fs.appendFileSync(chapter, `\nA line added by the benchmark, save ${i + 1}.\n`);
    // The page, told, fetches the chapter again: the preview is updated when that arrives.
    await until(() => events.length >= seen + 1);
    const text = await new Promise((resolve) =>
      http.get(`${url}chapter`, (res) => {
        let b = '';
        res.on('data', (d) => (b += d));
        res.on('end', () => resolve(b));
      }),
    );
    if (!String(text).includes(`save ${i + 1}.`)) throw new Error('the preview did not show the save');
    preview.push(performance.now() - t);
    await until(() => events.length >= seen + 2);
    whole.push(events[seen + 1].at - t);
  }
  req.destroy();
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  return { preview: median(preview), whole: median(whole) };
}

function pandoc(bookDir, runs) {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const files = fs
    .readdirSync(path.join(bookDir, 'manuscript'))
    .sort()
    .map((f) => path.join(bookDir, 'manuscript', f));
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync('pandoc', [
      '-f',
      'markdown',
      '-t',
      'epub3',
      '--metadata',
      'title=Bench',
      '-o',
      path.join(work, 'pandoc.epub'),
      ...files,
    ]);
    samples.push(performance.now() - t);
  }
  return { ms: median(samples), best: best(samples) };
}

/** Typst setting the same chapters at the same trim, size and face (test/bench/typst.mjs), whole process. */
async function typst(bookDir, runs) {
  let typstDocument;
  try {
    ({ typstDocument } = await import('./typst.mjs'));
    createRequire(import.meta.url).resolve('@myriaddreamin/typst-ts-node-compiler');
  } catch {
    return undefined;
  }
  const doc = path.join(work, 'book.typ');
  fs.writeFileSync(doc, typstDocument(bookDir, 'The Phantom of the Opera'));
  const script = path.join(root, 'test', 'bench', 'typst.mjs');
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [script, doc, path.join(work, 'typst.pdf')], { encoding: 'utf8' });
    samples.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`typst failed:\n${r.stderr}`);
  }
  const pages = Number(
    /Pages:\s+(\d+)/.exec(
      spawnSync('pdfinfo', [path.join(work, 'typst.pdf')], { encoding: 'utf8' }).stdout ?? '',
    )?.[1] ?? 0,
  );
  return { ms: median(samples), best: best(samples), pages };
}

/**
 * A rebuild after a one-word edit against a cold build of the same book, both books and the cover: cold
 * builds with --no-cache; warm ones into the folder an earlier build left its cache in, each after
 * changing one word in one chapter.
 */
function rebuild(bookDir, runs) {
  const copy = path.join(work, 'edited');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(bookDir, copy, { recursive: true });
  const chapter = path.join(copy, 'manuscript', '05-chapter-4.md');
  const words = ['strange', 'curious'];
  const edit = (i) => {
    const text = fs.readFileSync(chapter, 'utf8');
    const [from, to] = i % 2 === 0 ? words : [...words].reverse();
    fs.writeFileSync(chapter, text.replace(new RegExp(`\\b${from}\\b`), to));
  };
  const cold = octavo(copy, runs, undefined, { before: edit });
  const out = path.join(work, 'warm-out');
  octavo(copy, 1, undefined, { cache: true, out });
  const warm = octavo(copy, runs, undefined, { cache: true, out, before: edit });
  return { cold, warm };
}

const rows = [];
const one = octavo(corpus, 7, 'epub');
const print = octavo(corpus, 5, 'pdf');
const ten = octavo(repeatedBook(10), 3, 'epub');
const proof = check(corpus, 5);
const saves = await watchSaves(corpus, 5);
const pandocOne = pandoc(corpus, 3);
const typstOne = await typst(corpus, 5);
const rebuilt = rebuild(corpus, 5);
// The same novel as the writer's Word document (the word-styled delivery): what reading .docx costs.
const wordBook = path.resolve(root, '..', 'shared', 'corpus', 'deliveries', 'word-styled', 'input');
const word = fs.existsSync(path.join(wordBook, 'book.yaml')) ? octavo(wordBook, 7, 'epub') : undefined;

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
for (const [name, r] of [
  ['phantom EPUB', one],
  ['phantom print PDF', print],
  ['phantom x10 EPUB', ten],
]) {
  const p = r.report.phases;
  rows.push(
    `${name.padEnd(26)} whole process ${fmt(r.ms)}   ${Object.entries(p)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(
        ', ',
      )}   peak ${(r.report.maxRssKb / 1024).toFixed(0)} MB   ${r.report.words.toLocaleString('en-US')} words`,
  );
  // CPU is steadier than wall time on a shared machine; the other threads are V8's compiler and collector
  // and the proofreading worker, on the same two cores.
  if (r.cpu) rows.push(`${''.padEnd(26)} CPU: main thread ${fmt(r.cpu.main)}, other threads ${fmt(r.cpu.other)}`);
}
console.log('Octavo compile, cold (--no-cache; median of runs, Node start-up included)');
for (const row of rows) console.log(`  ${row}`);
console.log(
  `  print PDF (${print.report.print.pages} pages): ${fmt(print.ms)} whole process, layout ` +
    `${print.report.phases.layout} ms, drawing ${print.report.phases.draw} ms (target: under 2000 ms)`,
);
console.log(
  `Octavo watch on the corpus: save to updated chapter preview ${fmt(saves.preview)} (target: 200 ms or less), save ` +
    `to the rebuilt book ${fmt(saves.whole)}`,
);
console.log(
  `Octavo check on the corpus: ${fmt(proof.ms)} whole process, ${proof.findings} findings (target: under 1500 ms)`,
);
if (word) {
  const p = word.report.phases;
  console.log(
    `The same novel from its Word document (.docx): ${fmt(word.ms)} whole process (parse ${p.parse} ms), ` +
      `${Math.abs(word.ms - one.ms).toFixed(0)} ms ${word.ms >= one.ms ? 'more' : 'less'} than from Markdown (target: at most 200 ms more)`,
  );
} else console.log('../shared/corpus/deliveries/word-styled is absent: no Word document measured');
const growth = ten.ms / one.ms;
console.log(`  10x the text costs ${growth.toFixed(1)}x the time (target: at most 10x)`);
console.log(
  `  peak memory for the corpus PDF: ${(print.report.maxRssKb / 1024).toFixed(0)} MB; for 10x the text as EPUB: ${(ten.report.maxRssKb / 1024).toFixed(0)} MB (target: under 1024 MB)`,
);
console.log('Side by side, in this run (best of runs, whole process):');
if (pandocOne !== undefined) {
  console.log(
    `  corpus EPUB: Octavo ${fmt(one.best)}, pandoc markdown -> epub3 ${fmt(pandocOne.best)}: ` +
      `${(one.best / pandocOne.best).toFixed(2)}x (target: 0.25x or less)`,
  );
} else {
  console.log('  pandoc is not installed: no EPUB comparison (apt-get install pandoc)');
}
if (typstOne !== undefined) {
  console.log(
    `  corpus PDF: Octavo ${fmt(print.best)} (${print.report.print.pages} pages), Typst ${fmt(typstOne.best)} ` +
      `(${typstOne.pages} pages, the same chapters at 6x9 in, EB Garamond 11.5 pt): ` +
      `${(print.best / typstOne.best).toFixed(2)}x (target: 1.0x or less)`,
  );
} else {
  console.log('  typst-ts-node-compiler is not installed: no PDF comparison (npm install)');
}
console.log(
  `  rebuild after a one-word edit (EPUB, PDF and cover): cold ${fmt(rebuilt.cold.best)}, with the cache ` +
    `${fmt(rebuilt.warm.best)}: ${(rebuilt.warm.best / rebuilt.cold.best).toFixed(2)}x (target: 0.25x or less); ` +
    `layout ${rebuilt.cold.report.phases.layout} -> ${rebuilt.warm.report.phases.layout} ms`,
);
