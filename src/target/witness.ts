import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../clock/clock.ts';
import type { Timers } from '../clock/timers.ts';
import { canonicalJson } from '../evidence/canonical-json.ts';
import { writeFileDurably } from '../evidence/durable-write.ts';
import type { LedgerHeadRecord, LedgerWitnessedEntry, WitnessTimestamp } from '../evidence/entries.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { parseTimeStampResponse, timeStampRequest } from '../evidence/timestamp/tsp.ts';
import { encoderById } from '../telemetry/encoders/index.ts';
import { createSink } from '../telemetry/sinks/create-sink.ts';
import type { SinkConfig } from '../telemetry/sinks/sink-config.ts';
import { isLoopback } from '../telemetry/sinks/sink-deps.ts';
import { typedPath } from './attach.ts';
import type { Target } from './schema.ts';

/** The token over the witnessed head, beside the ledger (pinned by the signature and by its entry). */
export const TIMESTAMP_FILE = 'ledger.head.tsr';

export interface WitnessOptions {
  target: Target;
  ledger: Ledger;
  keyFingerprint: string;
  clock: Clock;
  timers: Timers;
  env: Readonly<Record<string, string | undefined>>;
}

/** The head as it stands: what the sinks receive and, as canonical JSON, what the authority timestamps. */
export function ledgerHeadRecord(ledger: Ledger, keyFingerprint: string): LedgerHeadRecord {
  const started = ledger.entries().find((entry) => entry.kind === 'run.started');
  return {
    format: 'phi-drill.ledger-head/1',
    runId: started?.kind === 'run.started' ? started.runId : '',
    entries: ledger.count,
    hash: ledger.head,
    keyFingerprint,
  };
}

/**
 * Sends the ledger head to every telemetry sink as a record of its own and, where the target names
 * one, has a time-stamping authority sign it; records both in the ledger. From then on a rewritten
 * ledger disagrees with copies the run folder's owner cannot reach.
 */
export async function witnessLedger(options: WitnessOptions): Promise<LedgerWitnessedEntry> {
  const { target, ledger } = options;
  const head = ledgerHeadRecord(ledger, options.keyFingerprint);
  const record = canonicalJson(head);
  const allowHost = targetAllowsHost(target);
  const sinks = await Promise.all(
    target.telemetry.map((route) => sendHead(route, record, options, allowHost)),
  );
  const stamped = target.witness.timestamp
    ? await timestamp(target.witness.timestamp, record, ledger.folder, allowHost)
    : undefined;
  return ledger.append({
    kind: 'ledger.witnessed',
    at: options.clock.now(),
    head,
    sinks,
    ...(stamped && 'error' in stamped ? { timestampError: stamped.error } : {}),
    ...(stamped && !('error' in stamped) ? { timestamp: stamped } : {}),
  }) as LedgerWitnessedEntry;
}

/** Loopback, or a host the target file allow-lists by name. */
export function targetAllowsHost(target: Target): (host: string) => boolean {
  return (host) =>
    isLoopback(host) || target.allowHosts.some((allowed) => allowed.toLowerCase() === host.toLowerCase());
}

async function sendHead(
  route: Target['telemetry'][number],
  record: string,
  options: WitnessOptions,
  allowHost: (host: string) => boolean,
): Promise<LedgerWitnessedEntry['sinks'][number]> {
  const { id, encoder, systems: _systems, ...config } = route;
  // A CSV file with a header per record type gets the head in a file of its own, not under a CSV header.
  const perType = config.type === 'file' && encoderById(encoder)?.header !== undefined;
  const sinkConfig =
    perType && config.type === 'file' ? { ...config, path: typedPath(config.path, 'ledger-head') } : config;
  try {
    const sink = createSink({ id, ...sinkConfig } as SinkConfig, { ...options, allowHost });
    sink.write(record);
    await sink.close();
    const stats = sink.stats();
    return { sink: id, sent: stats.sent, failed: stats.failed + stats.pending, dropped: stats.dropped };
  } catch {
    return { sink: id, sent: 0, failed: 1, dropped: 0 };
  }
}

async function timestamp(
  authority: NonNullable<Target['witness']['timestamp']>,
  record: string,
  folder: string,
  allowHost: (host: string) => boolean,
): Promise<WitnessTimestamp | { error: string }> {
  const url = new URL(authority.url);
  if (!allowHost(url.hostname.replace(/^\[(.*)\]$/, '$1')))
    return { error: `${url.hostname} is not loopback and not in allowHosts; nothing was sent` };
  const request = timeStampRequest(Buffer.from(record, 'utf8'));
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(request.der),
      signal: AbortSignal.timeout(authority.timeoutMs),
    });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) return { error: `the authority answered HTTP ${response.status}` };
    if (!type.startsWith('application/timestamp-reply'))
      return {
        error: `the authority answered ${type || 'without a content type'}, not application/timestamp-reply`,
      };
    const token = parseTimeStampResponse(Buffer.from(await response.arrayBuffer()));
    if (token.imprintAlgorithm !== 'sha256' || token.imprint !== request.imprint)
      return { error: 'the token timestamps another message than the ledger head' };
    if (token.nonce !== request.nonce) return { error: 'the token does not carry the nonce sent' };
    writeFileDurably(join(folder, TIMESTAMP_FILE), token.der);
    return {
      authority: authority.url,
      file: TIMESTAMP_FILE,
      sha256: createHash('sha256').update(token.der).digest('hex'),
      genTime: token.genTime,
      serialNumber: token.serialNumber,
      nonce: request.nonce,
    };
  } catch (error) {
    return { error: `no token: ${error instanceof Error ? error.message : String(error)}` };
  }
}
