import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.ts';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('phi-drill matrix', () => {
  it('drills two scenarios under four configurations and writes the terminal, Markdown, HTML and JSON matrix', async () => {
    const out = await mkdtemp(join(tmpdir(), 'phi-drill-matrix-cli-'));
    roots.push(out);
    const configs = ['reference', 'elf-hourly', 'ehr-nightly', 'logs-daily'].flatMap((id) => [
      '--config',
      id,
    ]);
    const result = await cli([
      'matrix',
      'scenarios/fls-overexposure.yaml',
      'scenarios/break-glass-no-mfa.yaml',
      ...configs,
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^leak pattern\s+reference\s+elf-hourly\s+ehr-nightly\s+logs-daily$/);
    expect(lines.find((l) => l.startsWith('fls-overexposure'))).toMatch(
      /met \d+s\s+late \dh\d+m\s+met \d+s\s+met/,
    );
    expect(lines.find((l) => l.startsWith('break-glass-no-mfa'))).toMatch(/met .*met .*late .*met/);
    // The table and summary fit 80 columns; the closing line names the folder, however long its path.
    for (const line of lines.filter((l) => !l.startsWith('matrix: ')))
      expect(line.length).toBeLessThanOrEqual(80);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('catches 1 more in time (fls-overexposure)');

    const [folder] = await readdir(out);
    const files = await readdir(join(out, folder!));
    expect(files).toEqual(
      expect.arrayContaining(['matrix.json', 'matrix.md', 'matrix.html', 'reference', 'elf-hourly']),
    );
    const json = JSON.parse(await readFile(join(out, folder!, 'matrix.json'), 'utf8'));
    expect(json.configs.map((c: { id: string }) => c.id)).toEqual([
      'reference',
      'elf-hourly',
      'ehr-nightly',
      'logs-daily',
    ]);
    expect(json.rows).toHaveLength(2);
    expect(json.events).toBeGreaterThan(1000);
    // Every cell is a signed run folder of its own.
    expect(await readdir(join(out, folder!, 'elf-hourly', 'fls-overexposure'))).toContain('ledger.sig.json');
    expect(await readFile(join(out, folder!, 'matrix.md'), 'utf8')).toContain('| fls-overexposure | **met**');
  });
});
