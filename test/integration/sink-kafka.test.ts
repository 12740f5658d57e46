import { afterEach, describe, expect, it } from 'vitest';
import { createSink } from '../../src/telemetry/sinks/create-sink.ts';
import { type KafkaDouble, kafkaDouble } from './kafka-double.ts';
import { FAST, record, sinkDeps } from './sink-fixtures.ts';

const doubles: KafkaDouble[] = [];
afterEach(async () => {
  for (const double of doubles.splice(0)) await double.close();
});

async function broker(options?: Parameters<typeof kafkaDouble>[0]): Promise<KafkaDouble> {
  const double = await kafkaDouble(options);
  doubles.push(double);
  return double;
}

function kafkaSink(port: number, extra: { topic?: string; maxAttempts?: number } = {}) {
  const deps = sinkDeps();
  const sink = createSink(
    {
      type: 'kafka',
      id: 'siem-kafka',
      brokers: [`127.0.0.1:${port}`],
      topic: extra.topic ?? 'phi-drill-telemetry',
      ackTimeoutMs: 1000,
      connectTimeoutMs: 500,
      ...FAST,
      maxAttempts: extra.maxAttempts ?? 5,
    },
    deps,
  );
  return { sink, deps };
}

describe('Kafka sink on the Kafka wire protocol', () => {
  it('produces every record with acks=-1 in a CRC-checked RecordBatch, each with its record id', async () => {
    const double = await broker();
    const { sink } = kafkaSink(double.port);
    for (let n = 0; n < 35; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toEqual({ sent: 35, failed: 0, dropped: 0, retries: 0, pending: 0 });
    expect(double.records.map((r) => r.value)).toEqual(Array.from({ length: 35 }, (_, n) => record(n)));
    const ids = double.records.map((r) => r.headers['phi-drill-record-id']);
    expect(new Set(ids).size).toBe(35);
    expect(double.requests).toContain('Produce v3');
    expect(double.requests[0]).toMatch(/^ApiVersions v\d$/);
  });

  it('retries a batch the broker refuses with a retriable error and counts the retry', async () => {
    const double = await broker();
    double.failNextProduce(6);
    const { sink, deps } = kafkaSink(double.port);
    for (let n = 0; n < 10; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 10, failed: 0, retries: 1 });
    expect(double.records).toHaveLength(10);
    expect(deps.errors).toHaveLength(1);
  });

  it('counts records as failed when the topic does not exist', async () => {
    const double = await broker();
    const { sink } = kafkaSink(double.port, { topic: 'no-such-topic', maxAttempts: 2 });
    for (let n = 0; n < 10; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 0, failed: 10, pending: 0 });
    expect(double.records).toHaveLength(0);
  });

  it('counts records as failed when no broker listens', async () => {
    const double = await broker();
    const port = double.port;
    await doubles.pop()!.close();
    const { sink } = kafkaSink(port, { maxAttempts: 2 });
    for (let n = 0; n < 10; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 0, failed: 10, pending: 0 });
  });

  it('refuses to follow cluster metadata to a host that is not allow-listed', async () => {
    const double = await broker({ advertisedHost: 'kafka.example.org' });
    const { sink, deps } = kafkaSink(double.port, { maxAttempts: 2 });
    for (let n = 0; n < 5; n++) sink.write(record(n));
    await sink.close();
    expect(sink.stats()).toMatchObject({ sent: 0, failed: 5 });
    expect(double.records).toHaveLength(0);
    expect(deps.errors.join('\n')).toMatch(/kafka\.example\.org is not allow-listed/);
  });

  it('refuses a non-loopback bootstrap broker before connecting', () => {
    expect(() =>
      createSink({ type: 'kafka', id: 'k', brokers: ['kafka.example.org:9092'], topic: 't' }, sinkDeps()),
    ).toThrow(/not allow-listed/);
  });
});
