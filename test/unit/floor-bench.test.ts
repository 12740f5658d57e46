import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchFloor } from '../bench/floor-bench.ts';

const temps: string[] = [];
afterEach(() => {
  for (const folder of temps.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'phi-drill-floor-'));
  temps.push(made);
  return made;
}

describe('benchFloor', () => {
  it('does each kind of work as many times as asked and times each part', async () => {
    const into = folder();
    const result = await benchFloor({ events: 300, requests: 50, patients: 20 }, into);
    const lines = readFileSync(join(into, 'floor-events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines.at(-1)!).id).toBe('evt-000299');
    for (const ms of Object.values(result.parts)) expect(ms).toBeGreaterThan(0);
    expect(result.cpuMs).toBeGreaterThan(0);
  });

  it('rejects a count that is not a whole number', async () => {
    await expect(benchFloor({ events: -1, requests: 1, patients: 1 }, folder())).rejects.toThrow(/events/);
  });
});
