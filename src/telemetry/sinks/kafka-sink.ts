import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Producer } from 'kafkajs';
import { type BrokerRecord, brokerCredentials, brokerRecords, within } from './broker-common.ts';
import { queuedSink } from './queued-sink.ts';
import type { Sink } from './sink.ts';
import type { KafkaSinkConfig } from './sink-config.ts';
import { hostGuard, queueFor, type SinkDeps } from './sink-deps.ts';

/**
 * Apache Kafka: one produce request per batch, `acks=-1`, so a batch is sent only when every
 * in-sync replica has it. The client's own retries are off: the queue retries and counts them.
 * Every socket, including those to brokers named by the cluster's metadata, passes the host guard,
 * so a cluster cannot redirect telemetry to a host the target file does not allow.
 */
export function createKafkaSink(config: KafkaSinkConfig, deps: SinkDeps): Sink {
  const guard = hostGuard(config.id, deps.allowHost);
  if (config.brokers.length === 0) throw new Error(`sink ${config.id}: give at least one broker`);
  for (const broker of config.brokers) guard(brokerHost(config.id, broker));
  const credentials = brokerCredentials(config, deps.env);
  const ackTimeoutMs = config.ackTimeoutMs ?? 10_000;
  let producer: Promise<Producer> | undefined;

  const open = async (): Promise<Producer> => {
    // Loaded when a Kafka sink is first used, so runs without one never pay for the client.
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({
      clientId: config.clientId ?? 'phi-drill',
      brokers: config.brokers,
      connectionTimeout: config.connectTimeoutMs ?? 5000,
      requestTimeout: ackTimeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
      ssl: config.ssl ?? false,
      sasl: credentials
        ? { mechanism: 'plain', username: credentials.user, password: credentials.password }
        : undefined,
      socketFactory: ({ host, port, ssl, onConnect }) => {
        guard(host);
        const socket = config.ssl
          ? tlsConnect({ ...ssl, host, port, servername: host }, onConnect)
          : tcpConnect({ host, port }, onConnect);
        socket.setKeepAlive(true, 60_000);
        return socket;
      },
    });
    const made = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, retry: { retries: 0 } });
    await made.connect();
    return made;
  };
  const forget = async (failed: Promise<Producer>) => {
    if (producer === failed) producer = undefined;
    const stale = await failed.catch(() => undefined);
    await stale?.disconnect().catch(() => undefined);
  };

  const queue = queueFor<BrokerRecord>(config.id, config, deps, async (batch) => {
    producer ??= open();
    const current = producer;
    try {
      const ready = await current;
      await within(
        deps.timers,
        ackTimeoutMs + 1000,
        ready.send({
          topic: config.topic,
          acks: -1,
          timeout: ackTimeoutMs,
          messages: batch.map((record) => ({
            value: record.text,
            headers: { 'phi-drill-record-id': record.id },
          })),
        }),
        `no acknowledgement from Kafka within ${ackTimeoutMs} ms`,
      );
      return { failed: 0, retry: [] };
    } catch (error) {
      // Start the retry on fresh connections: the leader may have moved or the socket died.
      await forget(current);
      throw error;
    }
  });

  return queuedSink(config.id, queue, brokerRecords(), async () => {
    const open = producer;
    producer = undefined;
    const current = await open?.catch(() => undefined);
    await current?.disconnect().catch(() => undefined);
  });
}

/** `host:port` → host; IPv6 literals come bracketed (`[::1]:9092`). */
export function brokerHost(sinkId: string, broker: string): string {
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(broker);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65_535) {
    throw new Error(`sink ${sinkId}: broker "${broker}" is not host:port`);
  }
  return match[1]!.replace(/^\[(.*)\]$/, '$1');
}
