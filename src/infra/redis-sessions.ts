import { createClient } from 'redis';
import type { PortalSession } from '../estate/portal/index.ts';
import { ForeignNamespaceError, type InfraNames, ownerMarker } from './names.ts';

export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/** A session hash as the store holds it: what a session-store auditor reads. */
export type StoredSession = Record<string, string>;

/**
 * Portal sessions in Redis, one hash per session under the run's key prefix. No key gets a TTL:
 * expiry, logout and termination are recorded as fields on the drill's clock, so a virtual-clock
 * run and a real-clock run judge the same way, and an auditor sees sessions that never ended.
 */
export interface RedisSessions {
  save(session: Readonly<PortalSession>): Promise<void>;
  sessions(): Promise<StoredSession[]>;
  drop(): Promise<void>;
  close(): Promise<void>;
}

export async function connectRedis(url: string) {
  // No reconnect loop: a server that goes away must fail the next command, not hang the run.
  const client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export const sessionKeyPrefix = (names: InfraNames) => `${names.keyPrefix}portal:session:`;
export const ownerKey = (names: InfraNames) => `${names.keyPrefix}owner`;

/** Claims the key prefix (a marker key); refuses a prefix holding keys phi-drill did not write unless `allowForeign`. */
export async function openRedisSessions(
  url: string,
  names: InfraNames,
  options: { allowForeign?: boolean } = {},
): Promise<RedisSessions> {
  const client = await connectRedis(url);
  try {
    const marker = await client.get(ownerKey(names));
    if (marker !== ownerMarker(names.namespace) && !options.allowForeign) {
      const existing = await keysUnder(client, names.keyPrefix, 1);
      if (existing.length > 0) {
        throw new ForeignNamespaceError(
          `Redis keys under ${names.keyPrefix} already exist and phi-drill did not write them; pick another namespace or pass --infra-allow-foreign`,
        );
      }
    }
    await client.set(ownerKey(names), ownerMarker(names.namespace));
    const prefix = sessionKeyPrefix(names);
    return {
      async save(session) {
        const fields: Record<string, string> = {};
        for (const [name, value] of Object.entries(session)) {
          if (value !== undefined) fields[name] = String(value);
        }
        await client.hSet(`${prefix}${session.id}`, fields);
      },
      async sessions() {
        const keys = await keysUnder(client, prefix);
        const found: StoredSession[] = [];
        for (const key of keys) found.push(await client.hGetAll(key));
        return found;
      },
      async drop() {
        await dropKeys(client, names);
        client.destroy();
      },
      async close() {
        client.destroy();
      },
    };
  } catch (error) {
    client.destroy();
    throw error;
  }
}

/** Every key under a prefix, by SCAN (never KEYS, which blocks a shared server). */
export async function keysUnder(
  client: RedisClient,
  prefix: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  const found: string[] = [];
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
    found.push(...batch);
    if (found.length >= limit) break;
  }
  return found;
}

export async function dropKeys(client: RedisClient, names: InfraNames): Promise<number> {
  const keys = await keysUnder(client, names.keyPrefix);
  if (keys.length > 0) await client.del(keys);
  return keys.length;
}
