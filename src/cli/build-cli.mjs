// Bundles src/ into CommonJS files with esbuild (about 100 ms), so that the CLI starts fast: the program,
// and proofreading alone for the thread that runs it beside a build (a tenth of the size, loaded sooner).
// Run by `npm run build`, by `npm install` (prepare) and by the launcher when src/ changed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bundlePath = path.join(root, 'node_modules', '.cache', 'octavo', 'octavo.cjs');
export const checkBundlePath = path.join(root, 'node_modules', '.cache', 'octavo', 'octavo-check.cjs');

/** A hash of every source file and the lock file: the build's identity, which the build cache is keyed by. */
function sourceHash() {
  const h = crypto.createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        h.update(path.relative(root, p));
        h.update(fs.readFileSync(p));
      }
    }
  };
  walk(path.join(root, 'src'));
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(lock)) h.update(fs.readFileSync(lock));
  return h.digest('hex').slice(0, 16);
}

export async function buildCli() {
  const esbuild = await import('esbuild');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
  const bundles = [
    [path.join(root, 'src', 'cli', 'main.ts'), bundlePath],
    [path.join(root, 'src', 'check', 'thread.ts'), checkBundlePath],
  ];
  const options = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Node 20 has both, but esbuild's table says otherwise and turns every regular expression with \p{…}
    // or a lookbehind into `new RegExp(…)`, made again at each use: in a loop over a book's words that costs.
    supported: { 'regexp-unicode-property-escapes': true, 'regexp-lookbehind-assertions': true },
    // Dependencies are bundled too: one file loads far faster than hundreds of small modules. CommonJS, so
    // that the launcher can run it through vm.Script with V8's code cache.
    mainFields: ['module', 'main'],
    // pdfkit finds its data files (colour profiles, standard font metrics) beside its own module, and
    // hyphen's patterns are loaded per language: these stay in node_modules, loaded when a PDF is made.
    external: [
      'pdfkit',
      'fontkit',
      'hyphen',
      'hyphen/*',
      '@resvg/resvg-js',
      'sharp',
      'pdf-lib',
      'dictionary-en',
      'dictionary-en-gb',
    ],
    define: { OCTAVO_VERSION: JSON.stringify(pkg.version), OCTAVO_BUILD: JSON.stringify(sourceHash()) },
    alias: {
      'node-fetch': path.join(root, 'src', 'cli', 'bundle-stubs', 'node-fetch.cjs'),
      'js-yaml': path.join(root, 'src', 'cli', 'bundle-stubs', 'js-yaml.cjs'),
    },
    minify: !process.env.OCTAVO_UNMINIFIED, // OCTAVO_UNMINIFIED=1 npm run build: readable profiles
    // No keepNames: it wraps every function and closure made in a call to set its name, hot loops included
    // (a closure made per paragraph or per page), which cost about 5 % of a print build. Nothing reads
    // function names, and the unminified build keeps them for profiling.
    logLevel: 'error',
    legalComments: 'none',
  };
  await Promise.all(
    bundles.map(([entry, out]) =>
      esbuild.build({ ...options, entryPoints: [entry], outfile: `${out}.${process.pid}.tmp` }),
    ),
  );
  // The proofreading bundle first: a launcher that sees the program's bundle new takes both as built.
  for (const [, out] of [...bundles].reverse()) fs.renameSync(`${out}.${process.pid}.tmp`, out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
