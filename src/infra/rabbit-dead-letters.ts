import amqp from 'amqplib';
import { RealClock } from '../clock/clock.ts';
import type { DeadLetter } from '../estate/sync/index.ts';
import { ForeignNamespaceError, type InfraNames } from './names.ts';

export const SYNC_ROUTING_KEY = 'patient-change';

/** A dead letter as an inspector reads it off the queue, left in place. */
export interface InspectedLetter {
  messageId: string;
  body: string;
  /** RabbitMQ's own record of why and from where it was dead-lettered. */
  reason?: string;
}

/**
 * The sync job's exchange, work queue and a real dead-letter exchange and queue on RabbitMQ. A
 * message the CRM keeps refusing is published, taken off the work queue and rejected without
 * requeue, so the broker itself moves the full patient payload to the dead-letter queue (with its
 * `x-death` header), exactly as a production integration leaves it.
 */
export interface RabbitDeadLetters {
  deadLetter(letter: Readonly<DeadLetter>): Promise<void>;
  /** Reads every dead letter without consuming it: each is taken unacknowledged and requeued. */
  inspect(): Promise<InspectedLetter[]>;
  /** Messages waiting in the dead-letter queue (a passive declare: nothing is read). */
  count(): Promise<number>;
  purge(): Promise<number>;
  drop(): Promise<void>;
  close(): Promise<void>;
}

export async function connectAmqp(url: string): Promise<amqp.ChannelModel> {
  // Without noDelay, Nagle's algorithm holds each publish's last frame until the broker acknowledges
  // the one before, which it delays by up to 40 ms: a dead letter's three round trips then took
  // about 45 ms (22 a second) instead of under 1 ms.
  const connection = await amqp.connect(url, { timeout: 5000, noDelay: true });
  // A broker lost mid-run surfaces as failed operations; an unhandled 'error' would crash the run.
  connection.on('error', () => {});
  return connection;
}

/** Declares the topology; refuses queues of that name that already hold messages unless `allowForeign`. */
export async function openRabbitDeadLetters(
  url: string,
  names: InfraNames,
  options: { allowForeign?: boolean } = {},
): Promise<RabbitDeadLetters> {
  const connection = await connectAmqp(url);
  try {
    if (!options.allowForeign) await refuseForeignQueues(connection, names);
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => {});
    await declare(channel, names);
    return {
      async deadLetter(letter) {
        const waiting = (await channel.checkQueue(names.deadLetterQueue)).messageCount;
        const body = Buffer.from(JSON.stringify(letter.payload));
        channel.publish(names.exchange, SYNC_ROUTING_KEY, body, {
          messageId: letter.message.id,
          contentType: 'application/json',
          timestamp: Math.floor(letter.deadLetteredAt / 1000),
          headers: { 'x-phi-drill-attempts': letter.message.attempts, 'x-phi-drill-error': letter.lastError },
        });
        await channel.waitForConfirms();
        const taken = await channel.get(names.workQueue, { noAck: false });
        if (!taken) throw new Error(`message ${letter.message.id} never reached ${names.workQueue}`);
        channel.nack(taken, false, false);
        await movedToDeadLetterQueue(channel, names.deadLetterQueue, waiting, letter.message.id);
      },
      async inspect() {
        const seen: InspectedLetter[] = [];
        for (;;) {
          const message = await channel.get(names.deadLetterQueue, { noAck: false });
          if (!message) break;
          const death = (
            message.properties.headers?.['x-death'] as Array<{ reason?: string }> | undefined
          )?.[0];
          seen.push({
            messageId: String(message.properties.messageId ?? ''),
            body: message.content.toString('utf8'),
            reason: death?.reason,
          });
        }
        channel.nackAll(true);
        return seen;
      },
      async count() {
        return (await channel.checkQueue(names.deadLetterQueue)).messageCount;
      },
      async purge() {
        return (await channel.purgeQueue(names.deadLetterQueue)).messageCount;
      },
      async drop() {
        await dropTopology(channel, names);
        await connection.close();
      },
      close: () => connection.close(),
    };
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }
}

/** How long the broker gets to move a rejected message to the dead-letter queue. */
const DEAD_LETTERING_MS = 5_000;

/**
 * Waits until the dead-letter queue holds one more message than `waiting`. A reject has no reply:
 * the broker dead-letters the message afterwards, on its own, so without this wait a scan right
 * after the write could find the queue still empty, a leak the estate has made but the server
 * does not yet show. Nothing but phi-drill's own writes adds to a run's queue, and writes are one
 * at a time, so the count rises by exactly this message.
 */
async function movedToDeadLetterQueue(
  channel: amqp.Channel,
  queue: string,
  waiting: number,
  messageId: string,
): Promise<void> {
  const clock = new RealClock();
  const deadline = clock.now() + DEAD_LETTERING_MS;
  while ((await channel.checkQueue(queue)).messageCount <= waiting) {
    if (clock.now() >= deadline)
      throw new Error(
        `RabbitMQ had not moved message ${messageId} to ${queue} after ${DEAD_LETTERING_MS} ms`,
      );
    await clock.sleepUntil(clock.now() + 1);
  }
}

async function declare(channel: amqp.Channel, names: InfraNames): Promise<void> {
  await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
  await channel.assertQueue(names.deadLetterQueue, { durable: true });
  await channel.bindQueue(names.deadLetterQueue, names.deadLetterExchange, '');
  await channel.assertExchange(names.exchange, 'direct', { durable: true });
  await channel.assertQueue(names.workQueue, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': names.deadLetterExchange },
  });
  await channel.bindQueue(names.workQueue, names.exchange, SYNC_ROUTING_KEY);
}

/** Queues that exist and hold messages are someone's data: never mix the drill's into them. */
async function refuseForeignQueues(connection: amqp.ChannelModel, names: InfraNames): Promise<void> {
  for (const queue of [names.workQueue, names.deadLetterQueue]) {
    // A missing queue closes the channel with 404, so each check gets its own channel.
    const probe = await connection.createChannel();
    probe.on('error', () => {});
    const found = await probe.checkQueue(queue).catch(() => undefined);
    if (found) await probe.close().catch(() => {});
    if (found && found.messageCount > 0) {
      throw new ForeignNamespaceError(
        `RabbitMQ queue ${queue} already holds ${found.messageCount} message(s) phi-drill did not put there; pick another namespace or pass --infra-allow-foreign`,
      );
    }
  }
}

export async function dropTopology(channel: amqp.Channel, names: InfraNames): Promise<void> {
  await channel.deleteQueue(names.workQueue);
  await channel.deleteQueue(names.deadLetterQueue);
  await channel.deleteExchange(names.exchange);
  await channel.deleteExchange(names.deadLetterExchange);
}
