import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { connect as amqpConnect } from 'amqplib';
import { kafkaDouble } from '../integration/kafka-double.ts';
import { measure, type SinkBenchResult, type Target } from './sinks-bench.ts';

const SETTINGS = {
  batchSize: 500,
  flushIntervalMs: 50,
  maxBuffer: 20_000,
  backoffMs: 10,
  closeTimeoutMs: 60_000,
};

/**
 * Sustained throughput with loss for the broker sinks: the real NATS JetStream and RabbitMQ named by
 * PHI_DRILL_NATS_URL / PHI_DRILL_AMQP_URL (loopback defaults), and Kafka against the loopback
 * wire-protocol double. A broker that is not reachable is reported as skipped, not as zero.
 */
export async function benchBrokerSinks(
  records: number,
): Promise<Array<SinkBenchResult | { sink: string; skipped: string }>> {
  const results: Array<SinkBenchResult | { sink: string; skipped: string }> = [];
  for (const [sink, make] of [
    ['nats-jetstream', natsTarget],
    ['amqp-rabbitmq', amqpTarget],
    ['kafka-wire-double', kafkaTarget],
  ] as const) {
    let target: Target;
    try {
      target = await make();
    } catch (error) {
      results.push({ sink, skipped: error instanceof Error ? error.message : String(error) });
      continue;
    }
    try {
      results.push(await measure(target, records));
    } finally {
      await target.close();
    }
  }
  return results;
}

async function natsTarget(): Promise<Target> {
  const url = new URL(process.env.PHI_DRILL_NATS_URL ?? 'nats://127.0.0.1:4222');
  const admin = await natsConnect({ servers: url.host, reconnect: false, timeout: 2000 });
  const jsm = await jetstreamManager(admin);
  const stream = `PHIDRILL_BENCH_${randomUUID().replaceAll('-', '')}`;
  return {
    sink: 'nats-jetstream',
    config: async () => ({
      type: 'nats',
      id: 'bench-nats',
      url: `nats://${url.host}`,
      subject: `phidrill.bench.${stream}`,
      stream,
      ...SETTINGS,
    }),
    received: async () => (await jsm.streams.info(stream)).state.messages,
    close: async () => {
      await jsm.streams.delete(stream).catch(() => false);
      await admin.close();
    },
  };
}

async function amqpTarget(): Promise<Target> {
  const url = process.env.PHI_DRILL_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const parsed = new URL(url);
  const admin = await amqpConnect(url);
  const channel = await admin.createChannel();
  const exchange = `phidrill.bench.${randomUUID()}`;
  await channel.assertExchange(exchange, 'fanout', { durable: false });
  const { queue } = await channel.assertQueue('', { durable: false });
  await channel.bindQueue(queue, exchange, '');
  return {
    sink: 'amqp-rabbitmq',
    env: {
      BENCH_AMQP_USER: decodeURIComponent(parsed.username || 'guest'),
      BENCH_AMQP_PASSWORD: decodeURIComponent(parsed.password || 'guest'),
    },
    config: async () => ({
      type: 'amqp',
      id: 'bench-amqp',
      url: `amqp://${parsed.host}`,
      exchange,
      routingKey: '',
      userEnv: 'BENCH_AMQP_USER',
      passwordEnv: 'BENCH_AMQP_PASSWORD',
      ...SETTINGS,
    }),
    received: async () => (await channel.checkQueue(queue)).messageCount,
    close: async () => {
      await channel.deleteQueue(queue);
      await channel.deleteExchange(exchange);
      await admin.close();
    },
  };
}

async function kafkaTarget(): Promise<Target> {
  const double = await kafkaDouble();
  return {
    sink: 'kafka-wire-double',
    config: async () => ({
      type: 'kafka',
      id: 'bench-kafka',
      brokers: [`127.0.0.1:${double.port}`],
      topic: 'phi-drill-telemetry',
      ...SETTINGS,
    }),
    received: async () => double.records.length,
    close: () => double.close(),
  };
}
