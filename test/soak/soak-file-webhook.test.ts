import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../cli/cli-harness.ts';
import { QUICK, runSoak } from './soak-io.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'phi-drill-soak-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function target(telemetry: string): Promise<string> {
  const path = join(folder, 'target.yaml');
  await writeFile(path, `id: soak-test\ntelemetry:\n${telemetry}`);
  return path;
}

/** A loopback webhook that answers 200 and keeps every record of every batch. */
async function receiver(): Promise<{ url: string; records: unknown[]; server: Server }> {
  const records: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      records.push(...(JSON.parse(body) as unknown[]));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/ingest`, records, server };
}

describe('phi-drill soak', () => {
  it('delivers every record to a file and a webhook, with lag per sink, and exits 0', async () => {
    const hook = await receiver();
    try {
      const path =
        await target(`  - { id: siem-file, type: file, encoder: jsonl, path: ${join(folder, 'out.jsonl')}, flushIntervalMs: 50 }
  - { id: siem-hook, type: http, format: generic, encoder: ocsf, url: "${hook.url}", flushIntervalMs: 50 }
`);
      const { code, report, stderr } = await runSoak(['--target', path, ...QUICK, '--json']);
      expect(stderr).toMatch(/^soak: \d+\/\d+ events \(100%\)/m);
      expect(code).toBe(0);
      expect(report!.events).toBeGreaterThan(0);
      const [file, hookSink] = report!.sinks;
      const lines = (await readFile(join(folder, 'out.jsonl'), 'utf8')).split('\n').filter(Boolean);
      expect(file).toMatchObject({ id: 'siem-file', written: report!.events, lost: 0 });
      expect(file!.delivered).toBe(lines.length);
      expect(hookSink).toMatchObject({ id: 'siem-hook', lost: 0 });
      expect(hookSink!.delivered).toBe(hook.records.length);
      for (const sink of report!.sinks) {
        expect(sink.lagMs!.p50).toBeGreaterThanOrEqual(0);
        expect(sink.lagMs!.p99).toBeGreaterThanOrEqual(sink.lagMs!.p50);
      }
    } finally {
      hook.server.close();
    }
  });

  it('writes EventLogFile CSV to one file per event type, each headed, as a drill does', async () => {
    const path =
      await target(`  - { id: elf, type: file, encoder: elf-csv, path: ${join(folder, 'elf.csv')}, flushIntervalMs: 50 }
`);
    const { code, report } = await runSoak(['--target', path, ...QUICK, '--json']);
    expect(code).toBe(0);
    const files = (await readdir(folder)).filter((name) => /^elf\.\w+\.csv$/.test(name));
    expect(files.length).toBeGreaterThan(0);
    let records = 0;
    for (const name of files) {
      const [header, ...rows] = (await readFile(join(folder, name), 'utf8')).split('\n').filter(Boolean);
      expect(header).toMatch(/^"?EVENT_TYPE"?,/);
      records += rows.length;
    }
    expect(report!.sinks[0]).toMatchObject({ id: 'elf', delivered: records, lost: 0 });
    expect(records).toBeGreaterThan(0);
  });

  it('counts what a receiver that is down never took as lost, and exits 1', async () => {
    const port = await freePort();
    const path =
      await target(`  - { id: siem-hook, type: http, format: generic, encoder: jsonl, url: "http://127.0.0.1:${port}/ingest", flushIntervalMs: 50, maxAttempts: 1, closeTimeoutMs: 1000, requestTimeoutMs: 1000 }
`);
    const { code, stdout } = await runSoak(['--target', path, ...QUICK]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^siem-hook\s+http\s+jsonl\s+(\d+)\s+0\s+\1\s+-\s+-$/m);
    expect(stdout).toMatch(/siem-hook lost more than 0% of its records/);
    expect(stdout).toMatch(/last delivery errors:\n {2}siem-hook: /);
  });

  it('lets loss within --max-loss pass', async () => {
    const port = await freePort();
    const path =
      await target(`  - { id: siem-hook, type: http, format: generic, encoder: jsonl, url: "http://127.0.0.1:${port}/ingest", maxAttempts: 1, closeTimeoutMs: 1000 }
`);
    const { code, report } = await runSoak(['--target', path, ...QUICK, '--max-loss', '100%', '--json']);
    expect(report!.sinks[0]!.lost).toBeGreaterThan(0);
    expect(code).toBe(0);
  });
});

describe('phi-drill soak refuses bad input with exit 2, before any traffic', () => {
  it('a sink host that is neither loopback nor allow-listed', async () => {
    const path =
      await target(`  - { id: siem-hook, type: http, format: generic, encoder: jsonl, url: "https://siem.example.org/ingest" }
`);
    const { code, stderr } = await runSoak(['--target', path, ...QUICK]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /target\.yaml:3:\d+ {2}bad-value {2}telemetry\[0\]\.url {2}host "siem\.example\.org" is not loopback/,
    );
  });

  it.each([
    [['--speed', '0'], '--speed takes a number from 1 to 100000'],
    [['--duration', 'soon'], '--duration takes a duration'],
    [['--max-events', '2.5'], '--max-events takes a whole number'],
    [['--level', 'off'], '--level takes light, normal or heavy'],
    [['--max-loss', '150'], '--max-loss takes a number from 0 to 100'],
  ])('%j', async (args, message) => {
    const path =
      await target(`  - { id: siem-file, type: file, encoder: jsonl, path: ${join(folder, 'out.jsonl')} }
`);
    const { code, stderr } = await runSoak(['--target', path, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('a target without the file, or with an unknown key, located', async () => {
    expect((await runSoak(['--target', join(folder, 'none.yaml')])).code).toBe(2);
    const path = await target(`  - { id: siem-file, type: file, encoder: jsonl, path: x, colour: red }
`);
    const { code, stderr } = await runSoak(['--target', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/target\.yaml:3:\d+ {2}unknown-key {2}telemetry\[0\]\.colour/);
  });
});

describe('phi-drill soak --max-events', () => {
  it('stops after that many events', async () => {
    const path =
      await target(`  - { id: siem-file, type: file, encoder: jsonl, path: ${join(folder, 'out.jsonl')}, flushIntervalMs: 50 }
`);
    const { code, report } = await runSoak(['--target', path, ...QUICK, '--max-events', '5', '--json']);
    expect(code).toBe(0);
    expect(report).toMatchObject({ events: 5, sinks: [{ written: 5, delivered: 5, lost: 0 }] });
  });
});
