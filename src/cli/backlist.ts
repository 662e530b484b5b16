/**
 * `octavo compile books/*\/`: several books at once. Each book is built by its own Octavo process (the
 * launcher, run again with the book's folder), as many at a time as the machine has cores, so that one
 * book's failure, or a crash, stops nothing but that book. Each book's report is printed whole, in the
 * order the books were named, then a summary; the exit status is the worst of the books'.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../diagnostics/diagnostic.js';

export interface BacklistJob {
  /** The folder or file as the writer named it. */
  target: string;
  /** The compile arguments for this book alone. */
  args: string[];
}

export interface BacklistResult {
  target: string;
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The jobs for several books: each into its own dist/, or with `--out DIR` into DIR/<its folder's name>. */
export function backlistJobs(targets: string[], outDir: string | undefined, shared: string[]): BacklistJob[] {
  const names = new Map<string, string>();
  return targets.map((target) => {
    const name = path.basename(path.resolve(target)).replace(/\.[^.]+$/, '') || 'book';
    const out = outDir ? path.join(outDir, name) : undefined;
    if (out) {
      const other = names.get(name);
      if (other)
        throw new UsageError(
          `${other} and ${target} would both be written into ${out}`,
          'Give the books folders of different names, or build them without --out (each into its own dist/).',
        );
      names.set(name, target);
    }
    return { target, args: ['compile', target, ...(out ? ['--out', out] : []), ...shared] };
  });
}

/** Runs the jobs with `launcher` (Octavo's own command), `parallel` at a time; `done` is told each in turn. */
export async function runBacklist(
  jobs: BacklistJob[],
  launcher: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  done: (result: BacklistResult, index: number) => void,
  parallel = Math.max(1, Math.min(jobs.length, os.availableParallelism())),
): Promise<BacklistResult[]> {
  const results: (BacklistResult | undefined)[] = new Array(jobs.length);
  let next = 0;
  let told = 0;
  // Reports go out in the order the books were named, each as soon as it and those before it are done.
  const tell = () => {
    while (told < jobs.length && results[told]) {
      done(results[told]!, told);
      told++;
    }
  };
  const one = (job: BacklistJob): Promise<BacklistResult> =>
    new Promise((resolve) => {
      const started = performance.now();
      const child = spawn(process.execPath, [launcher, ...job.args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', (err) =>
        resolve({ target: job.target, status: 2, stdout, stderr: `${stderr}${err.message}\n`, ms: 0 }),
      );
      child.on('close', (code, signal) =>
        resolve({
          target: job.target,
          status: code ?? 2,
          stdout,
          stderr: signal ? `${stderr}octavo stopped by ${signal}\n` : stderr,
          ms: performance.now() - started,
        }),
      );
    });
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await one(jobs[i]);
      tell();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results as BacklistResult[];
}
