import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '../registry.ts';
import { loadScenarioText } from '../scenario/loader.ts';
import { claim, type LaneMessage, type WorkerStart } from './parallel.ts';
import { runScenario } from './run-scenario.ts';

/** Claims drill jobs from the shared queue until none is left, posting progress and results back. */
const registry = createRegistry();
const post = (message: LaneMessage) => parentPort!.postMessage(message);
const { env, queue, next } = workerData as WorkerStart;

for (let job = claim(queue, next); job; job = claim(queue, next)) {
  try {
    const loaded = loadScenarioText(job.text, job.file, registry.refs);
    if (!loaded.ok) throw new Error(`${job.file} is invalid: ${loaded.problems[0]!.message}`);
    const { index } = job;
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
      onSignal: (signal) => post({ kind: 'signal', index, signal }),
    });
    post({ kind: 'done', index, report: result.report, exitCode: result.exitCode });
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
