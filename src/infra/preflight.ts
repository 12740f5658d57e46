import { describeConnectError } from './connect-error.ts';
import { connectPostgres } from './postgres-staging.ts';
import { connectAmqp } from './rabbit-dead-letters.ts';
import { connectRedis } from './redis-sessions.ts';
import type { ServiceUrls } from './service-urls.ts';

/**
 * Connects to each server once and disconnects, before any scenario starts: a bad URL, a server
 * that is down, or refused credentials are one clear line and nothing is created.
 */
export async function preflightServices(
  urls: ServiceUrls,
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await (await connectPostgres(urls.postgres)).end();
  } catch (error) {
    return { ok: false, error: describeConnectError('postgres', urls.postgres, error) };
  }
  try {
    await (await connectAmqp(urls.amqp)).close();
  } catch (error) {
    return { ok: false, error: describeConnectError('amqp', urls.amqp, error) };
  }
  try {
    (await connectRedis(urls.redis)).destroy();
  } catch (error) {
    return { ok: false, error: describeConnectError('redis', urls.redis, error) };
  }
  return { ok: true };
}
