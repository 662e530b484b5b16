// `npm run score`: compiles the Phantom corpus and scores its typography against the hand-corrected edition.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '..', 'shared');
const corpus = path.join(shared, 'corpus', 'phantom');
if (!fs.existsSync(path.join(corpus, 'truth.jsonl'))) {
  console.error(`The corpus is not at ${corpus}: npm run score needs ../shared beside the project.`);
  process.exit(2);
}
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'octavo-score-'));
try {
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'src', 'cli', 'bin.mjs'), 'compile', corpus, '--out', out, '--quiet'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
  const epub = fs.readdirSync(out).find((f) => f.endsWith('.epub'));
  const score = spawnSync(
    'python3',
    [
      path.join(shared, 'tools', 'score-typography.py'),
      path.join(corpus, 'truth.jsonl'),
      path.join(out, epub),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exitCode = score.status ?? 1;
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
