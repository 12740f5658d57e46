import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import { record } from '../integration/sink-fixtures.ts';
import { PATIENT, serviceUrl, sinkDeps } from './broker-env.ts';
import { type TcpProxy, tcpProxy } from './tcp-proxy.ts';

const nats = serviceUrl('PHI_DRILL_NATS_URL');

describe('NATS JetStream sink against the real server', () => {
  let admin: NatsConnection;
  const streams: string[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    admin = await connect({ servers: `${nats.host}:${nats.port}` });
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(admin);
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => false);
    for (const proxy of proxies) await proxy.close();
    await admin.close();
  });

  async function setUp() {
    const name = `PHIDRILL_TEST_${randomUUID().replaceAll('-', '')}`;
    streams.push(name);
    const proxy = await tcpProxy(nats.host, nats.port);
    proxies.push(proxy);
    const deps = sinkDeps(nats.env);
    const sink = createSink(
      {
        type: 'nats',
        id: 'siem-nats',
        url: `nats://${proxy.address}`,
        subject: `phidrill.test.${name}`,
        stream: name,
        ackTimeoutMs: 2000,
        connectTimeoutMs: 1000,
        ...PATIENT,
      },
      deps,
    );
    const stored = async () => (await (await jetstreamManager(admin)).streams.info(name)).state.messages;
    return { name, proxy, deps, sink, stored };
  }

  it('stores every record once, acknowledged by the stream', async () => {
    const { name, sink, stored } = await setUp();
    for (let n = 0; n < 120; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 120, failed: 0, dropped: 0, retries: 0, pending: 0 });
    expect(await stored()).toBe(120);
    const first = await (await jetstreamManager(admin)).streams.getMessage(name, { seq: 1 });
    expect(first?.string()).toBe(record(0));
    expect(first?.header.get('Nats-Msg-Id')).toMatch(/-0$/);
  });

  it('loses nothing when the link to the server is cut mid-run and comes back', async () => {
    const { proxy, deps, sink, stored } = await setUp();
    for (let n = 0; n < 200; n++) sink.write(record(n));
    await sink.flush();
    for (let n = 200; n < 400; n++) sink.write(record(n));
    proxy.cut();
    await sleep(300);
    for (let n = 400; n < 500; n++) sink.write(record(n));
    await sleep(300);
    proxy.restore();
    await sink.close();
    const stats = sink.stats();
    expect(stats).toMatchObject({ sent: 500, failed: 0, dropped: 0, pending: 0 });
    expect(stats.retries).toBeGreaterThan(0);
    expect(deps.errors.length).toBeGreaterThan(0);
    expect(proxy.connections()).toBeGreaterThan(1);
    // A batch resent after its acknowledgements were cut off is deduplicated by Nats-Msg-Id.
    expect(await stored()).toBe(500);
  });

  it('counts every record as failed when the server never comes back', async () => {
    const { proxy, deps, sink, stored } = await setUp();
    for (let n = 0; n < 20; n++) sink.write(record(n));
    await sink.flush();
    proxy.cut();
    for (let n = 20; n < 50; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 20, failed: 30, dropped: 0, pending: 0 });
    expect(deps.errors.some((error) => /gave up|close deadline/.test(error))).toBe(true);
    expect(await stored()).toBe(20);
  });
});
