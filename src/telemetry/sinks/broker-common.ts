import { randomUUID } from 'node:crypto';
import type { Timers } from '../../clock/timers.ts';
import type { BrokerSinkConfig } from './sink-config.ts';

/** A record on its way to a broker, with the id that lets the far side drop a resent duplicate. */
export interface BrokerRecord {
  id: string;
  text: string;
}

/**
 * Numbers records `<random run prefix>-<n>`: unique across runs, so a broker's duplicate window
 * never swallows a new run's record, and stable across retries, so a resend is recognisable.
 */
export function brokerRecords(): (text: string) => BrokerRecord {
  const prefix = randomUUID();
  let next = 0;
  return (text) => ({ id: `${prefix}-${next++}`, text });
}

/** User and password named by `userEnv`/`passwordEnv`; both or neither, and never empty. */
export function brokerCredentials(
  config: BrokerSinkConfig,
  env: Readonly<Record<string, string | undefined>>,
): { user: string; password: string } | undefined {
  if (config.userEnv === undefined && config.passwordEnv === undefined) return undefined;
  if (config.userEnv === undefined || config.passwordEnv === undefined) {
    throw new Error(`sink ${config.id}: give both userEnv and passwordEnv, or neither`);
  }
  return {
    user: secret(config.id, config.userEnv, env),
    password: secret(config.id, config.passwordEnv, env),
  };
}

export function secret(
  sinkId: string,
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const value = env[name];
  if (!value) throw new Error(`sink ${sinkId}: environment variable ${name} is not set`);
  return value;
}

/** The host of a broker URL, refusing credentials written into it (they belong in the environment). */
export function brokerUrlHost(sinkId: string, text: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`sink ${sinkId}: "${text}" is not a URL`);
  }
  if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
    throw new Error(`sink ${sinkId}: URL must start with ${protocols.map((p) => `${p}://`).join(' or ')}`);
  }
  if (url.username || url.password) {
    throw new Error(`sink ${sinkId}: put credentials in userEnv/passwordEnv, not in the URL`);
  }
  return url;
}

/** Rejects with `message` after `ms` unless `work` settles first; the timer never outlives the race. */
export async function within<T>(timers: Timers, ms: number, work: Promise<T>, message: string): Promise<T> {
  let handle: unknown;
  const expired = new Promise<never>((_, reject) => {
    handle = timers.setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    timers.clearTimeout(handle);
  }
}
