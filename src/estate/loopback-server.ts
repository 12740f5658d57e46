import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type EstateFetch, handOver } from './dispatch.ts';
import { stringBodyOf } from './string-response.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** The only addresses the estate may listen on. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves the estate's handlers over real HTTP on a loopback port, so outside tools and official
 * client libraries (which bring their own HTTP stacks) can talk to it. Binding anything but a
 * loopback address is refused: the estate holds PHI-shaped data and is never exposed.
 */
export async function serveOnLoopback(
  dispatch: EstateFetch,
  options: { host?: string; port?: number } = {},
): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(
      `refusing to serve the estate on ${host}: only loopback addresses (127.0.0.1, ::1) are allowed`,
    );
  }
  const server = createServer((req, res) => {
    forward(dispatch, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function forward(dispatch: EstateFetch, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  // Headers are added to the Request's own: building a Headers object first and handing it over
  // would have it copied again.
  const request = new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: hasBody ? 'half' : undefined,
  } as RequestInit);
  const { headers } = request;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  if (req.headers['x-forwarded-for'] === undefined)
    headers.set('x-forwarded-for', req.socket.remoteAddress ?? '127.0.0.1');
  const response = await dispatch(handOver(request));
  // One pass over the headers: iteration yields each Set-Cookie on its own, every other name once.
  const outHeaders: Record<string, string | string[]> = {};
  const cookies: string[] = [];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') cookies.push(value);
    else outHeaders[name] = value;
  }
  if (cookies.length > 0) outHeaders['set-cookie'] = cookies;
  res.writeHead(response.status, outHeaders);
  const text = stringBodyOf(response);
  if (text !== undefined) res.end(text);
  else if (response.body)
    Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(res);
  else res.end();
}
