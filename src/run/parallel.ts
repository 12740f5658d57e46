import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Signal } from '../controls/signal.ts';
import type { RunReport } from '../report/model.ts';

/** One scenario to drill, in a form that crosses a thread boundary. */
export interface DrillJob {
  index: number;
  file: string;
  text: string;
  folder: string;
  disabledControls: string[];
  seed?: number;
  patients?: number;
  confirmations: Array<[string, { offsetMs: number; by: string }]>;
}

export type WorkerMessage =
  | { kind: 'signal'; index: number; signal: Signal }
  | { kind: 'done'; index: number; report: RunReport; exitCode: 0 | 1 }
  | { kind: 'failed'; index: number; error: string };

export interface DrillOutcome {
  report: RunReport;
  exitCode: 0 | 1;
}

const WORKER_ENTRY = new URL('../../bin/drill-worker.mjs', import.meta.url);

/** Below this many scenarios a worker's start-up (loading the code again) costs more than it saves. */
const WORTH_A_WORKER = 4;

/** How many scenarios to drill at once: one per core for a catalog, in-process for a few. */
export function defaultJobs(scenarios: number): number {
  if (scenarios < WORTH_A_WORKER) return 1;
  return Math.min(availableParallelism(), scenarios);
}

/**
 * Drills scenarios on a pool of worker threads (each run is CPU-bound and independent: its own
 * estate, clock and run folder), returning outcomes in job order so output stays deterministic.
 * A worker that fails a job rejects the whole drill: a harness error is not a verdict.
 */
export async function drillInParallel(
  jobs: readonly DrillJob[],
  options: {
    workers: number;
    env: Readonly<Record<string, string | undefined>>;
    onMessage?(message: WorkerMessage): void;
  },
): Promise<DrillOutcome[]> {
  const outcomes: DrillOutcome[] = new Array(jobs.length);
  const queue = [...jobs];
  const pool = Array.from(
    { length: Math.min(options.workers, jobs.length) },
    () => new Worker(WORKER_ENTRY, { workerData: { env: { ...options.env } } }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = queue.shift();
              if (job) worker.postMessage(job);
              else resolve();
            };
            worker.on('message', (message: WorkerMessage) => {
              options.onMessage?.(message);
              if (message.kind === 'done') {
                outcomes[message.index] = { report: message.report, exitCode: message.exitCode };
                next();
              } else if (message.kind === 'failed') {
                reject(new Error(`drill of ${jobs[message.index]!.file} failed: ${message.error}`));
              }
            });
            worker.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return outcomes;
}
