import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '../../src/registry.ts';
import { type RunScenarioOptions, runScenario } from '../../src/run/run-scenario.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import type { Scenario, ScenarioExpectation } from '../../src/scenario/types.ts';

export const registry = createRegistry();

/** A catalog scenario, parsed and validated. */
export async function catalogScenario(
  id: string,
): Promise<{ scenario: Scenario; file: string; text: string }> {
  const file = join('scenarios', `${id}.yaml`);
  const text = await readFile(file, 'utf8');
  const loaded = loadScenarioText(text, file, registry.refs);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return { scenario: loaded.scenario, file, text };
}

export function statusOf(report: { verdicts: Array<{ expectationId: string; status: string }> }) {
  return Object.fromEntries(report.verdicts.map((verdict) => [verdict.expectationId, verdict.status]));
}

/** Runs a catalog scenario into a fresh temporary folder and returns its report. */
export async function drill(id: string, options: Partial<RunScenarioOptions> = {}) {
  const { scenario, file, text } = await catalogScenario(id);
  const folder = join(await mkdtemp(join(tmpdir(), `phi-drill-${id}-`)), 'run');
  const result = await runScenario({
    scenario,
    scenarioFile: file,
    scenarioText: text,
    registry,
    folder,
    ...options,
  });
  return { ...result, scenario: options.scenario ?? scenario };
}

/**
 * The controls whose absence must turn an expectation to missed: the detector a `detect` names, the
 * audit trail a `log` reads, the notification workflow, and for `contain` every control that is the
 * reference answer for the inject's leak pattern (any of them may run the containment).
 */
export function controlsBehind(scenario: Scenario, expectation: ScenarioExpectation): string[] {
  switch (expectation.type) {
    case 'detect':
      return [expectation.match.control!];
    case 'log':
      return [registry.trails.get(expectation.trail)!.control];
    case 'notify':
      return ['breach-notification-workflow'];
    case 'contain':
    case 'manual': {
      const injector = scenario.injects.find((inject) => inject.id === expectation.inject)!.injector;
      return [...registry.controls.values()]
        .filter((control) => control.covers.includes(injector))
        .map((c) => c.id);
    }
  }
}
