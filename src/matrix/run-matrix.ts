import { join } from 'node:path';
import type { LoadedScenario } from '../cli/load-scenarios.ts';
import type { Registry } from '../registry.ts';
import { drillMany } from '../run/drill-many.ts';
import type { DrillJob } from '../run/parallel.ts';
import { buildMatrix, type Matrix } from './cells.ts';
import type { MonitoringConfig } from './configs.ts';

/**
 * Drills every scenario under every monitoring configuration on the parallel runner (one job per
 * cell, each into its own run folder `folder/<config>/<scenario>`), then assembles the matrix.
 */
export async function runMatrix(options: {
  scenarios: readonly LoadedScenario[];
  configs: readonly MonitoringConfig[];
  registry: Registry;
  folder: string;
  workers: number;
  env: Readonly<Record<string, string | undefined>>;
  seed?: number;
  onCellDone?(done: number, total: number): void;
}): Promise<{ matrix: Matrix; wallMs: number }> {
  const cells = options.configs.flatMap((config) => options.scenarios.map((loaded) => ({ config, loaded })));
  const jobs: DrillJob[] = cells.map(({ config, loaded }, index) => ({
    index,
    file: loaded.file,
    text: loaded.text,
    folder: join(options.folder, config.id, loaded.scenario.id),
    disabledControls: [],
    seed: options.seed,
    monitoring: config.monitoring,
    confirmations: [],
  }));
  const began = performance.now();
  let done = 0;
  const outcomes = await drillMany(jobs, {
    workers: options.workers,
    registry: options.registry,
    env: options.env,
    onMessage(message) {
      if (message.kind !== 'done') return;
      done += 1;
      options.onCellDone?.(done, jobs.length);
    },
  });
  const runs = cells.map(({ config, loaded }, index) => ({
    scenario: loaded.scenario.id,
    title: loaded.scenario.title,
    leaks: [...new Set(loaded.scenario.injects.map((inject) => inject.injector))],
    config: config.id,
    report: outcomes[index]!.report,
    folder: jobs[index]!.folder,
  }));
  return { matrix: buildMatrix(options.configs, runs), wallMs: performance.now() - began };
}
