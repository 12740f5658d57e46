import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { connect as amqpConnect } from 'amqplib';
import { serviceUrl } from './broker-env.ts';

/**
 * A JetStream stream name of its own and a RabbitMQ fanout exchange with one queue bound to it, so
 * a test that sends telemetry to both brokers can count what each really stored. `close` removes
 * the stream, queue and exchange and ends both admin connections.
 */
export async function brokerCapture(label: string) {
  const nats = serviceUrl('PHI_DRILL_NATS_URL');
  const stream = `PHIDRILL_${label.toUpperCase()}_${randomUUID().replaceAll('-', '')}`;
  const exchange = `phidrill.${label}.${randomUUID()}`;
  const admin = await amqpConnect(process.env.PHI_DRILL_AMQP_URL!);
  const channel = await admin.createChannel();
  await channel.assertExchange(exchange, 'fanout', { durable: false });
  const { queue } = await channel.assertQueue('', { durable: false });
  await channel.bindQueue(queue, exchange, '');
  const natsAdmin = await natsConnect({ servers: `${nats.host}:${nats.port}` });
  return {
    stream,
    exchange,
    streamed: async () => (await (await jetstreamManager(natsAdmin)).streams.info(stream)).state.messages,
    queued: async () => (await channel.checkQueue(queue)).messageCount,
    async close() {
      await (await jetstreamManager(natsAdmin)).streams.delete(stream).catch(() => false);
      await natsAdmin.close();
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.deleteExchange(exchange).catch(() => undefined);
      await admin.close();
    },
  };
}
