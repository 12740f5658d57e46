import { FAST, sinkDeps } from '../integration/sink-fixtures.ts';

/**
 * A service URL from the environment split for a sink: host and port for the proxy, and any
 * credentials moved into environment variables (sinks refuse them inside URLs).
 */
export function serviceUrl(name: 'PHI_DRILL_NATS_URL' | 'PHI_DRILL_AMQP_URL') {
  const text = process.env[name];
  if (!text) throw new Error(`${name} is not set: the services tier needs it (see .ci/run)`);
  const url = new URL(text);
  const env: Record<string, string> = {};
  if (url.username) {
    env.BROKER_USER = decodeURIComponent(url.username);
    env.BROKER_PASSWORD = decodeURIComponent(url.password);
  }
  return {
    host: url.hostname,
    port: Number(url.port),
    env,
    auth: url.username ? { userEnv: 'BROKER_USER', passwordEnv: 'BROKER_PASSWORD' } : {},
  };
}

/** Quick retries, and enough of them to ride out a cut of a second or two. */
export const PATIENT = { ...FAST, batchSize: 50, maxAttempts: 40, maxBackoffMs: 100, closeTimeoutMs: 20_000 };

export { sinkDeps };
