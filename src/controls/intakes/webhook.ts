import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock/clock.ts';
import { parseAlertBatch } from './alert-json.ts';
import type { WebhookIntakeConfig } from './config.ts';
import type { IntakeSink, RunningIntake } from './intake.ts';
import { SIGNATURE_HEADER, verifySignature } from './signature.ts';
import { resolveWebhookSecret } from './webhook-secret.ts';

export interface RunningWebhookIntake extends RunningIntake {
  /** Full URL alerts are POSTed to, e.g. `http://127.0.0.1:41234/alerts`. */
  readonly url: string;
  /** Where a generated secret was written; undefined when it came from the environment. */
  readonly secretFile?: string;
}

export interface WebhookDeps {
  clock: Clock;
  sink: IntakeSink;
  env: Readonly<Record<string, string | undefined>>;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

type BodyResult = { ok: true; body: Buffer } | { ok: false };

/** Reads at most `maxBytes`; past that it stops collecting so an oversize body cannot fill memory. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

function isJsonType(header: string | undefined): boolean {
  const media = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

function send(res: ServerResponse, status: number, payload: object, close = false): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/**
 * Signed-alert receiver on 127.0.0.1. Checks run cheapest-first and before any parsing: path,
 * method, content type, declared and actual size, HMAC signature, then JSON. Every refusal is
 * answered with `{ error, reason }` and recorded through `sink.reject`.
 */
export async function startWebhookIntake(
  config: WebhookIntakeConfig,
  deps: WebhookDeps,
): Promise<RunningWebhookIntake> {
  const path = config.path ?? '/alerts';
  const maxBytes = config.maxBytes ?? DEFAULT_MAX_BYTES;
  const secret = await resolveWebhookSecret(config.id, config.secretEnv, deps.env);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = deps.clock.now();
    const refuse = (status: number, error: string, reason: string, close = false) => {
      deps.sink.reject({ intake: config.id, receivedAt, status, reason: `${error}: ${reason}` });
      send(res, status, { error, reason }, close);
    };
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname !== path) return refuse(404, 'not-found', `alerts are accepted at ${path}`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(405, 'method-not-allowed', `${req.method} is not POST`);
    }
    if (!isJsonType(req.headers['content-type'])) {
      return refuse(415, 'unsupported-media-type', `content-type must be application/json`);
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      return refuse(413, 'payload-too-large', `body of ${declared} bytes exceeds ${maxBytes}`, true);
    }
    const read = await readBody(req, maxBytes);
    if (!read.ok) return refuse(413, 'payload-too-large', `body exceeds ${maxBytes} bytes`, true);
    const signature = req.headers[SIGNATURE_HEADER.toLowerCase()];
    if (typeof signature !== 'string' || signature === '') {
      return refuse(401, 'unauthorized', `missing ${SIGNATURE_HEADER} header`);
    }
    if (!verifySignature(secret.value, read.body, signature)) {
      return refuse(401, 'unauthorized', `${SIGNATURE_HEADER} does not match the body`);
    }
    const batch = parseAlertBatch(read.body.toString('utf8'));
    if (!batch.ok) return refuse(400, 'malformed', batch.reason);
    if (batch.alerts.length === 0) return refuse(400, 'malformed', 'empty array: no alerts');
    for (const body of batch.alerts) deps.sink.alert({ intake: config.id, receivedAt, body });
    send(res, 202, { accepted: batch.alerts.length });
  }

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A broken client connection is not an alert; anything else is answered, never thrown.
      if (!res.headersSent && !req.destroyed) {
        send(res, 500, { error: 'internal', reason: (error as Error).message });
      }
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await secret.dispose();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${path}`;

  return {
    id: config.id,
    url,
    secretFile: secret.file,
    describe: () => ({
      type: 'webhook',
      url,
      method: 'POST',
      contentType: 'application/json',
      signature: `${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body>`,
      secret: secret.source,
      maxBytes,
    }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await secret.dispose();
    },
  };
}
