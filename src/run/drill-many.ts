import type { Registry } from '../registry.ts';
import { loadScenarioText } from '../scenario/loader.ts';
import { type DrillJob, type DrillOutcome, drillInParallel, type WorkerMessage } from './parallel.ts';
import { runScenario } from './run-scenario.ts';

/**
 * Drills every job, on worker threads when more than one worker is asked for, otherwise in this
 * process. Either way the same messages report progress and outcomes come back in job order.
 */
export async function drillMany(
  jobs: readonly DrillJob[],
  options: {
    workers: number;
    registry: Registry;
    env: Readonly<Record<string, string | undefined>>;
    onMessage?(message: WorkerMessage): void;
  },
): Promise<DrillOutcome[]> {
  if (options.workers > 1 && jobs.length > 1) return drillInParallel(jobs, options);
  const outcomes: DrillOutcome[] = [];
  for (const job of jobs) {
    const loaded = loadScenarioText(job.text, job.file, options.registry.refs);
    if (!loaded.ok) throw new Error(`${job.file} is invalid: ${loaded.problems[0]!.message}`);
    const result = await runScenario({
      scenario: loaded.scenario,
      scenarioFile: job.file,
      scenarioText: job.text,
      registry: options.registry,
      folder: job.folder,
      disabledControls: job.disabledControls,
      seed: job.seed,
      patients: job.patients,
      confirmations: new Map(job.confirmations),
      env: options.env,
      onSignal: (signal) => options.onMessage?.({ kind: 'signal', index: job.index, signal }),
    });
    options.onMessage?.({ kind: 'done', index: job.index, report: result.report, exitCode: result.exitCode });
    outcomes.push({ report: result.report, exitCode: result.exitCode });
  }
  return outcomes;
}
