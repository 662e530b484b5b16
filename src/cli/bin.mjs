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
const codeCache = `${bundle}.v8-${process.version}`;

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

/** The bundle, compiled with V8's code cache when there is one. */
function loadBundle() {
  let cachedData;
  if (mtime(codeCache) > mtime(bundle)) cachedData = fs.readFileSync(codeCache);
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  return { exports: mod.exports, script, cachedData };
}

if (!isMainThread) {
  // A worker of a running build (proofreading beside the print layout): the bundle is fresh, the main
  // thread saw to that.
  await loadBundle().exports.runWorker(workerData);
} else {
  const built = mtime(bundle);
  if (built === 0 || newestSource(path.join(root, 'src')) > built || mtime(path.join(root, 'package.json')) > built) {
    const { buildCli } = await import(pathToFileURL(path.join(root, 'src', 'cli', 'build-cli.mjs')).href);
    await buildCli();
  }

  const { exports, script, cachedData } = loadBundle();
  // This file is also the script of the build's worker threads.
  process.exitCode = await exports.main(process.argv.slice(2), undefined, {
    workerScript: fileURLToPath(import.meta.url),
    root,
  });

  if (cachedData === undefined || script.cachedDataRejected) {
    // After a run, the cache also holds the functions that run compiled.
    try {
      const tmp = `${codeCache}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, codeCache);
    } catch {
      // A read-only install runs without the cache.
    }
  }
}
