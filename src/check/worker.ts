/**
 * Proofreading beside the build: `octavo compile` counts what `octavo check` would find, and on a long
 * book that costs a third of a second, so it runs on a worker thread while the main thread lays out and
 * draws the book. The worker gets the model (the book's chapters and the manuscript sources), never the
 * files: it reads nothing and parses nothing. Without a worker script (the library used in-process, the
 * tests) or when a thread cannot start, the same checks run on the calling thread; the counts are the same.
 */
import { Worker } from 'node:worker_threads';
import type { Book } from '../model/book.js';
import { LineIndex } from '../model/position.js';
import { checkBook, type CheckOptions } from './index.js';

/** What compile reports of proofreading. */
export interface ProofCount {
  findings: number;
  perCheck: Map<string, number>;
  /** Counted on a worker thread beside the build (false: on the calling thread). */
  aside: boolean;
}

/** The task a worker is started with. */
export interface ProofreadTask {
  task: 'proofread';
  /** The build has a long job of its own (the print layout): the worker's thread gives way to it. */
  giveWay: boolean;
}

/** What the main thread sends once the model is ready. */
interface ProofreadRequest {
  book: Book;
  sources: [string, string][];
  options: Omit<CheckOptions, 'dictionary'>;
}

type ProofreadReply =
  | { ok: true; findings: number; perCheck: [string, number][] }
  | { ok: false; message: string; stack?: string };

function count(book: Book, sources: Map<string, LineIndex>, options: CheckOptions): ProofCount {
  const report = checkBook(book, sources, options);
  return { findings: report.findings.length, perCheck: report.perCheck, aside: false };
}

/** A proofreader started before the book is read (so that the thread's start-up overlaps reading). */
export interface Proofreader {
  /** The counts for this book; the checks run aside while the caller goes on. */
  check(book: Book, sources: Map<string, LineIndex>, options: CheckOptions): Promise<ProofCount>;
  /** Stops the thread (a build that failed before it asked). */
  close(): void;
}

/**
 * Starts a proofreading thread running `workerScript` (Octavo's launcher, which loads the proofreading
 * bundle and calls its runWorker, check/thread.ts); without one, a proofreader that checks on the calling
 * thread. `giveWay` when the build has a long job of its own (the print layout): the count is then ready
 * long before the book, and the thread runs at the lowest priority so as not to slow it. When the build
 * would only wait for the count (an EPUB alone), it runs at the normal priority.
 */
export function startProofreader(workerScript: string | undefined, giveWay = false): Proofreader {
  let worker: Worker | undefined;
  if (workerScript) {
    try {
      worker = new Worker(workerScript, {
        workerData: { task: 'proofread', giveWay } satisfies ProofreadTask,
        stdout: true,
        stderr: true,
      });
      // Until it is asked, the thread must not keep a failed build's process alive.
      worker.unref();
    } catch {
      worker = undefined;
    }
  }
  const inline = (book: Book, sources: Map<string, LineIndex>, options: CheckOptions): Promise<ProofCount> => {
    try {
      return Promise.resolve(count(book, sources, options));
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return {
    check(book, sources, options) {
      const w = worker;
      worker = undefined;
      if (!w) return inline(book, sources, options);
      const request: ProofreadRequest = {
        // Images and fonts stay behind: no check reads them.
        book: { ...book, assets: new Map(), fonts: undefined, coverDesign: undefined },
        sources: [...sources].map(([file, lines]) => [file, lines.text]),
        options: { language: options.language, words: options.words, switches: options.switches },
      };
      return new Promise<ProofCount>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          void w.terminate();
          fn();
        };
        w.once('message', (reply: ProofreadReply) =>
          settle(() => {
            if (reply.ok) resolve({ findings: reply.findings, perCheck: new Map(reply.perCheck), aside: true });
            else reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
          }),
        );
        // A thread that could not load or died: the checks run here instead, with the same result.
        const fallBack = () => settle(() => inline(book, sources, options).then(resolve, reject));
        w.once('error', fallBack);
        w.once('exit', fallBack);
        w.ref();
        w.postMessage(request);
      });
    },
    close() {
      void worker?.terminate();
      worker = undefined;
    },
  };
}

/** The worker's side: waits for the model, checks it, answers with the counts. */
export function proofreadWorker(
  port: {
    once(event: 'message', listener: (request: ProofreadRequest) => void): unknown;
    postMessage(reply: ProofreadReply): void;
  },
  beforeReply?: () => void,
): Promise<void> {
  return new Promise((resolve) => {
    port.once('message', (request) => {
      let reply: ProofreadReply;
      try {
        const sources = new Map(request.sources.map(([file, text]) => [file, new LineIndex(text)] as const));
        const counted = count(request.book, sources, request.options);
        reply = { ok: true, findings: counted.findings, perCheck: [...counted.perCheck] };
      } catch (err) {
        const e = err as Error;
        reply = { ok: false, message: e?.message ?? String(err), stack: e?.stack };
      }
      beforeReply?.();
      port.postMessage(reply);
      resolve();
    });
  });
}
