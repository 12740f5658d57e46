import { createSocket } from 'node:dgram';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { VirtualClock } from '../../src/clock/clock.ts';
import { systemTimers } from '../../src/clock/timers.ts';
import type { SinkDeps } from '../../src/telemetry/sinks/sink-deps.ts';

/** 2026-03-02T13:00:54.929Z, a time from the catalog, so timestamps in assertions are fixed. */
export const START = 1_772_456_454_929;

/** Fast retries; the allow-list is empty, so only loopback is reachable. */
export const FAST = {
  batchSize: 10,
  flushIntervalMs: 20,
  backoffMs: 10,
  maxBackoffMs: 40,
  closeTimeoutMs: 2000,
};

export function sinkDeps(env: Record<string, string> = {}): SinkDeps & { errors: string[] } {
  const errors: string[] = [];
  return {
    clock: new VirtualClock(START),
    timers: systemTimers,
    allowHost: () => false,
    env,
    onError: (_sink, message) => errors.push(message),
    errors,
  };
}

export function record(n: number): string {
  return JSON.stringify({
    id: `evt-${String(n).padStart(6, '0')}`,
    action: 'fhir.read',
    patientIds: ['zz-0000443'],
  });
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply = { status: number; body?: unknown } | 'stall';

/** A node:http receiver that records every request and answers with what `reply` decides. */
export async function httpReceiver(reply: (request: ReceivedRequest, index: number) => Reply) {
  const requests: ReceivedRequest[] = [];
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method!,
      path: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    requests.push(request);
    const answer = reply(request, requests.length - 1);
    if (answer === 'stall') return;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A UDP syslog receiver: one datagram, one message. */
export async function udpReceiver() {
  const messages: Buffer[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message) => messages.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    socket.setRecvBufferSize(8 * 1024 * 1024);
  } catch {
    // The kernel caps the size; the default still serves tests that pace themselves.
  }
  return {
    port: (socket.address() as AddressInfo).port,
    messages,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * A TCP syslog receiver that parses RFC 6587 octet counting strictly: a frame is `LEN SP MSG` with
 * LEN in bytes; anything else is recorded as a framing error.
 */
export async function tcpReceiver(options: { dropFirstConnectionAfter?: number } = {}) {
  const messages: string[] = [];
  const framingErrors: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    const connection = connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const space = pending.indexOf(0x20);
        if (space < 0) break;
        const length = pending.subarray(0, space).toString();
        if (!/^[1-9]\d*$/.test(length)) {
          framingErrors.push(`bad length ${JSON.stringify(length)}`);
          socket.destroy();
          return;
        }
        const end = space + 1 + Number(length);
        if (pending.length < end) break;
        messages.push(pending.subarray(space + 1, end).toString('utf8'));
        pending = pending.subarray(end);
        if (connection === 1 && messages.length === options.dropFirstConnectionAfter) {
          socket.destroy();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    framingErrors,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bind, note it, close. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
