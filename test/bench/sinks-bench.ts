import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import type { Sink } from '../../src/telemetry/sinks/sink.ts';
import type { SinkConfig } from '../../src/telemetry/sinks/sink-config.ts';
import { httpReceiver, sinkDeps, tcpReceiver, udpReceiver } from '../integration/sink-fixtures.ts';

export interface SinkBenchResult {
  sink: string;
  /** Records per second from the first write until close() returned and the receiver held them all. */
  perSec: number;
  /** Records written that the receiver never got (sink drops and failures included). */
  lost: number;
}

const SETTINGS = {
  batchSize: 500,
  flushIntervalMs: 50,
  maxBuffer: 20_000,
  backoffMs: 10,
  closeTimeoutMs: 30_000,
};

/** A telemetry record of typical size (about 650 bytes of JSON), numbered so each is distinct. */
function telemetry(n: number): string {
  return JSON.stringify({
    id: `evt-${String(n).padStart(6, '0')}`,
    time: 1_772_456_454_929 + n,
    system: 'ehr',
    action: 'fhir.search',
    actor: { id: 'dr.lindqvist', type: 'clinician', name: 'dr.lindqvist' },
    clientApp: '3MVG9x4a2GXw1Syz_-dJi6uVTc6s4rHFsohQK3xJw4vlv',
    sourceIp: '10.99.0.32',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
    session: '18d058051e4770a6',
    requestId: `req-${n}`,
    method: 'GET',
    uri: '/fhir/R4/Patient?identifier=ZZTEST-00000443',
    status: 200,
    resource: { type: 'Patient' },
    patientIds: ['zz-0000443'],
    fields: ['resourceType', 'id', 'meta', 'identifier', 'name', 'gender', 'birthDate', 'telecom', 'address'],
    rows: 1,
    outcome: 'success',
  });
}

export interface Target {
  sink: string;
  config(): Promise<SinkConfig>;
  /** Secrets the sink reads by name (tokenEnv, userEnv …). */
  env?: Record<string, string>;
  /** Records the receiver holds so far. */
  received(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Sustained throughput of each sink type against a loopback receiver in this process. The producer
 * respects back-pressure the way a run would not have to: it pauses on flush() when half the buffer
 * is pending, so the figure is what the destination path sustains, not how fast a buffer fills.
 */
export async function benchSinks(records: number): Promise<SinkBenchResult[]> {
  if (!Number.isInteger(records) || records <= 0) throw new RangeError('records must be a positive integer');
  const results: SinkBenchResult[] = [];
  for (const target of await targets()) {
    try {
      results.push(await measure(target, records));
    } finally {
      await target.close();
    }
  }
  return results;
}

export async function measure(target: Target, records: number): Promise<SinkBenchResult> {
  const sink: Sink = createSink(
    await target.config(),
    sinkDeps({ BENCH_TOKEN: 'bench-token', ...target.env }),
  );
  const began = performance.now();
  for (let n = 0; n < records; n++) {
    sink.write(telemetry(n));
    if (n % 1000 === 999 && sink.stats().pending > SETTINGS.maxBuffer / 2) await sink.flush();
  }
  await sink.close();
  let received = await target.received();
  // Datagrams and socket writes may still be on their way to the receiver when close() returns.
  for (let wait = 0; wait < 200 && received < records; wait++) {
    await new Promise((resolve) => setImmediate(resolve));
    received = await target.received();
  }
  const seconds = (performance.now() - began) / 1000;
  return { sink: target.sink, perSec: Math.round(records / seconds), lost: records - received };
}

async function targets(): Promise<Target[]> {
  const dir = await mkdtemp(join(tmpdir(), 'phi-drill-sink-bench-'));
  const path = join(dir, 'telemetry.jsonl');
  const udp = await udpReceiver();
  const tcp = await tcpReceiver();
  const http = await httpReceiver((request) =>
    request.path === '/_bulk'
      ? { status: 200, body: { errors: false, items: [] } }
      : request.path === '/services/collector/event'
        ? { status: 200, body: { text: 'Success', code: 0 } }
        : { status: 204 },
  );
  const bodies = (path: string) =>
    http.requests.filter((request) => request.path === path).map((r) => r.body);
  const count = (text: string, needle: string) => text.split(needle).length - 1;
  return [
    {
      sink: 'file',
      config: async () => ({ type: 'file', id: 'bench-file', path, ...SETTINGS }),
      received: async () => count(await readFile(path, 'utf8'), '\n'),
      close: () => rm(dir, { recursive: true, force: true }),
    },
    {
      sink: 'syslog-udp',
      config: async () => ({
        type: 'syslog',
        id: 'bench-udp',
        transport: 'udp',
        host: '127.0.0.1',
        port: udp.port,
        ...SETTINGS,
      }),
      received: async () => udp.messages.length,
      close: () => udp.close(),
    },
    {
      sink: 'syslog-tcp',
      config: async () => ({
        type: 'syslog',
        id: 'bench-tcp',
        transport: 'tcp',
        host: '127.0.0.1',
        port: tcp.port,
        ...SETTINGS,
      }),
      received: async () => tcp.messages.length,
      close: () => tcp.close(),
    },
    {
      sink: 'http-generic',
      config: async () => ({
        type: 'http',
        id: 'bench-generic',
        format: 'generic',
        url: `${http.url}/ingest`,
        ...SETTINGS,
      }),
      received: async () =>
        bodies('/ingest').reduce((sum, body) => sum + (JSON.parse(body) as unknown[]).length, 0),
      close: async () => {},
    },
    {
      sink: 'splunk-hec',
      config: async () => ({
        type: 'http',
        id: 'bench-hec',
        format: 'splunk-hec',
        url: http.url,
        tokenEnv: 'BENCH_TOKEN',
        ...SETTINGS,
      }),
      received: async () =>
        bodies('/services/collector/event').reduce((sum, body) => sum + count(body, '{"time":'), 0),
      close: async () => {},
    },
    {
      sink: 'elasticsearch',
      config: async () => ({
        type: 'http',
        id: 'bench-es',
        format: 'elasticsearch',
        url: http.url,
        index: 'bench',
        ...SETTINGS,
      }),
      received: async () => bodies('/_bulk').reduce((sum, body) => sum + count(body, '\n') / 2, 0),
      close: () => http.close(),
    },
  ];
}
