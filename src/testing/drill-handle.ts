import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRegistry } from '../registry.ts';
import { type RunScenarioResult, runScenario } from '../run/run-scenario.ts';
import { loadScenarioText } from '../scenario/loader.ts';

export interface DrillRunOptions {
  seed?: number;
  patients?: number;
  disabledControls?: readonly string[];
  /** Where catalog ids are looked up (default ./scenarios). */
  scenarios?: string;
}

/** Runs drills from a test and removes their run folders afterwards. */
export interface DrillHandle {
  /** A scenario file, or a catalog id (`portal-session-reuse`) looked up in ./scenarios. */
  run(scenario: string, options?: DrillRunOptions): Promise<RunScenarioResult>;
  cleanup(): Promise<void>;
}

export function createDrillHandle(
  env: Readonly<Record<string, string | undefined>> = process.env,
): DrillHandle {
  const folders: string[] = [];
  const registry = createRegistry();
  return {
    async run(scenario, options = {}) {
      const file = existsSync(scenario)
        ? scenario
        : join(options.scenarios ?? 'scenarios', `${scenario}.yaml`);
      const text = await readFile(file, 'utf8');
      const loaded = loadScenarioText(text, file, registry.refs);
      if (!loaded.ok) {
        const first = loaded.problems[0]!;
        throw new Error(
          `${resolve(file)}: ${loaded.problems.length} problem(s), first: ${JSON.stringify(first)}`,
        );
      }
      const parent = await mkdtemp(join(tmpdir(), 'phi-drill-test-'));
      folders.push(parent);
      return runScenario({
        scenario: loaded.scenario,
        scenarioFile: file,
        scenarioText: text,
        registry,
        folder: join(parent, loaded.scenario.id),
        env,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.patients === undefined ? {} : { patients: options.patients }),
        ...(options.disabledControls ? { disabledControls: options.disabledControls } : {}),
      });
    },
    async cleanup() {
      for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
    },
  };
}
