import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarios } from '../../src/cli/load-scenarios.ts';
import { MONITORING_CONFIGS } from '../../src/matrix/configs.ts';
import { runMatrix } from '../../src/matrix/run-matrix.ts';
import type { Registry } from '../../src/registry.ts';
import { defaultJobs } from '../../src/run/parallel.ts';

/** A CRM, an EHR, a portal and a storage leak: every monitoring group, in a few minutes. */
const SAMPLE = [
  'fls-overexposure',
  'break-glass-no-mfa',
  'portal-session-reuse',
  'report-export-open-storage',
];

/**
 * `phi-drill matrix` wall time and telemetry events/s, against the same scenarios drilled under the
 * reference column alone in the same run: the ratio says what each extra column costs.
 * PHI_DRILL_BENCH_MATRIX=catalog drills the whole catalog instead of the sample.
 */
export async function benchMatrix(registry: Registry): Promise<{
  scenarios: number;
  columns: number;
  wallMs: number;
  eventsPerSec: number;
  oneColumnMs: number;
  perColumnRatio: number;
}> {
  const whole = process.env.PHI_DRILL_BENCH_MATRIX === 'catalog';
  const paths = whole ? ['scenarios'] : SAMPLE.map((id) => join('scenarios', `${id}.yaml`));
  const { scenarios } = await loadScenarios(paths, process.cwd(), registry);
  const root = await mkdtemp(join(tmpdir(), 'phi-drill-bench-matrix-'));
  try {
    const run = async (configs: typeof MONITORING_CONFIGS, label: string) =>
      runMatrix({
        scenarios,
        configs,
        registry,
        folder: join(root, label),
        workers: defaultJobs(scenarios.length * configs.length),
        env: process.env,
      });
    const one = await run(MONITORING_CONFIGS.slice(0, 1), 'one');
    const all = await run(MONITORING_CONFIGS, 'all');
    return {
      scenarios: scenarios.length,
      columns: MONITORING_CONFIGS.length,
      wallMs: all.wallMs,
      eventsPerSec: all.matrix.events / (all.wallMs / 1000),
      oneColumnMs: one.wallMs,
      perColumnRatio: all.wallMs / MONITORING_CONFIGS.length / one.wallMs,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
