#!/usr/bin/env node
// Octavo's launcher. It runs the bundle that `npm install` (prepare) builds from src/ with esbuild, and
// rebuilds it first when a source file is newer, so the CLI starts without compiling TypeScript. The
// bundle runs through vm.Script with V8's code cache beside it: Node 20 has no module compile cache, and
// compiling a few megabytes of JavaScript on every start would cost more than building most books.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread, workerData } from 'node:worker_threads';

// V8 inlines up to 920 bytes of bytecode into each function it optimises. A build lasts a second or two, and
// with that budget the optimising compiler's threads spent 1.2-1.5 s of CPU on a print build of the corpus,
// nearly as much as the build's own thread, on the same two cores. With 150 they spend about 0.9 s, and the
// code they make is as fast for this work: the whole process took about 15 % less time. The flag is set
// before the bundle is compiled (V8's code cache records the flags it was made with).
v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=150');

// A reader that stops early (`octavo changes | head`) closes the pipe: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(root, 'node_modules', '.cache', 'octavo', 'octavo.cjs');
// Proofreading alone, for the thread that runs it beside a build.
const checkBundle = path.join(root, 'node_modules', '.cache', 'octavo', 'octavo-check.cjs');
const codeCacheOf = (file) => `${file}.v8-${process.version}`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** A bundle, compiled with V8's code cache when there is one. */
function loadBundle(file) {
  let cachedData;
  if (mtime(codeCacheOf(file)) > mtime(file)) cachedData = fs.readFileSync(codeCacheOf(file));
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return { exports: mod.exports, script, cachedData, file };
}

/** After a run, the code cache also holds the functions that ran compiled: kept for the next start. */
function keepCodeCache({ script, cachedData, file }) {
  if (cachedData !== undefined && !script.cachedDataRejected) return;
  try {
    const tmp = `${codeCacheOf(file)}.${process.pid}.${isMainThread ? 0 : 1}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, codeCacheOf(file));
  } catch {
    // A read-only install runs without the cache.
  }
}

if (!isMainThread) {
  // A worker of a running build (proofreading beside it): the bundle is fresh, the main thread saw to that.
  // Its code cache is kept before it answers: the build stops the thread as soon as it has the answer.
  const loaded = loadBundle(checkBundle);
  await loaded.exports.runWorker(workerData, () => keepCodeCache(loaded));
} else {
  const built = mtime(bundle);
  const stale =
    built === 0 ||
    mtime(checkBundle) === 0 ||
    newestSource(path.join(root, 'src')) > built ||
    mtime(path.join(root, 'package.json')) > built;
  if (stale) {
    const { buildCli } = await import(pathToFileURL(path.join(root, 'src', 'cli', 'build-cli.mjs')).href);
    await buildCli();
  }

  const loaded = loadBundle(bundle);
  const { exports } = loaded;
  // This file is also the script of the build's worker threads.
  process.exitCode = await exports.main(process.argv.slice(2), undefined, {
    workerScript: fileURLToPath(import.meta.url),
    root,
  });

  keepCodeCache(loaded);
}
