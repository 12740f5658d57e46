import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import { record } from '../integration/sink-fixtures.ts';
import { PATIENT, serviceUrl, sinkDeps } from './broker-env.ts';
import { type TcpProxy, tcpProxy } from './tcp-proxy.ts';

const amqp = serviceUrl('PHI_DRILL_AMQP_URL');

describe('AMQP 0-9-1 sink against the real RabbitMQ', () => {
  let admin: ChannelModel;
  const exchanges: string[] = [];
  const queues: string[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    admin = await connect(process.env.PHI_DRILL_AMQP_URL!);
  });
  afterAll(async () => {
    const channel = await admin.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await admin.close();
    for (const proxy of proxies) await proxy.close();
  });

  async function setUp(options: { bind: boolean }) {
    const exchange = `phidrill.test.${randomUUID()}`;
    exchanges.push(exchange);
    const channel = await admin.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: false });
    const { queue } = await channel.assertQueue('', { exclusive: false, durable: false });
    queues.push(queue);
    if (options.bind) await channel.bindQueue(queue, exchange, 'telemetry.#');
    await channel.close();
    const proxy = await tcpProxy(amqp.host, amqp.port);
    proxies.push(proxy);
    const deps = sinkDeps(amqp.env);
    const sink = createSink(
      {
        type: 'amqp',
        id: 'siem-amqp',
        url: `amqp://${proxy.address}`,
        exchange,
        routingKey: 'telemetry.ehr',
        ackTimeoutMs: 2000,
        connectTimeoutMs: 1000,
        ...amqp.auth,
        ...PATIENT,
      },
      deps,
    );
    /** Every message in the queue, by messageId, drained without ack so nothing else sees them. */
    const received = async () => {
      const reader = await admin.createChannel();
      const ids: string[] = [];
      const bodies: string[] = [];
      for (;;) {
        const message = await reader.get(queue, { noAck: true });
        if (message === false) break;
        ids.push(String(message.properties.messageId));
        bodies.push(message.content.toString());
      }
      await reader.close();
      return { ids, bodies };
    };
    return { proxy, deps, sink, received };
  }

  it('delivers every record as a persistent, confirmed message', async () => {
    const { sink, received } = await setUp({ bind: true });
    for (let n = 0; n < 120; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 120, failed: 0, dropped: 0, retries: 0, pending: 0 });
    const { ids, bodies } = await received();
    expect(bodies).toEqual(Array.from({ length: 120 }, (_, n) => record(n)));
    expect(new Set(ids).size).toBe(120);
  });

  it('loses nothing when the link to the broker is cut mid-run and comes back', async () => {
    const { proxy, deps, sink, received } = await setUp({ bind: true });
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
    // At least once: a batch whose confirms were cut off is sent again, so the consumer may see a
    // record twice (same messageId) but never misses one.
    const { ids, bodies } = await received();
    expect(new Set(bodies)).toEqual(new Set(Array.from({ length: 500 }, (_, n) => record(n))));
    expect(new Set(ids).size).toBe(500);
  });

  it('counts records no queue takes as failed instead of letting RabbitMQ drop them', async () => {
    const { deps, sink } = await setUp({ bind: false });
    for (let n = 0; n < 30; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 0, failed: 30, retries: 0, pending: 0 });
    expect(deps.errors.join('\n')).toMatch(/30 records unroutable/);
  });

  it('counts every record as failed when the broker never comes back', async () => {
    const { proxy, sink } = await setUp({ bind: true });
    for (let n = 0; n < 20; n++) sink.write(record(n));
    await sink.flush();
    proxy.cut();
    for (let n = 20; n < 50; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 20, failed: 30, dropped: 0, pending: 0 });
  });
});
