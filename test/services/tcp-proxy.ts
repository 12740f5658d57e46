import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP proxy between a sink and a real broker, so a test can cut the link mid-run (every
 * open connection reset, new ones refused at once) and restore it — a broker outage as the client
 * sees it, without stopping the machine's shared broker.
 */
export interface TcpProxy {
  /** `127.0.0.1:<port>` to point the sink at. */
  readonly address: string;
  readonly port: number;
  /** Connections accepted so far (a reconnect shows as a second one). */
  connections(): number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function tcpProxy(upstreamHost: string, upstreamPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  let accepted = 0;
  const server = createServer((client) => {
    if (cut) {
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const upstream = connect({ host: upstreamHost, port: upstreamPort });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dropAll = () => {
    for (const socket of open) socket.destroyed || socket.resetAndDestroy();
    open.clear();
  };
  return {
    address: `127.0.0.1:${port}`,
    port,
    connections: () => accepted,
    cut() {
      cut = true;
      dropAll();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
