import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type BrokerRecord,
  brokerCredentials,
  brokerRecords,
  brokerUrlHost,
  secret,
  within,
} from './broker-common.ts';
import { queuedSink } from './queued-sink.ts';
import type { Sink } from './sink.ts';
import type { NatsSinkConfig } from './sink-config.ts';
import { hostGuard, queueFor, type SinkDeps } from './sink-deps.ts';

interface Session {
  connection: NatsConnection;
  js: JetStreamClient;
}

/**
 * NATS JetStream with at-least-once delivery: a record is sent once the stream's PubAck says it is
 * stored. The client's own reconnect and buffering are off, so a lost connection fails the batch in
 * hand, the queue retries it on a fresh connection, and every loss shows in the counts.
 */
export function createNatsSink(config: NatsSinkConfig, deps: SinkDeps): Sink {
  const guard = hostGuard(config.id, deps.allowHost);
  const url = brokerUrlHost(config.id, config.url, ['nats']);
  guard(url.hostname);
  const auth = natsAuth(config, deps.env);
  const ackTimeoutMs = config.ackTimeoutMs ?? 10_000;
  let session: Promise<Session> | undefined;

  const open = async (): Promise<Session> => {
    guard(url.hostname);
    // Loaded when a NATS sink is first used, so runs without one never pay for the client.
    const [{ connect }, { jetstream, jetstreamManager }] = await Promise.all([
      import('@nats-io/transport-node'),
      import('@nats-io/jetstream'),
    ]);
    const connection = await connect({
      servers: `${url.hostname}:${url.port || 4222}`,
      reconnect: false,
      timeout: config.connectTimeoutMs ?? 5000,
      name: `phi-drill ${config.id}`,
      ...auth,
    });
    const current = session;
    void connection.closed().then(() => {
      if (session === current) session = undefined;
    });
    if (config.stream) await ensureStream(await jetstreamManager(connection), config.stream, config.subject);
    return { connection, js: jetstream(connection, { timeout: ackTimeoutMs }) };
  };
  const forget = async (failed: Promise<Session>) => {
    if (session === failed) session = undefined;
    const stale = await failed.catch(() => undefined);
    await stale?.connection.close().catch(() => undefined);
  };

  const queue = queueFor<BrokerRecord>(config.id, config, deps, async (batch) => {
    session ??= open();
    const current = session;
    const { js } = await current.catch(async (error: unknown) => {
      await forget(current);
      throw error;
    });
    const outcomes = await within(
      deps.timers,
      ackTimeoutMs + 1000,
      Promise.allSettled(
        batch.map((record) =>
          js.publish(config.subject, record.text, { msgID: record.id, timeout: ackTimeoutMs }),
        ),
      ),
      `no acknowledgement from JetStream within ${ackTimeoutMs} ms`,
    ).catch(async (error: unknown) => {
      await forget(current);
      throw error;
    });
    const retry = batch.filter((_, index) => outcomes[index]?.status === 'rejected');
    if (retry.length === 0) return { failed: 0, retry };
    // A refused publish is usually a broken connection: start the retry on a fresh one.
    await forget(current);
    const reason = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    return { failed: 0, retry, error: `JetStream: ${errorText(reason.reason)}` };
  });

  return queuedSink(config.id, queue, brokerRecords(), async () => {
    const open = session;
    session = undefined;
    const current = await open?.catch(() => undefined);
    await current?.connection.drain().catch(() => current.connection.close());
  });
}

function natsAuth(
  config: NatsSinkConfig,
  env: Readonly<Record<string, string | undefined>>,
): { user?: string; pass?: string; token?: string } {
  const credentials = brokerCredentials(config, env);
  if (config.tokenEnv !== undefined) {
    if (credentials) throw new Error(`sink ${config.id}: give tokenEnv or userEnv/passwordEnv, not both`);
    return { token: secret(config.id, config.tokenEnv, env) };
  }
  return credentials ? { user: credentials.user, pass: credentials.password } : {};
}

async function ensureStream(
  jsm: Awaited<ReturnType<typeof import('@nats-io/jetstream').jetstreamManager>>,
  name: string,
  subject: string,
): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ name, subjects: [subject] });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
