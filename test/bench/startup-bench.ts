import { spawnSync } from 'node:child_process';
import { buildCli, CLI_BUILD } from '../../scripts/build-cli.ts';

export interface StartupResult {
  command: string;
  /** Median wall time of a whole process, spawn to exit. */
  ms: number;
}

/**
 * Start-up of the CLI as a user feels it: median wall time of `--version` and `validate` over
 * `laps` fresh processes, beside a bare `node -e 0` on the same Node as the baseline.
 */
export async function benchStartup(laps: number): Promise<StartupResult[]> {
  // The figures are for the ahead-of-time build, as a clean clone has it after `npm ci`.
  await buildCli({ root: process.cwd(), ...CLI_BUILD });
  const commands: Array<[string, string[]]> = [
    ['node -e 0 (baseline)', ['-e', '0']],
    ['phi-drill --version', ['bin/phi-drill.mjs', '--version']],
    [
      'phi-drill validate scenarios/api-flood.yaml',
      ['bin/phi-drill.mjs', 'validate', 'scenarios/api-flood.yaml'],
    ],
  ];
  return commands.map(([command, args]) => {
    const times: number[] = [];
    for (let lap = 0; lap < laps; lap++) {
      const began = performance.now();
      const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`${command} exited ${result.status}`);
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    return { command, ms: times[Math.floor(times.length / 2)]! };
  });
}
