import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunIo, runCommand } from '../../src/cli/run-command.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { createRegistry } from '../../src/registry.ts';

const root = mkdtempSync(join(tmpdir(), 'phi-drill-telemetry-policy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; folder: string }> {
  let out = '';
  const io: RunIo = {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: () => true },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
  };
  const code = await runCommand(
    ['scenarios/phi-in-url.yaml', '--out', root, '--jobs', '1', '--json', ...args],
    io,
    createRegistry(),
  );
  return { code, folder: join((JSON.parse(out) as { folder: string }).folder, 'phi-in-url') };
}

/** The telemetry file's own pin among every file the signature lists. */
function telemetryPins(pinned: ReadonlyArray<{ file: string; status: string }>) {
  return pinned.filter((pin) => pin.file.startsWith('telemetry.'));
}

describe('run --telemetry', () => {
  it('gzip keeps every event compressed, and verify checks the compressed file’s pin', async () => {
    const { code, folder } = await run(['--telemetry', 'gzip']);
    expect(code).toBe(0);
    expect(existsSync(join(folder, 'telemetry.jsonl'))).toBe(false);
    const result = await verifyRunFolder(folder);
    expect(result.ok).toBe(true);
    expect(telemetryPins(result.pinned)).toEqual([{ file: 'telemetry.jsonl.gz', status: 'match' }]);
  });

  it('drop-passing deletes the telemetry of a passing run but keeps its pin in the ledger', async () => {
    const { code, folder } = await run(['--telemetry', 'drop-passing']);
    expect(code).toBe(0);
    expect(existsSync(join(folder, 'telemetry.jsonl'))).toBe(false);
    const result = await verifyRunFolder(folder);
    expect(result.ok, result.problems.join('\n')).toBe(true);
    expect(telemetryPins(result.pinned)).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/telemetry\.jsonl was deleted as the run passed/);
  });

  it('drop-passing keeps the telemetry of a run with a missed expectation', async () => {
    const { code, folder } = await run([
      '--telemetry',
      'drop-passing',
      '--disable-control',
      'url-phi-scanner',
    ]);
    expect(code).toBe(1);
    const result = await verifyRunFolder(folder);
    expect(telemetryPins(result.pinned)).toEqual([{ file: 'telemetry.jsonl', status: 'match' }]);
  });

  it('--retain keeps only the newest drill folders under --out', async () => {
    await run(['--retain', '1']);
    expect(readdirSync(root)).toHaveLength(1);
  });
});
