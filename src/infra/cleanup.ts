import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../evidence/durable-write.ts';
import type { InfraCreatedEntry } from '../evidence/entries.ts';
import { infraNames } from './names.ts';
import { connectPostgres, dropStaging } from './postgres-staging.ts';
import { connectAmqp, dropTopology } from './rabbit-dead-letters.ts';
import { connectRedis, dropKeys } from './redis-sessions.ts';
import type { ServiceUrls } from './service-urls.ts';

/** A namespace a run created and never recorded as removed: its ledger, and what to remove. */
export interface Leftover {
  ledger: string;
  created: InfraCreatedEntry;
}

/**
 * Leftovers in a run folder, or in every run folder of a drill folder: `infra.created` entries with
 * no `infra.removed` after them. A killed run's last line may be cut short; it is skipped.
 */
export function findLeftovers(folder: string): Leftover[] {
  const ledgers = existsSync(join(folder, 'ledger.jsonl'))
    ? [join(folder, 'ledger.jsonl')]
    : readdirSync(folder)
        .map((name) => join(folder, name, 'ledger.jsonl'))
        .filter((path) => existsSync(path) && statSync(path).isFile());
  const found: Leftover[] = [];
  for (const ledger of ledgers) {
    const created = new Map<string, InfraCreatedEntry>();
    for (const line of readFileSync(ledger, 'utf8').split('\n')) {
      const entry = parseLine(line);
      if (entry?.kind === 'infra.created') created.set(entry.namespace, entry);
      if (entry?.kind === 'infra.removed' && entry.failures.length === 0) created.delete(entry.namespace);
    }
    for (const namespace of cleanedUp(ledger)) created.delete(namespace);
    for (const entry of created.values()) found.push({ ledger, created: entry });
  }
  return found;
}

/** Beside the ledger (which a killed run left unsigned and which cleanup never rewrites). */
export const CLEANUP_RECORD = 'infra-cleanup.json';

function cleanedUp(ledger: string): string[] {
  const path = join(dirname(ledger), CLEANUP_RECORD);
  if (!existsSync(path)) return [];
  const parsed = z
    .object({ removed: z.array(z.object({ namespace: z.string() })) })
    .safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data.removed.map((entry) => entry.namespace) : [];
}

/** Records that `cleanup` removed a leftover, so the next `cleanup` finds nothing to do. */
export function recordCleanup(leftover: Leftover, wallClock: string): void {
  const path = join(dirname(leftover.ledger), CLEANUP_RECORD);
  const removed = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { removed: unknown[] }).removed
    : [];
  removed.push({ namespace: leftover.created.namespace, resources: leftover.created.resources, wallClock });
  writeFileDurably(path, `${JSON.stringify({ removed }, null, 2)}\n`);
}

const resource = z.object({
  system: z.enum(['postgres', 'rabbitmq', 'redis']),
  kind: z.enum(['schema', 'table', 'exchange', 'queue', 'key-prefix']),
  name: z.string(),
});
/** Only the entries cleanup acts on, checked; every other line of the ledger is passed over. */
const infraLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('infra.created'),
    seq: z.number(),
    at: z.number(),
    provider: z.enum(['services', 'containers']),
    namespace: z.string().regex(/^[a-z0-9_]+$/),
    urls: z.object({ postgres: z.string(), amqp: z.string(), redis: z.string() }),
    resources: z.array(resource),
  }),
  z.object({ kind: z.literal('infra.removed'), namespace: z.string(), failures: z.array(z.string()) }),
]);

function parseLine(line: string): z.infer<typeof infraLine> | undefined {
  if (!line.includes('"infra.')) return undefined;
  try {
    const parsed = infraLine.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes one leftover namespace from the servers at `urls`: the schema (only while it still
 * carries phi-drill's marker) or the table, the queues and exchanges, the keys under the prefix.
 * Each system is tried even when another fails; returns what could not be removed.
 */
export async function removeLeftover(leftover: Leftover, urls: ServiceUrls): Promise<string[]> {
  const names = infraNames(leftover.created.namespace);
  const systems = new Set(leftover.created.resources.map((resource) => resource.system));
  const ownSchema = leftover.created.resources.some((resource) => resource.kind === 'schema');
  const failures: string[] = [];
  const attempt = async (label: string, remove: () => Promise<unknown>) => {
    await remove().catch((error: unknown) =>
      failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  if (systems.has('postgres'))
    await attempt('PostgreSQL', async () => {
      const client = await connectPostgres(urls.postgres);
      try {
        await dropStaging(client, names, ownSchema);
      } finally {
        await client.end();
      }
    });
  if (systems.has('rabbitmq'))
    await attempt('RabbitMQ', async () => {
      const connection = await connectAmqp(urls.amqp);
      try {
        await dropTopology(await connection.createChannel(), names);
      } finally {
        await connection.close();
      }
    });
  if (systems.has('redis'))
    await attempt('Redis', async () => {
      const client = await connectRedis(urls.redis);
      try {
        await dropKeys(client, names);
      } finally {
        client.destroy();
      }
    });
  return failures;
}
