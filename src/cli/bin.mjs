#!/usr/bin/env node
// Octavo's launcher. It runs the bundle that `npm install` (prepare) builds from src/ with esbuild, and
// rebuilds it first when a source file is newer, so the CLI starts without compiling TypeScript.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(root, 'node_modules', '.cache', 'octavo', 'octavo.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

let built = 0;
try {
  built = fs.statSync(bundle).mtimeMs;
} catch {
  built = 0;
}
if (built === 0 || newestSource(path.join(root, 'src')) > built || fs.statSync(path.join(root, 'package.json')).mtimeMs > built) {
  const { buildCli } = await import(pathToFileURL(path.join(root, 'src', 'cli', 'build-cli.mjs')).href);
  await buildCli();
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
