import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '../../src/registry.ts';
import { runScenario } from '../../src/run/run-scenario.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import { benchSynth } from './synth-bench.ts';

/**
 * `npm run bench`: throughput as ratios against baselines measured in the same process, plus the
 * wall time of each catalog scenario on the default population. Numbers, not pass/fail.
 */
const registry = createRegistry();
const synth = await benchSynth(20_000);
process.stdout.write(
  `synth: ${Math.round(synth.phiDrillPerSec)} patients/s vs bare faker ${Math.round(synth.bareFakerPerSec)}/s (ratio ${synth.ratio.toFixed(2)})\n`,
);
const root = await mkdtemp(join(tmpdir(), 'phi-drill-bench-'));
let total = 0;
for (const id of ['oauth-overscope', 'portal-session-reuse', 'sync-failure']) {
  const file = join('scenarios', `${id}.yaml`);
  const text = await readFile(file, 'utf8');
  const loaded = loadScenarioText(text, file, registry.refs);
  if (!loaded.ok) throw new Error(`${file} is invalid`);
  const began = performance.now();
  const { report } = await runScenario({
    scenario: loaded.scenario,
    scenarioFile: file,
    scenarioText: text,
    registry,
    folder: join(root, id),
  });
  const ms = performance.now() - began;
  total += ms;
  const events = report.telemetry?.events ?? 0;
  process.stdout.write(
    `scenario ${id}: ${ms.toFixed(0)} ms wall, ${events} telemetry events (${Math.round(events / (ms / 1000))} events/s)\n`,
  );
}
process.stdout.write(`catalog: ${total.toFixed(0)} ms wall for 3 scenarios\n`);
