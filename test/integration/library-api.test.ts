import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createRegistry, loadScenarioFile, runScenario } from '../../src/index.ts';

// The README's "Use it from your own tests" example, kept honest by running it.
it('runs a catalog scenario through the public library API', async () => {
  const registry = createRegistry();
  const loaded = await loadScenarioFile('scenarios/oauth-overscope.yaml', registry.refs);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const { report, exitCode } = await runScenario({
    scenario: loaded.scenario,
    scenarioFile: 'scenarios/oauth-overscope.yaml',
    scenarioText: '',
    registry,
    folder: join(await mkdtemp(join(tmpdir(), 'drill-')), 'run'),
    disabledControls: ['oauth-scope-anomaly'],
  });
  expect(exitCode).toBe(1);
  expect(report.verdicts.find((v) => v.expectationId === 'detect-broad-grant')?.status).toBe('missed');
});
