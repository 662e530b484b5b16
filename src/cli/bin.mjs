#!/usr/bin/env node
// Octavo's launcher. It runs the bundle that `npm install` (prepare) builds from src/ with esbuild, and
// rebuilds it first when a source file is newer, so the CLI starts without compiling TypeScript. The
// bundle runs through vm.Script with V8's code cache beside it: Node 20 has no module compile cache, and
// compiling a few megabytes of JavaScript on every start would cost more than building most books.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

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

const built = mtime(bundle);
if (built === 0 || newestSource(path.join(root, 'src')) > built || mtime(path.join(root, 'package.json')) > built) {
  const { buildCli } = await import(pathToFileURL(path.join(root, 'src', 'cli', 'build-cli.mjs')).href);
  await buildCli();
}

let cachedData;
if (mtime(codeCache) > mtime(bundle)) cachedData = fs.readFileSync(codeCache);
const source = fs.readFileSync(bundle, 'utf8');
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
process.exitCode = await mod.exports.main(process.argv.slice(2));

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
