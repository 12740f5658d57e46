import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.ts';

const tmp = () => mkdtemp(join(tmpdir(), 'phi-drill-cli-'));

describe('phi-drill run (the real CLI)', () => {
  it('runs a scenario, prints the scorecard, writes a verifiable run folder, exit 0', async () => {
    const out = await tmp();
    const run = await cli(['run', 'scenarios/portal-session-reuse.yaml', '--patients', '100', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/MET {2}detect-reuse/);
    expect(run.stdout).toMatch(/Totals: \d+ met, 0 late, 0 missed, 1 n\/a/);
    const [drill] = readdirSync(out);
    const folder = join(out, drill!, 'portal-session-reuse');
    for (const file of [
      'ledger.jsonl',
      'ledger.sig.json',
      'telemetry.jsonl',
      'report.json',
      'report.md',
      'junit.xml',
    ]) {
      expect(existsSync(join(folder, file)), file).toBe(true);
    }
    // No organisation key here: intact, but signed with a throwaway key, so not authenticated.
    const verify = await cli(['verify', folder]);
    expect(verify.stdout).toMatch(/^INTEGRITY ONLY/);
    expect(verify.code).toBe(4);
  });

  it('drills scenarios on worker threads with the same verdicts as in one process', async () => {
    const args = [
      'scenarios/portal-session-reuse.yaml',
      'scenarios/sync-failure.yaml',
      '--patients',
      '100',
      '--json',
    ];
    const verdicts = (stdout: string) =>
      (
        JSON.parse(stdout) as {
          reports: Array<{ verdicts: Array<{ expectationId: string; status: string; latencyMs?: number }> }>;
        }
      ).reports.flatMap((report) =>
        report.verdicts.map((v) => `${v.expectationId}:${v.status}:${v.latencyMs}`),
      );
    const parallel = await cli(['run', ...args, '--jobs', '2', '--out', await tmp()]);
    const serial = await cli(['run', ...args, '--jobs', '1', '--out', await tmp()]);
    expect(parallel.code).toBe(0);
    expect(verdicts(parallel.stdout)).toEqual(verdicts(serial.stdout));
    expect(verdicts(parallel.stdout).length).toBeGreaterThanOrEqual(8);
  });

  it('exits 1 with the expectation missed when its control is disabled', async () => {
    const run = await cli([
      'run',
      'scenarios/portal-session-reuse.yaml',
      '--patients',
      '100',
      '--out',
      await tmp(),
      '--disable-control',
      'portal-session-guard',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/MISS detect-reuse/);
  });

  it('rejects a malformed scenario with a located error, exit 2, and runs nothing', async () => {
    const out = await tmp();
    const run = await cli(['run', 'fixtures/scenarios/invalid/unknown-injector.yaml', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^fixtures\/scenarios\/invalid\/unknown-injector\.yaml:\d+:\d+ {2}unknown-injector {2}injects\[0\]\.injector/m,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('rejects bad flags with exit 2', async () => {
    expect((await cli(['run', '--disable-control', 'no-such-control'])).code).toBe(2);
    expect((await cli(['run', '--seed', 'abc'])).code).toBe(2);
    expect((await cli(['run', '--confirm', 'nonsense'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('validate reports every problem located, exit 2; valid files exit 0', async () => {
    const bad = await cli(['validate', 'fixtures/scenarios/invalid']);
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toMatch(/bad-duration/);
    const good = await cli(['validate', 'scenarios']);
    expect(good.code).toBe(0);
  });

  it('list --json prints the registries as JSON', async () => {
    const list = await cli(['list', '--json']);
    expect(list.code).toBe(0);
    const parsed = JSON.parse(list.stdout) as { injectors: Array<{ id: string; controls: string[] }> };
    const ids = parsed.injectors.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['sync-failure', 'oauth-overscope', 'portal-session-reuse']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(parsed.injectors.every((i) => i.controls.length > 0)).toBe(true);
  });
});
