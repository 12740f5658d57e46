import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneDrillFolders } from '../../src/run/prune-drills.ts';
import { TelemetryFile } from '../../src/run/telemetry-file.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'phi-drill-retention-'));
  roots.push(root);
  return root;
}

function event(n: number): TelemetryEvent {
  return { id: `evt-${n}`, time: n, system: 'ehr', action: 'fhir.read', padding: 'x'.repeat(400) } as never;
}

describe('telemetry on disk', () => {
  it('gzip writes one valid gzip file of every event, hashed as it lies on disk', () => {
    const path = join(tempRoot(), 'telemetry.jsonl.gz');
    const file = new TelemetryFile(path, 'create', { gzip: true });
    // Over 256 KiB of JSON, so the file is several gzip members.
    for (let n = 0; n < 2000; n++) file.write(event(n));
    const sha256 = file.close();
    const bytes = readFileSync(path);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2000);
    expect(JSON.parse(lines[1999]!)).toMatchObject({ id: 'evt-1999' });
    expect(bytes.length).toBeLessThan(lines.join('\n').length / 10);
  });
});

describe('retention of drill folders', () => {
  it('keeps the current drill folder and the newest N-1 others, and touches nothing else', () => {
    const root = tempRoot();
    const drills = [
      '20261201T010000Z-aaaaaa',
      '20261202T010000Z-bbbbbb',
      '20261203T010000Z-cccccc-merged',
      '20261204T010000Z-dddddd',
    ];
    for (const name of drills) mkdirSync(join(root, name));
    mkdirSync(join(root, 'keep-me'));
    writeFileSync(join(root, '20261130T010000Z-eeeeee'), 'a file, not a drill folder');
    const outside = tempRoot();
    symlinkSync(outside, join(root, '20261129T010000Z-ffffff'));

    const removed = pruneDrillFolders(root, 2, '20261201T010000Z-aaaaaa');
    expect(removed).toEqual(['20261202T010000Z-bbbbbb', '20261203T010000Z-cccccc-merged']);
    expect(readdirSync(root).sort()).toEqual([
      '20261129T010000Z-ffffff',
      '20261130T010000Z-eeeeee',
      '20261201T010000Z-aaaaaa',
      '20261204T010000Z-dddddd',
      'keep-me',
    ]);
    expect(() => pruneDrillFolders(root, 0, 'x')).toThrow(RangeError);
  });

  it('keeps only the current run under --retain 1 when an earlier run started in the same second', () => {
    const root = tempRoot();
    for (const name of ['20261207T174621Z-91cd55', '20261207T174621Z-0a1b2c']) mkdirSync(join(root, name));
    expect(pruneDrillFolders(root, 1, '20261207T174621Z-0a1b2c')).toEqual(['20261207T174621Z-91cd55']);
    expect(readdirSync(root)).toEqual(['20261207T174621Z-0a1b2c']);
  });
});
