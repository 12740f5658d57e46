import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.ts';
import { testRefs } from './scenario-test-refs.ts';

const dir = mkdtempSync(join(tmpdir(), 'baa-register-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(register: string) {
  const file = join(dir, 'baa-register.yaml');
  writeFileSync(
    file,
    `id: baa-register
title: Register
summary: A register of business associates.
severity: low
hipaa: ['164.308(b)(1)']
estate:
  businessAssociates:
${register}
injects:
  - { id: pull, at: 1h, injector: oauth-overscope }
expectations:
  - { id: seen, type: detect, inject: pull, within: 15m, match: { control: oauth-scope-anomaly } }
`,
  );
  return loadScenarioFile(file, testRefs);
}

const located = (result: Awaited<ReturnType<typeof load>>) =>
  result.ok ? [] : result.problems.map(({ code, line, col, path }) => ({ code, line, col, path }));

describe('estate.businessAssociates', () => {
  it('loads a register into the scenario’s estate', async () => {
    const result = await load(
      "    - { vendor: EngagePulse, host: api.engagepulse.example, baaSigned: '2025-01-15', baaExpires: '2027-01-15' }",
    );
    expect(result.ok && result.scenario.estate.businessAssociates).toEqual([
      {
        vendor: 'EngagePulse',
        host: 'api.engagepulse.example',
        baaSigned: '2025-01-15',
        baaExpires: '2027-01-15',
      },
    ]);
  });

  it('locates a host listed twice, an expiry before signing, a bad date, a bad host and an unknown key', async () => {
    const result = await load(
      [
        "    - { vendor: A, host: a.example, baaSigned: '2025-01-15' }",
        "    - { vendor: B, host: a.example, baaSigned: '2025-01-15' }",
        "    - { vendor: C, host: c.example, baaSigned: '2025-01-15', baaExpires: '2024-01-01' }",
        "    - { vendor: D, host: d.example, baaSigned: 'last spring' }",
        "    - { vendor: E, host: 'E Corp', baaSigned: '2025-01-15' }",
        "    - { vendor: F, host: f.example, baaSigned: '2025-01-15', signedBy: me }",
      ].join('\n'),
    );
    expect(located(result)).toEqual([
      { code: 'duplicate-id', line: 9, col: 26, path: 'estate.businessAssociates[1].host' },
      { code: 'bad-value', line: 10, col: 74, path: 'estate.businessAssociates[2].baaExpires' },
      { code: 'bad-value', line: 11, col: 48, path: 'estate.businessAssociates[3].baaSigned' },
      { code: 'bad-value', line: 12, col: 26, path: 'estate.businessAssociates[4].host' },
      { code: 'unknown-key', line: 13, col: 62, path: 'estate.businessAssociates[5].signedBy' },
    ]);
  });
});
