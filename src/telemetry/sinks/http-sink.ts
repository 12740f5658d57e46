import { hostname } from 'node:os';
import type { DeliveryResult } from './batching-queue.ts';
import { elasticsearchFormat, genericFormat, type HttpFormat, splunkHecFormat } from './http-formats.ts';
import { queuedSink, type Stamped } from './queued-sink.ts';
import type { Sink } from './sink.ts';
import type { HttpSinkConfig } from './sink-config.ts';
import { hostGuard, queueFor, type SinkDeps } from './sink-deps.ts';

/**
 * POSTs batches to a SIEM's HTTP intake. 5xx, 429, timeouts and connection errors are retried with
 * backoff; any other 4xx fails the batch at once (resending the same request cannot fix it).
 * Redirects are not followed: they could lead off the allow-list.
 */
export function createHttpSink(config: HttpSinkConfig, deps: SinkDeps): Sink {
  const format = formatFor(config);
  if (format.url.protocol !== 'http:' && format.url.protocol !== 'https:') {
    throw new Error(`sink ${config.id}: url must be http or https, got ${format.url.protocol}`);
  }
  const guard = hostGuard(config.id, deps.allowHost);
  guard(format.url.hostname);
  const headers = headersFor(config, format, deps.env);
  const timeoutMs = config.requestTimeoutMs ?? 10_000;
  const inFlight = new Set<AbortController>();

  const deliver = async (batch: readonly Stamped[]): Promise<DeliveryResult<Stamped>> => {
    guard(format.url.hostname);
    const abort = new AbortController();
    inFlight.add(abort);
    const timer = deps.timers.setTimeout(
      () => abort.abort(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      const response = await fetch(format.url, {
        method: 'POST',
        headers,
        body: format.body(batch),
        redirect: 'manual',
        signal: abort.signal,
      }).catch((error: unknown) => {
        throw new Error(`POST ${format.url.origin}: ${reason(error)}`);
      });
      const body = await response.text();
      const { status } = response;
      if (status >= 500 || status === 429) return { failed: 0, retry: batch, error: `HTTP ${status}` };
      if (status >= 300 && status < 400) {
        return { failed: batch.length, retry: [], error: `HTTP ${status}: redirect not followed` };
      }
      return format.outcome(status, body, batch);
    } finally {
      deps.timers.clearTimeout(timer);
      inFlight.delete(abort);
    }
  };

  const queue = queueFor<Stamped>(config.id, config, deps, deliver);
  return queuedSink(
    config.id,
    queue,
    (text) => ({ text, at: deps.clock.now() }),
    async () => {
      for (const abort of inFlight) abort.abort(new Error('sink closed'));
    },
  );
}

function formatFor(config: HttpSinkConfig): HttpFormat {
  try {
    switch (config.format) {
      case 'generic':
        return genericFormat(config.url);
      case 'splunk-hec':
        return splunkHecFormat(config, hostname());
      case 'elasticsearch':
        return elasticsearchFormat(config);
    }
  } catch (error) {
    throw new Error(`sink ${config.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Secrets come only from the environment, by the variable names the config gives. */
function headersFor(config: HttpSinkConfig, format: HttpFormat, env: SinkDeps['env']): Headers {
  const secret = (variable: string, use: string): string => {
    const value = env[variable];
    if (!value) throw new Error(`sink ${config.id}: environment variable ${variable} (${use}) is not set`);
    return value;
  };
  const headers = new Headers({ 'content-type': format.contentType });
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (name.toLowerCase() === 'authorization') {
      throw new Error(`sink ${config.id}: put credentials in tokenEnv or headersFromEnv, not in headers`);
    }
    headers.set(name, value);
  }
  for (const [name, variable] of Object.entries(config.headersFromEnv ?? {})) {
    headers.set(name, secret(variable, `header ${name}`));
  }
  if (config.tokenEnv !== undefined) {
    headers.set('authorization', `${format.authScheme} ${secret(config.tokenEnv, 'tokenEnv')}`);
  }
  return headers;
}

/** fetch hides the socket error ("fetch failed"); the cause says what happened (ECONNREFUSED …). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
