import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_SYNC_EVERY } from '../../src/evidence/ledger.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { sampleEntries } from './evidence-sample.ts';

const temps: string[] = [];
afterEach(() => {
  for (const folder of temps.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A separate process appends `count` entries and is then killed (SIGKILL: no close, no exit
 * handlers), as a run is when it crashes.
 */
function appendThenDie(folder: string, count: number): NodeJS.Signals | null {
  const ledger = new URL('../../src/evidence/ledger.ts', import.meta.url).href;
  const sample = new URL('./evidence-sample.ts', import.meta.url).href;
  const script = `
    const { openLedger } = await import(${JSON.stringify(ledger)});
    const { sampleEntries } = await import(${JSON.stringify(sample)});
    const ledger = openLedger(${JSON.stringify(folder)});
    const entries = sampleEntries();
    for (let i = 0; i < ${count}; i += 1) ledger.append(entries[i % entries.length]);
    process.kill(process.pid, 'SIGKILL');
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return child.signal;
}

describe('a run that crashes mid-ledger', () => {
  it.each([
    ['within the first fsync group', 3],
    ['past a group boundary, with entries not yet fsync’d', LEDGER_SYNC_EVERY + 5],
  ])('leaves a ledger that verifies up to the last entry appended: %s', async (_, count) => {
    const root = mkdtempSync(join(tmpdir(), 'phi-drill-ledger-crash-'));
    temps.push(root);
    const folder = join(root, 'run');
    expect(appendThenDie(folder, count)).toBe('SIGKILL');
    const result = await verifyRunFolder(folder);
    expect(result.entries).toHaveLength(count);
    expect(result.lastGoodSeq).toBe(count - 1);
    expect(result.entries.at(-1)?.kind).toBe(sampleEntries()[(count - 1) % sampleEntries().length]!.kind);
  });
});
