/**
 * The proofreading thread's entry: a bundle of its own (octavo-check.cjs, built beside the CLI's), so that
 * the thread loads proofreading alone and not the whole program. Loading the CLI's bundle took the thread
 * about 110 ms of a 750 ms EPUB build of the corpus, on the build's critical path (the build waits for the
 * count); this one is a tenth of its size.
 *
 * Proofreading only fills a report's count: beside a print layout its thread gives way to the build's. On
 * Linux a thread has a scheduling priority of its own; at the lowest (nice 19) it runs when a core is free
 * rather than taking turns with the layout (a print build of the corpus about 10 % sooner).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { proofreadWorker, type ProofreadTask } from './worker.js';

/** `beforeReply`: what the launcher does before the answer goes (it keeps the bundle's code cache). */
export async function runWorker(data: ProofreadTask, beforeReply?: () => void): Promise<void> {
  if (data?.task !== 'proofread' || !parentPort)
    throw new Error(`internal: unknown worker task ${JSON.stringify(data)}`);
  if (data.giveWay) {
    try {
      const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
      if (tid > 0 && tid !== process.pid) os.setPriority(tid, 19);
    } catch {
      // Not Linux: the same priority as the rest.
    }
  }
  await proofreadWorker(parentPort, beforeReply);
}
