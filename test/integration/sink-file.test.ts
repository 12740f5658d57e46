import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import { FAST, sinkDeps } from './sink-fixtures.ts';

const HEADER = '"EVENT_TYPE","TIMESTAMP","USER_ID","URI"';
const line = (n: number) =>
  `"URI","20260302130054.929","005000000000001AAA","/lightning/r/Contact/${String(n).padStart(4, '0')}"`;

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'phi-drill-file-sink-'));
}

describe('file sink', () => {
  it('appends records, rotates past maxBytes like logrotate and starts each new file with the header', async () => {
    const dir = await folder();
    const path = join(dir, 'nested', 'URI.csv');
    const bytesPerLine = Buffer.byteLength(`${line(0)}\n`);
    const headerBytes = Buffer.byteLength(`${HEADER}\n`);
    // Room for the header and exactly three records per file.
    const maxBytes = headerBytes + 3 * bytesPerLine;
    const sink = createSink(
      { type: 'file', id: 'elf', path, maxBytes, keep: 2, header: HEADER, ...FAST },
      sinkDeps(),
    );
    for (let n = 1; n <= 11; n++) sink.write(line(n));
    await sink.close();

    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['URI.csv', 'URI.csv.1', 'URI.csv.2']);
    const read = async (name: string) => (await readFile(join(dir, 'nested', name), 'utf8')).split('\n');
    // 11 records, 3 per file: files held 1–3, 4–6, 7–9, 10–11; with keep 2 the oldest (1–3) is gone.
    expect(await read('URI.csv')).toEqual([HEADER, line(10), line(11), '']);
    expect(await read('URI.csv.1')).toEqual([HEADER, line(7), line(8), line(9), '']);
    expect(await read('URI.csv.2')).toEqual([HEADER, line(4), line(5), line(6), '']);
    for (const name of ['URI.csv.1', 'URI.csv.2']) {
      expect(Buffer.byteLength(await readFile(join(dir, 'nested', name)))).toBeLessThanOrEqual(maxBytes);
    }
    expect(sink.stats()).toEqual({ sent: 11, failed: 0, dropped: 0, retries: 0, pending: 0 });
  });

  it('appends to an existing file without repeating the header', async () => {
    const dir = await folder();
    const path = join(dir, 'events.jsonl');
    await writeFile(path, '{"id":"evt-000001"}\n');
    const sink = createSink(
      { type: 'file', id: 'jsonl', path, header: 'never-written', ...FAST },
      sinkDeps(),
    );
    sink.write('{"id":"evt-000002"}');
    await sink.flush();
    expect(await readFile(path, 'utf8')).toBe('{"id":"evt-000001"}\n{"id":"evt-000002"}\n');
    await sink.close();
  });

  it('refuses a record that spans lines and counts it as failed, keeping the rest', async () => {
    const dir = await folder();
    const path = join(dir, 'events.log');
    const deps = sinkDeps();
    const sink = createSink({ type: 'file', id: 'log', path, ...FAST }, deps);
    sink.write('first');
    sink.write('forged\nsecond record');
    sink.write('third');
    await sink.close();
    expect(await readFile(path, 'utf8')).toBe('first\nthird\n');
    expect(sink.stats()).toMatchObject({ sent: 2, failed: 1 });
    expect(deps.errors).toEqual(['1 records span several lines']);
  });

  it('retries an unwritable path and counts the records as failed after maxAttempts', async () => {
    const dir = await folder();
    const path = join(dir, 'is-a-folder');
    await mkdir(path);
    const deps = sinkDeps();
    const sink = createSink({ type: 'file', id: 'broken', path, ...FAST, maxAttempts: 3 }, deps);
    sink.write('a');
    sink.write('b');
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 0, failed: 2, dropped: 0, retries: 2, pending: 0 });
    expect(deps.errors[0]).toContain('EISDIR');
    expect(deps.errors.at(-1)).toBe('gave up on 2 records after 3 attempts');
  });

  it('rejects settings out of range before touching the disk', async () => {
    const path = join(await folder(), 'x.log');
    expect(() => createSink({ type: 'file', id: 'bad', path, keep: -1 }, sinkDeps())).toThrow(
      'sink bad: keep must be a whole number, got -1',
    );
    expect(() => createSink({ type: 'file', id: 'bad', path, batchSize: 0 }, sinkDeps())).toThrow(
      'sink bad: batchSize must be a positive number, got 0',
    );
  });
});
