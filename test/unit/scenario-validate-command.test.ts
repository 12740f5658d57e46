import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate-command.ts';
import { testRefs } from './scenario-test-refs.ts';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  };
  const code = await validateCommand(argv, io, testRefs);
  return { code, stdout, stderr };
}

describe('phi-drill validate', () => {
  it('exits 0 with a summary when every file is valid', async () => {
    const result = await run(['fixtures/scenarios/valid']);
    expect(result).toEqual({
      code: 0,
      stdout: '3 files checked: 3 valid, 0 invalid, 0 problems\n',
      stderr: '',
    });
  });

  it('exits 2 and prints each located problem before the summary', async () => {
    const result = await run([
      'fixtures/scenarios/valid/sync-residue.yaml',
      'fixtures/scenarios/invalid/bad-value.yaml',
      'fixtures/scenarios/invalid/unknown-inject.yaml',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatchInlineSnapshot(`
      "fixtures/scenarios/invalid/bad-value.yaml:5:11  bad-value  severity  "severe" is not allowed; expected one of: low, medium, high, critical
      fixtures/scenarios/invalid/unknown-inject.yaml:14:13  unknown-inject  expectations[0].inject  unknown inject "pul"; injects in this scenario: pull
      3 files checked: 1 valid, 2 invalid, 2 problems
      "
    `);
  });

  it('prints machine-readable results with --json', async () => {
    const result = await run([
      '--json',
      'fixtures/scenarios/invalid/id-mismatch.yaml',
      'fixtures/scenarios/valid',
    ]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.files).toHaveLength(4);
    expect(report.files[0]).toEqual({ file: 'fixtures/scenarios/invalid/id-mismatch.yaml', ok: false });
    expect(report.files[1]).toEqual({
      file: 'fixtures/scenarios/valid/oauth-overscope.yaml',
      ok: true,
      id: 'oauth-overscope',
    });
    expect(report.problems).toEqual([
      {
        file: 'fixtures/scenarios/invalid/id-mismatch.yaml',
        line: 2,
        col: 5,
        path: 'id',
        code: 'id-mismatch',
        message: 'id "oauth-pull" must equal the file\'s base name "id-mismatch"',
      },
    ]);
  });

  it('exits 0 with --json when all are valid', async () => {
    const result = await run(['fixtures/scenarios/valid', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, problems: [] });
  });

  it('exits 2 when there is nothing to check', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'phi-drill-validate-'));
    expect(await run([])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no scenario files given'),
    });
    expect(await run([empty])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no *.yaml files found'),
    });
    await rm(empty, { recursive: true });
    expect(await run(['fixtures/scenarios/nope.yaml'])).toMatchObject({
      code: 2,
      stderr: 'cannot read fixtures/scenarios/nope.yaml\n',
    });
    expect(await run(['--strict', 'fixtures/scenarios/valid'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown option --strict'),
    });
  });
});
