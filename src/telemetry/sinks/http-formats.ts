import type { DeliveryResult } from './batching-queue.ts';
import type { Stamped } from './queued-sink.ts';
import type { ElasticsearchSinkConfig, SplunkHecSinkConfig } from './sink-config.ts';

/** How one HTTP destination wants a batch and what its answer means, item by item. */
export interface HttpFormat {
  url: URL;
  contentType: string;
  /** `Authorization` scheme the token goes with. */
  authScheme: string;
  body(batch: readonly Stamped[]): string;
  /** A 2xx or a 4xx other than 429 (those, 5xx and redirects are handled before this). */
  outcome(status: number, body: string, batch: readonly Stamped[]): DeliveryResult<Stamped>;
}

const sent: DeliveryResult<Stamped> = { failed: 0, retry: [] };

export function genericFormat(url: string): HttpFormat {
  return {
    url: new URL(url),
    contentType: 'application/json',
    authScheme: 'Bearer',
    body: (batch) => `[${batch.map((item) => asJson(item.text)).join(',')}]`,
    outcome: (status, body, batch) =>
      status < 300 ? sent : { failed: batch.length, retry: [], error: `HTTP ${status}: ${snippet(body)}` },
  };
}

/** HEC answers with `{"text","code"}`; these codes mean "busy or broken, try later" (HTTP 500/503). */
const HEC_RETRYABLE = new Set([8, 9, 18, 19, 20]);

export function splunkHecFormat(config: SplunkHecSinkConfig, defaultHost: string): HttpFormat {
  const meta = [
    `"host":${JSON.stringify(config.host ?? defaultHost)}`,
    `"source":${JSON.stringify(config.source ?? 'phi-drill')}`,
    `"sourcetype":${JSON.stringify(config.sourcetype ?? '_json')}`,
    ...(config.index === undefined ? [] : [`"index":${JSON.stringify(config.index)}`]),
  ].join(',');
  return {
    url: withPath(config.url, 'services/collector/event'),
    contentType: 'application/json',
    authScheme: 'Splunk',
    // HEC takes concatenated event objects, not an array; `time` is epoch seconds with milliseconds.
    body: (batch) =>
      batch
        .map((item) => `{"time":${(item.at / 1000).toFixed(3)},${meta},"event":${asJson(item.text)}}`)
        .join(''),
    outcome: (status, body, batch) => {
      const reply = parseJson(body) as { text?: string; code?: number; 'invalid-event-number'?: number };
      const code = reply?.code;
      if (status < 300 && (code === undefined || code === 0)) return sent;
      const error = `HEC HTTP ${status} code ${code ?? '?'}: ${reply?.text ?? snippet(body)}`;
      if (code !== undefined && HEC_RETRYABLE.has(code)) return { failed: 0, retry: batch, error };
      // HEC stops at the first bad event of a batch: those before it are indexed, it is refused and
      // the rest were never read, so they go again.
      const bad = reply?.['invalid-event-number'];
      if (Number.isInteger(bad) && bad! >= 0 && bad! < batch.length) {
        return { failed: 1, retry: batch.slice(bad! + 1), error: `${error} (event ${bad})` };
      }
      return { failed: batch.length, retry: [], error };
    },
  };
}

interface BulkItem {
  status: number;
  error?: { type?: string; reason?: string };
}

export function elasticsearchFormat(config: ElasticsearchSinkConfig): HttpFormat {
  const action = `{${JSON.stringify(config.bulkAction ?? 'index')}:{"_index":${JSON.stringify(config.index)}}}`;
  return {
    url: withPath(config.url, '_bulk'),
    contentType: 'application/x-ndjson',
    authScheme: 'ApiKey',
    // NDJSON must end with a newline. A record that is not a JSON object is wrapped as a message.
    body: (batch) => batch.map((item) => `${action}\n${asDocument(item)}\n`).join(''),
    outcome: (status, body, batch) => {
      const reply = parseJson(body) as { errors?: boolean; items?: Array<Record<string, BulkItem>> };
      if (status >= 300)
        return { failed: batch.length, retry: [], error: `bulk HTTP ${status}: ${snippet(body)}` };
      if (!reply?.errors || !Array.isArray(reply.items)) return sent;
      const retry: Stamped[] = [];
      let failed = 0;
      const reasons = new Set<string>();
      reply.items.forEach((entry, index) => {
        const item = Object.values(entry)[0];
        if (!item || item.status < 300 || index >= batch.length) return;
        reasons.add(item.error?.type ?? `status ${item.status}`);
        if (item.status === 429 || item.status >= 500) retry.push(batch[index]!);
        else failed += 1;
      });
      const error = `bulk: ${failed} items failed, ${retry.length} to retry (${[...reasons].join(', ')})`;
      return { failed, retry, error };
    },
  };
}

/** Appends an API path to a base URL, keeping any path prefix a proxy puts in front of the service. */
function withPath(base: string, path: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return url;
}

/** A record that is already a JSON document goes in as is; anything else as a JSON string. */
function asJson(text: string): string {
  return parseJson(text) === undefined ? JSON.stringify(text) : text;
}

function asDocument(item: Stamped): string {
  const value = parseJson(item.text);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // NDJSON allows no line break inside a document, so pretty-printed JSON is compacted.
    return item.text.includes('\n') ? JSON.stringify(value) : item.text;
  }
  return JSON.stringify({ '@timestamp': new Date(item.at).toISOString(), message: item.text });
}

function parseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snippet(body: string): string {
  return body.length > 200 ? `${body.slice(0, 200)}…` : body;
}
