import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, isIPv6, type Socket } from 'node:net';
import type { Timers } from '../../clock/timers.ts';

/** Sends already-rendered syslog messages; a rejection means the batch did not get out. */
export interface SyslogTransport {
  send(messages: readonly Buffer[]): Promise<void>;
  close(): Promise<void>;
}

export interface Endpoint {
  host: string;
  port: number;
  /** Re-checked before every connection, not only when the sink is made. */
  guard: (host: string) => void;
}

/**
 * Datagrams sent back to back before yielding: 64 typical records (~700 bytes, ~1.5 KB each in a
 * kernel queue) fit the 208 KiB default Linux receive buffer with room to spare.
 */
const UDP_BURST = 64;

/** One datagram per message on a connected socket, so ICMP "port unreachable" surfaces as an error. */
export function udpTransport(endpoint: Endpoint, timers: Timers): SyslogTransport {
  let socket: Promise<UdpSocket> | undefined;
  const open = (): Promise<UdpSocket> => {
    endpoint.guard(endpoint.host);
    const udp = createSocket(isIPv6(endpoint.host) ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      udp.once('error', reject);
      udp.connect(endpoint.port, endpoint.host, () => {
        udp.off('error', reject);
        // Later errors arrive through send callbacks; this keeps an unhandled 'error' from crashing.
        udp.on('error', () => {});
        resolve(udp);
      });
    });
  };
  return {
    async send(messages) {
      socket ??= open();
      const udp = await socket.catch((error: unknown) => {
        socket = undefined;
        throw error;
      });
      const send = (message: Buffer) =>
        new Promise<void>((resolve, reject) =>
          udp.send(message, (error) => (error ? reject(error) : resolve())),
        );
      try {
        // UDP has no flow control and a send completes without waiting for the receiver, so a whole
        // batch at once overruns its socket buffer: each burst waits a timer tick, also between
        // batches, which follow each other at once under sustained load.
        for (let start = 0; start < messages.length; start += UDP_BURST) {
          await new Promise((resolve) => timers.setTimeout(() => resolve(undefined), 0));
          await Promise.all(messages.slice(start, start + UDP_BURST).map(send));
        }
      } catch (error) {
        socket = undefined;
        udp.close();
        throw error;
      }
    },
    async close() {
      const udp = await socket?.catch(() => undefined);
      socket = undefined;
      udp?.close();
    },
  };
}

/**
 * RFC 6587 octet-counted frames over one TCP connection. Any socket error or close forgets the
 * connection; the next batch reconnects, and the queue resends the batch that failed.
 */
export function tcpTransport(endpoint: Endpoint, timers: Timers, connectTimeoutMs: number): SyslogTransport {
  let current: Promise<Socket> | undefined;
  const open = (): Promise<Socket> => {
    endpoint.guard(endpoint.host);
    const attempt = new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: endpoint.host, port: endpoint.port });
      const timeout = timers.setTimeout(() => {
        socket.destroy(new Error(`syslog connect to ${endpoint.host}:${endpoint.port} timed out`));
      }, connectTimeoutMs);
      socket.setNoDelay(true);
      // Kept for the socket's life: an error after connecting only has to forget the connection.
      socket.on('error', (error) => {
        timers.clearTimeout(timeout);
        reject(error);
      });
      socket.once('connect', () => {
        timers.clearTimeout(timeout);
        resolve(socket);
      });
      socket.once('close', () => {
        if (current === attempt) current = undefined;
      });
      // Receivers do not talk back; reading notices a peer that hung up before the next write.
      socket.on('data', () => {});
      socket.on('end', () => socket.destroy());
    });
    return attempt;
  };
  return {
    async send(messages) {
      current ??= open();
      const attempt = current;
      let socket: Socket;
      try {
        socket = await attempt;
      } catch (error) {
        if (current === attempt) current = undefined;
        throw error;
      }
      await new Promise<void>((resolve, reject) => {
        socket.write(Buffer.concat(messages), (error) => {
          if (!error) return resolve();
          if (current === attempt) current = undefined;
          socket.destroy();
          reject(error);
        });
      });
    },
    async close() {
      const socket = await current?.catch(() => undefined);
      current = undefined;
      socket?.destroy();
    },
  };
}
