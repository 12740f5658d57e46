import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { heapNeededMb, heapShortfall } from '../../src/cli/population-heap.ts';
import { runCommand } from '../../src/cli/run-command.ts';
import { createRegistry } from '../../src/registry.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import { cli } from '../cli/cli-harness.ts';
import { minimalScenario } from './minimal-scenario.ts';
import { testRefs } from './scenario-test-refs.ts';

function scenarioWith(patients: number): string {
  const { injects, expectations, ...head } = minimalScenario();
  // `estate` where an author writes it, before the injects, so the problem's line is the one expected.
  return stringify({ ...head, estate: { patients }, injects, expectations });
}

/** `phi-drill run` of a catalog scenario with `--patients` as given, its exit code and what it wrote to stderr. */
async function runWithPatients(patients: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCommand(
    ['scenarios/oauth-overscope.yaml', '--patients', patients],
    {
      stdout: { write: () => true },
      stderr: {
        write: (chunk: string) => {
          stderr += chunk;
          return true;
        },
      },
      isTTY: false,
      env: { NO_COLOR: '1' },
      cwd: process.cwd(),
    },
    createRegistry(),
  );
  return { code, stderr };
}

describe('population bounds', () => {
  it('accepts 10 and 1,000,000 patients and locates 9 and 1,000,001 at estate.patients', () => {
    for (const patients of [10, 1_000_000]) {
      expect(loadScenarioText(scenarioWith(patients), 'drill.yaml', testRefs).ok, String(patients)).toBe(
        true,
      );
    }
    for (const patients of [9, 1_000_001]) {
      const result = loadScenarioText(scenarioWith(patients), 'drill.yaml', testRefs);
      if (result.ok) throw new Error(`${patients} patients were accepted`);
      expect(result.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`)).toEqual([
        '8:13 bad-value estate.patients',
      ]);
    }
  });

  it('refuses --patients 1000001 as a usage error, before anything is seeded', async () => {
    const { code, stderr } = await runWithPatients('1000001');
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('--patients must be an integer from 10 to 1000000, got "1000001"');
  });

  it('refuses a population past the heap with the flag that fixes it, and lets one that fits through', () => {
    expect(heapShortfall(1_000_000, 2048)).toBe(
      `1000000 patients need about ${heapNeededMb(1_000_000)} MiB of heap and this Node allows 2048 MiB: run with NODE_OPTIONS=--max-old-space-size=4096`,
    );
    expect(heapShortfall(1_000_000, 4096)).toBeUndefined();
    expect(heapShortfall(1_000_000, 3072)).toBeDefined();
    expect(heapShortfall(100_000, 2048)).toBeUndefined();
  });

  it('stops --patients 1000000 on a 2 GiB heap with exit 3 and the flag, before anything is seeded', async () => {
    const { code, stderr } = await cli(['run', 'scenarios/oauth-overscope.yaml', '--patients', '1000000'], {
      NODE_OPTIONS: '--max-old-space-size=2048',
    });
    expect(code).toBe(EXIT.operational);
    expect(stderr).toMatch(
      /^1000000 patients need about \d+ MiB of heap .* NODE_OPTIONS=--max-old-space-size=4096\n$/,
    );
  });
});
