import type { Registry } from '../registry.ts';
import { loadScenarioText } from '../scenario/loader.ts';
import type { Scenario } from '../scenario/types.ts';
import { type DrillJob, type DrillOutcome, drillInParallel, type WorkerMessage } from './parallel.ts';
import { runScenario } from './run-scenario.ts';

interface DrillOptions {
  workers: number;
  registry: Registry;
  env: Readonly<Record<string, string | undefined>>;
  onMessage?(message: WorkerMessage): void;
}

/**
 * Drills every job: in this process alone when one worker is asked for, otherwise on that many
 * lanes (this thread and worker threads). Either way the same messages report progress and
 * outcomes come back in job order.
 */
export async function drillMany(jobs: readonly DrillJob[], options: DrillOptions): Promise<DrillOutcome[]> {
  const loaded = jobs.map((job) => ({ job, scenario: load(job, options.registry) }));
  if (options.workers <= 1 || jobs.length <= 1) {
    const outcomes: DrillOutcome[] = [];
    for (const { job, scenario } of loaded) outcomes.push(await drillHere(job, scenario, options));
    return outcomes;
  }
  const scenarios = new Map(loaded.map(({ job, scenario }) => [job.index, scenario]));
  return drillInParallel(biggestFirst(loaded), {
    workers: options.workers,
    env: options.env,
    here: (job) => drillHere(job, scenarios.get(job.index)!, options),
    ...(options.onMessage ? { onMessage: options.onMessage } : {}),
  });
}

/**
 * Run time grows with the population, so the biggest estates start first: a long run picked up
 * last would leave the other lanes idle while it finishes.
 */
function biggestFirst(loaded: ReadonlyArray<{ job: DrillJob; scenario: Scenario }>): DrillJob[] {
  const size = ({ job, scenario }: { job: DrillJob; scenario: Scenario }) =>
    job.patients ?? scenario.estate.patients;
  return loaded.toSorted((a, b) => size(b) - size(a) || a.job.index - b.job.index).map(({ job }) => job);
}

/** The job's scenario, parsed again wherever it is drilled (a Scenario does not cross threads). */
export function load(job: DrillJob, registry: Registry): Scenario {
  const loaded = loadScenarioText(job.text, job.file, registry.refs);
  if (!loaded.ok) throw new Error(`${job.file} is invalid: ${loaded.problems[0]!.message}`);
  return loaded.scenario;
}

/** One job in this thread, reporting progress and its outcome through `onMessage`. */
export async function drillHere(
  job: DrillJob,
  scenario: Scenario,
  options: Pick<DrillOptions, 'registry' | 'env' | 'onMessage'>,
): Promise<DrillOutcome> {
  const result = await runScenario({
    scenario,
    scenarioFile: job.file,
    scenarioText: job.text,
    registry: options.registry,
    folder: job.folder,
    disabledControls: job.disabledControls,
    seed: job.seed,
    patients: job.patients,
    monitoring: job.monitoring,
    confirmations: new Map(job.confirmations),
    telemetry: job.telemetry,
    env: options.env,
    infra: job.infra,
    onSignal: (signal) => options.onMessage?.({ kind: 'signal', index: job.index, signal }),
  });
  options.onMessage?.({ kind: 'done', index: job.index, report: result.report, exitCode: result.exitCode });
  return { report: result.report, exitCode: result.exitCode };
}
