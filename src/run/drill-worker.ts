import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '../registry.ts';
import { loadScenarioText } from '../scenario/loader.ts';
import type { DrillJob, WorkerMessage } from './parallel.ts';
import { runScenario } from './run-scenario.ts';

/** Runs drill jobs posted by the parent, one at a time, and posts progress and results back. */
const registry = createRegistry();
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const { env } = workerData as { env: Record<string, string | undefined> };

parentPort!.on('message', async (job: DrillJob) => {
  try {
    const loaded = loadScenarioText(job.text, job.file, registry.refs);
    if (!loaded.ok) throw new Error(`${job.file} is invalid: ${loaded.problems[0]!.message}`);
    const result = await runScenario({
      scenario: loaded.scenario,
      scenarioFile: job.file,
      scenarioText: job.text,
      registry,
      folder: job.folder,
      disabledControls: job.disabledControls,
      seed: job.seed,
      patients: job.patients,
      confirmations: new Map(job.confirmations),
      env,
      onSignal: (signal) => post({ kind: 'signal', index: job.index, signal }),
    });
    post({ kind: 'done', index: job.index, report: result.report, exitCode: result.exitCode });
  } catch (error) {
    post({
      kind: 'failed',
      index: job.index,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
