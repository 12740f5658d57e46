import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Signal } from '../controls/signal.ts';
import type { RunReport } from '../report/model.ts';
import type { Monitoring } from '../telemetry/delivery/monitoring.ts';
import type { RunInfraOptions } from './run-infra.ts';
import type { TelemetryPolicy } from './telemetry-file.ts';

/** One scenario to drill, in a form that crosses a thread boundary. */
export interface DrillJob {
  index: number;
  file: string;
  text: string;
  folder: string;
  disabledControls: string[];
  seed?: number;
  patients?: number;
  /** Replaces the scenario's monitoring (plain data, so it crosses to a worker). */
  monitoring?: Monitoring;
  confirmations: Array<[string, { offsetMs: number; by: string }]>;
  telemetry?: TelemetryPolicy;
  /** The data plane on real servers; absent for the in-memory default. */
  infra?: RunInfraOptions;
}

export type WorkerMessage =
  | { kind: 'signal'; index: number; signal: Signal }
  | { kind: 'done'; index: number; report: RunReport; exitCode: 0 | 1 }
  | { kind: 'failed'; index: number; error: string };

/** What a worker thread posts: progress and outcomes, then that it found the queue empty. */
export type LaneMessage = WorkerMessage | { kind: 'drained' };

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

/** What a worker thread is handed at start: every job, and the shared counter lanes claim them with. */
export interface WorkerStart {
  env: Record<string, string | undefined>;
  queue: DrillJob[];
  /** Int32Array over a SharedArrayBuffer: the position of the next unclaimed job in `queue`. */
  next: Int32Array;
}

/** Claims the next job in the queue, or undefined when none is left. Safe across threads. */
export function claim(queue: readonly DrillJob[], next: Int32Array): DrillJob | undefined {
  return queue[Atomics.add(next, 0, 1)];
}

/**
 * Drills scenarios on `workers` lanes, in queue order: this thread is one lane (`here`, its code
 * already loaded) and the rest are worker threads, each loading the code again (about a second
 * apiece). Lanes claim jobs from a shared atomic counter rather than asking this thread for them, so
 * a worker never idles while this thread is busy drilling. Each run is CPU-bound and independent —
 * its own estate, clock and run folder. Outcomes come back in job order, so output stays
 * deterministic. A lane that fails a job rejects the whole drill: a harness error is not a verdict.
 */
export async function drillInParallel(
  queue: DrillJob[],
  options: {
    workers: number;
    env: Readonly<Record<string, string | undefined>>;
    here(job: DrillJob): Promise<DrillOutcome>;
    onMessage?(message: WorkerMessage): void;
  },
): Promise<DrillOutcome[]> {
  const outcomes: DrillOutcome[] = new Array(queue.length);
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const start: WorkerStart = { env: { ...options.env }, queue, next };
  const pool = Array.from(
    { length: Math.min(options.workers, queue.length) - 1 },
    () => new Worker(WORKER_ENTRY, { workerData: start }),
  );
  const hereLane = async () => {
    for (let job = claim(queue, next); job; job = claim(queue, next)) {
      outcomes[job.index] = await options.here(job).catch((error: unknown) => {
        throw new Error(`drill of ${job.file} failed: ${error instanceof Error ? error.message : error}`);
      });
    }
  };
  const files = new Map(queue.map((job) => [job.index, job.file]));
  try {
    await Promise.all([hereLane(), ...pool.map((worker) => workerLane(worker, outcomes, files, options))]);
  } catch (error) {
    // Nothing more is claimed once one lane has failed; the lanes still drilling finish their job.
    Atomics.store(next, 0, queue.length);
    throw error;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return outcomes;
}

/** Settles when the worker reports the queue drained, or on the first job it fails. */
function workerLane(
  worker: Worker,
  outcomes: DrillOutcome[],
  files: ReadonlyMap<number, string>,
  options: { onMessage?(message: WorkerMessage): void },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    worker.on('message', (message: LaneMessage) => {
      if (message.kind === 'drained') return resolve();
      options.onMessage?.(message);
      if (message.kind === 'done') {
        outcomes[message.index] = { report: message.report, exitCode: message.exitCode };
      } else if (message.kind === 'failed') {
        reject(new Error(`drill of ${files.get(message.index)} failed: ${message.error}`));
      }
    });
    worker.on('error', reject);
  });
}
