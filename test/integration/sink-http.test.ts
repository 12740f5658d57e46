import { afterEach, describe, expect, it } from 'vitest';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import type { HttpSinkConfig } from '../../src/telemetry/sinks/sink-config.ts';
import { closedPort, FAST, httpReceiver, record, START, sinkDeps } from './sink-fixtures.ts';

type Receiver = Awaited<ReturnType<typeof httpReceiver>>;
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const HEC_OK = { status: 200, body: { text: 'Success', code: 0 } };
const env = { HEC_TOKEN: 'hec-secret-0001', ES_KEY: 'ZXMta2V5', TENANT: 'tenant-7' };

/** HEC bodies are JSON objects back to back: read one value at a time. */
function concatenatedJson(body: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (char === '}' && --depth === 0) values.push(JSON.parse(body.slice(start, i + 1)));
  }
  return values;
}

function hec(url: string, extra: Partial<HttpSinkConfig> = {}): HttpSinkConfig {
  return {
    type: 'http',
    id: 'splunk',
    format: 'splunk-hec',
    url,
    tokenEnv: 'HEC_TOKEN',
    host: 'drill-01',
    ...FAST,
    ...extra,
  } as HttpSinkConfig;
}

describe('http sink: Splunk HEC', () => {
  it('posts concatenated events with the Splunk token, the run-clock time and metadata', async () => {
    receiver = await httpReceiver((request) =>
      request.headers.authorization === 'Splunk hec-secret-0001'
        ? HEC_OK
        : { status: 401, body: { text: 'Token is required', code: 2 } },
    );
    const sink = createSink(
      hec(receiver.url, { sourcetype: 'phi-drill:ocsf', index: 'drills' }),
      sinkDeps(env),
    );
    for (let n = 1; n <= 12; n++) sink.write(record(n));
    sink.write('plain text line');
    await sink.close();

    expect(receiver.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/services/collector/event'],
      ['POST', '/services/collector/event'],
    ]);
    const events = receiver.requests.flatMap((r) => concatenatedJson(r.body));
    expect(events).toHaveLength(13);
    expect(events[0]).toEqual({
      time: START / 1000,
      host: 'drill-01',
      source: 'phi-drill',
      sourcetype: 'phi-drill:ocsf',
      index: 'drills',
      event: JSON.parse(record(1)),
    });
    expect(events[12]).toMatchObject({ event: 'plain text line' });
    expect(sink.stats()).toEqual({ sent: 13, failed: 0, dropped: 0, retries: 0, pending: 0 });
  });

  it('fails a batch HEC refuses for a bad token without retrying it', async () => {
    receiver = await httpReceiver(() => ({ status: 403, body: { text: 'Invalid token', code: 4 } }));
    const deps = sinkDeps({ HEC_TOKEN: 'wrong' });
    const sink = createSink(hec(receiver.url), deps);
    for (let n = 1; n <= 3; n++) sink.write(record(n));
    await sink.close();
    expect(receiver.requests).toHaveLength(1);
    expect(sink.stats()).toEqual({ sent: 0, failed: 3, dropped: 0, retries: 0, pending: 0 });
    expect(deps.errors).toEqual(['HEC HTTP 403 code 4: Invalid token']);
  });

  it('keeps the events before an invalid one, fails it and resends the rest', async () => {
    receiver = await httpReceiver((_request, index) =>
      index === 0
        ? { status: 400, body: { text: 'Invalid data format', code: 6, 'invalid-event-number': 2 } }
        : HEC_OK,
    );
    const sink = createSink(hec(receiver.url), sinkDeps(env));
    for (let n = 1; n <= 5; n++) sink.write(record(n));
    await sink.close();
    const resent = concatenatedJson(receiver.requests[1]!.body) as Array<{ event: unknown }>;
    expect(resent.map((e) => e.event)).toEqual([JSON.parse(record(4)), JSON.parse(record(5))]);
    expect(sink.stats()).toEqual({ sent: 4, failed: 1, dropped: 0, retries: 1, pending: 0 });
  });

  it('retries when HEC is busy (code 9) and succeeds', async () => {
    receiver = await httpReceiver((_request, index) =>
      index < 2 ? { status: 503, body: { text: 'Server is busy', code: 9 } } : HEC_OK,
    );
    const sink = createSink(hec(receiver.url), sinkDeps(env));
    for (let n = 1; n <= 4; n++) sink.write(record(n));
    await sink.close();
    expect(receiver.requests).toHaveLength(3);
    expect(sink.stats()).toEqual({ sent: 4, failed: 0, dropped: 0, retries: 2, pending: 0 });
  });
});

describe('http sink: Elasticsearch bulk', () => {
  it('posts NDJSON with index actions and retries only the items the cluster was too busy for', async () => {
    receiver = await httpReceiver((request, index) => {
      if (
        request.headers.authorization !== 'ApiKey ZXMta2V5' ||
        request.headers['content-type'] !== 'application/x-ndjson'
      ) {
        return { status: 401, body: { error: 'bad auth or content type' } };
      }
      if (index > 0) return { status: 200, body: { errors: false, items: [{ index: { status: 201 } }] } };
      const item = (status: number, type?: string) => ({
        index: { _index: 'phi-drill', status, ...(type ? { error: { type } } : {}) },
      });
      return {
        status: 200,
        body: {
          errors: true,
          items: [
            item(201),
            item(429, 'es_rejected_execution_exception'),
            item(400, 'mapper_parsing_exception'),
            item(201),
          ],
        },
      };
    });
    const deps = sinkDeps(env);
    const sink = createSink(
      {
        type: 'http',
        id: 'es',
        format: 'elasticsearch',
        url: `${receiver.url}/`,
        index: 'phi-drill',
        tokenEnv: 'ES_KEY',
        ...FAST,
      },
      deps,
    );
    sink.write(record(1));
    sink.write(record(2));
    sink.write(record(3));
    sink.write('CEF:0|phi-drill|estate|1|fhir.read|Read|3|src=10.99.0.32');
    await sink.close();

    const [first, second] = receiver.requests;
    expect(first!.path).toBe('/_bulk');
    const lines = first!.body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, 4)).toEqual([
      '{"index":{"_index":"phi-drill"}}',
      record(1),
      '{"index":{"_index":"phi-drill"}}',
      record(2),
    ]);
    expect(JSON.parse(lines[7]!)).toEqual({
      '@timestamp': '2026-03-02T13:00:54.929Z',
      message: 'CEF:0|phi-drill|estate|1|fhir.read|Read|3|src=10.99.0.32',
    });
    expect(second!.body).toBe(`{"index":{"_index":"phi-drill"}}\n${record(2)}\n`);
    expect(sink.stats()).toEqual({ sent: 3, failed: 1, dropped: 0, retries: 1, pending: 0 });
    expect(deps.errors[0]).toBe(
      'bulk: 1 items failed, 1 to retry (es_rejected_execution_exception, mapper_parsing_exception)',
    );
  });
});

describe('http sink: generic, failures and back-pressure', () => {
  const generic = (url: string, extra: Partial<HttpSinkConfig> = {}): HttpSinkConfig =>
    ({
      type: 'http',
      id: 'hook',
      format: 'generic',
      url: `${url}/ingest`,
      ...FAST,
      ...extra,
    }) as HttpSinkConfig;

  it('posts a JSON array with configured headers, retrying the first failures then succeeding', async () => {
    receiver = await httpReceiver((request, index) =>
      request.headers['x-tenant'] !== 'tenant-7' || request.headers['x-source'] !== 'drill'
        ? { status: 400 }
        : index < 2
          ? { status: index === 0 ? 503 : 429 }
          : { status: 204 },
    );
    const sink = createSink(
      generic(receiver.url, { headers: { 'X-Source': 'drill' }, headersFromEnv: { 'X-Tenant': 'TENANT' } }),
      sinkDeps(env),
    );
    sink.write(record(1));
    sink.write('not json');
    await sink.close();
    expect(receiver.requests).toHaveLength(3);
    expect(JSON.parse(receiver.requests[2]!.body)).toEqual([JSON.parse(record(1)), 'not json']);
    expect(sink.stats()).toEqual({ sent: 2, failed: 0, dropped: 0, retries: 2, pending: 0 });
  });

  it('counts records as failed when the server keeps failing, after maxAttempts requests', async () => {
    receiver = await httpReceiver(() => ({ status: 500 }));
    const sink = createSink(generic(receiver.url, { maxAttempts: 4 }), sinkDeps());
    for (let n = 1; n <= 15; n++) sink.write(record(n));
    await sink.close();
    // Two batches (10 + 5), four attempts each.
    expect(receiver.requests).toHaveLength(8);
    expect(sink.stats()).toEqual({ sent: 0, failed: 15, dropped: 0, retries: 6, pending: 0 });
  });

  it('does not retry a 4xx, and does not follow a redirect', async () => {
    receiver = await httpReceiver((request) =>
      request.path === '/ingest' ? { status: 422, body: { error: 'schema' } } : { status: 302 },
    );
    const deps = sinkDeps();
    const sink = createSink(generic(receiver.url), deps);
    sink.write(record(1));
    await sink.flush();
    const moved = createSink(generic(receiver.url, { url: `${receiver.url}/moved` }), deps);
    moved.write(record(2));
    await Promise.all([sink.close(), moved.close()]);
    expect(receiver.requests).toHaveLength(2);
    expect(sink.stats()).toMatchObject({ sent: 0, failed: 1, retries: 0 });
    expect(moved.stats()).toMatchObject({ sent: 0, failed: 1, retries: 0 });
    expect(deps.errors).toEqual(['HTTP 422: {"error":"schema"}', 'HTTP 302: redirect not followed']);
  });

  it('retries when the server is down and gives up after maxAttempts', async () => {
    const port = await closedPort();
    const deps = sinkDeps();
    const sink = createSink(generic(`http://127.0.0.1:${port}`, { maxAttempts: 2 }), deps);
    sink.write(record(1));
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 0, failed: 1, dropped: 0, retries: 1, pending: 0 });
    expect(deps.errors[0]).toBe(`POST http://127.0.0.1:${port}: ECONNREFUSED`);
  });

  it('drops writes beyond maxBuffer while the server stalls, and close gives up at its deadline', async () => {
    receiver = await httpReceiver(() => 'stall');
    const sink = createSink(generic(receiver.url, { maxBuffer: 25, closeTimeoutMs: 200 }), sinkDeps());
    for (let n = 1; n <= 40; n++) sink.write(record(n));
    expect(sink.stats()).toMatchObject({ dropped: 15, pending: 25 });
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 0, failed: 25, dropped: 15, retries: 0, pending: 0 });
  });

  it('close drains everything buffered before it returns', async () => {
    receiver = await httpReceiver(() => ({ status: 200 }));
    const sink = createSink(generic(receiver.url, { batchSize: 100, flushIntervalMs: 60_000 }), sinkDeps());
    for (let n = 1; n <= 250; n++) sink.write(record(n));
    await sink.close();
    const received = receiver.requests.flatMap((r) => JSON.parse(r.body) as unknown[]);
    expect(received).toHaveLength(250);
    expect(received.at(-1)).toEqual(JSON.parse(record(250)));
    expect(sink.stats()).toEqual({ sent: 250, failed: 0, dropped: 0, retries: 0, pending: 0 });
  });

  it('refuses a non-allow-listed host, a missing secret and a credential written into the file', () => {
    const deps = sinkDeps(env);
    expect(() => createSink(generic('https://siem.example.org'), deps)).toThrow(
      'sink hook: host siem.example.org is not allow-listed',
    );
    expect(() =>
      createSink(generic('https://siem.example.org'), {
        ...deps,
        allowHost: (host) => host === 'siem.example.org',
      }),
    ).not.toThrow();
    expect(() => createSink(hec('http://127.0.0.1:8088', { tokenEnv: 'NOT_SET' }), deps)).toThrow(
      'sink splunk: environment variable NOT_SET (tokenEnv) is not set',
    );
    expect(() =>
      createSink(generic('http://[::1]:9', { headers: { Authorization: 'Bearer x' } }), deps),
    ).toThrow('sink hook: put credentials in tokenEnv or headersFromEnv, not in headers');
  });
});
