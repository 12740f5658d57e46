import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '../registry.ts';
import { drillHere, load } from './drill-many.ts';
import { claim, type LaneMessage, type WorkerStart } from './parallel.ts';

/** Claims drill jobs from the shared queue until none is left, posting progress and results back. */
const registry = createRegistry();
const post = (message: LaneMessage) => parentPort!.postMessage(message);
const { env, queue, next } = workerData as WorkerStart;

for (let job = claim(queue, next); job; job = claim(queue, next)) {
  try {
    await drillHere(job, load(job, registry), { registry, env, onMessage: post });
  } catch (error) {
    post({
      kind: 'failed',
      index: job.index,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    break;
  }
}
post({ kind: 'drained' });
