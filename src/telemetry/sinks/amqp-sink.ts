import type { ChannelModel, ConfirmChannel, Message } from 'amqplib';
import {
  type BrokerRecord,
  brokerCredentials,
  brokerRecords,
  brokerUrlHost,
  within,
} from './broker-common.ts';
import { queuedSink } from './queued-sink.ts';
import type { Sink } from './sink.ts';
import type { AmqpSinkConfig } from './sink-config.ts';
import { hostGuard, queueFor, type SinkDeps } from './sink-deps.ts';

interface Session {
  connection: ChannelModel;
  channel: ConfirmChannel;
  /** Message ids the broker handed back as unroutable while the current batch was out. */
  returned: Set<string>;
}

/**
 * AMQP 0-9-1 with publisher confirms: a record is sent once the broker acks it, a nack is retried,
 * and a message no queue is bound to take (returned, because it is published `mandatory`) counts as
 * failed — RabbitMQ would otherwise accept and silently discard it. A dropped connection fails the
 * batch in hand; the queue retries it on a new connection.
 */
export function createAmqpSink(config: AmqpSinkConfig, deps: SinkDeps): Sink {
  const guard = hostGuard(config.id, deps.allowHost);
  const url = brokerUrlHost(config.id, config.url, ['amqp', 'amqps']);
  guard(url.hostname);
  const credentials = brokerCredentials(config, deps.env);
  const ackTimeoutMs = config.ackTimeoutMs ?? 10_000;
  let session: Promise<Session> | undefined;

  const open = async (): Promise<Session> => {
    guard(url.hostname);
    // Loaded when an AMQP sink is first used, so runs without one never pay for the client.
    const { connect } = await import('amqplib');
    const connection = await within(
      deps.timers,
      config.connectTimeoutMs ?? 5000,
      connect(
        {
          protocol: url.protocol.replace(/:$/, ''),
          hostname: url.hostname,
          port: url.port ? Number(url.port) : undefined,
          vhost: url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : '/',
          username: credentials?.user,
          password: credentials?.password,
        },
        // Nagle's algorithm would hold a batch's last frame back until the broker acknowledges the
        // ones before, which it may delay by 40 ms, before the confirm can even be asked for.
        { clientProperties: { connection_name: `phi-drill ${config.id}` }, noDelay: true },
      ),
      `AMQP connect to ${url.host} timed out`,
    );
    const current = session;
    const drop = () => {
      if (session === current) session = undefined;
    };
    connection.on('error', drop);
    connection.on('close', drop);
    const channel = await connection.createConfirmChannel();
    channel.on('error', drop);
    channel.on('close', drop);
    const returned = new Set<string>();
    channel.on('return', (message: Message) => {
      if (typeof message.properties.messageId === 'string') returned.add(message.properties.messageId);
    });
    if (config.declare) await channel.assertExchange(config.exchange, config.declare, { durable: true });
    else await channel.checkExchange(config.exchange);
    return { connection, channel, returned };
  };
  const forget = async (failed: Promise<Session>) => {
    if (session === failed) session = undefined;
    const stale = await failed.catch(() => undefined);
    await stale?.connection.close().catch(() => undefined);
  };

  const queue = queueFor<BrokerRecord>(config.id, config, deps, async (batch) => {
    session ??= open();
    const current = session;
    const { channel, returned } = await current.catch(async (error: unknown) => {
      await forget(current);
      throw error;
    });
    returned.clear();
    const confirms = batch.map(
      (record) =>
        new Promise<void>((resolve, reject) => {
          channel.publish(
            config.exchange,
            config.routingKey,
            Buffer.from(record.text),
            { persistent: true, mandatory: true, messageId: record.id, contentType: 'application/json' },
            (error: unknown) => (error ? reject(error) : resolve()),
          );
        }),
    );
    const outcomes = await within(
      deps.timers,
      ackTimeoutMs,
      Promise.allSettled(confirms),
      `no publisher confirms within ${ackTimeoutMs} ms`,
    ).catch(async (error: unknown) => {
      await forget(current);
      throw error;
    });
    const retry = batch.filter((_, index) => outcomes[index]?.status === 'rejected');
    const unroutable = batch.filter(
      (record, index) => outcomes[index]?.status === 'fulfilled' && returned.has(record.id),
    );
    if (retry.length > 0) await forget(current);
    const problems = [
      retry.length > 0 ? `${retry.length} records nacked or cut off` : '',
      unroutable.length > 0
        ? `${unroutable.length} records unroutable: no queue bound to ${config.exchange} for ${config.routingKey}`
        : '',
    ].filter(Boolean);
    return {
      failed: unroutable.length,
      retry,
      error: problems.length > 0 ? `AMQP: ${problems.join('; ')}` : undefined,
    };
  });

  return queuedSink(config.id, queue, brokerRecords(), async () => {
    const open = session;
    session = undefined;
    const current = await open?.catch(() => undefined);
    await current?.connection.close().catch(() => undefined);
  });
}
