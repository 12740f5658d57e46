import { hostname } from 'node:os';
import { queuedSink, type Stamped } from './queued-sink.ts';
import type { Sink } from './sink.ts';
import type { SyslogSinkConfig } from './sink-config.ts';
import { hostGuard, queueFor, type SinkDeps } from './sink-deps.ts';
import { octetFrame, syslogMessage, syslogPrefix, truncateUtf8 } from './syslog-format.ts';
import { tcpTransport, udpTransport } from './syslog-transport.ts';

/**
 * RFC 5424 over UDP or TCP. Each message is stamped with the run clock when written, not when the
 * batch leaves, so a message delayed by retries still says when it happened.
 */
export function createSyslogSink(config: SyslogSinkConfig, deps: SinkDeps): Sink {
  const guard = hostGuard(config.id, deps.allowHost);
  guard(config.host);
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65_535) {
    throw new Error(`sink ${config.id}: port must be 1–65535, got ${config.port}`);
  }
  const prefix = prefixFor(config);
  const endpoint = { host: config.host, port: config.port, guard };
  const udp = config.transport === 'udp';
  const maxBytes = config.maxMessageBytes ?? (udp ? 2048 : 65_536);
  const transport = udp
    ? udpTransport(endpoint, deps.timers)
    : tcpTransport(endpoint, deps.timers, config.connectTimeoutMs ?? 5000);
  const render = (item: Stamped): Buffer => {
    const message = truncateUtf8(Buffer.from(syslogMessage(prefix, item.at, item.text)), maxBytes);
    return udp ? message : octetFrame(message);
  };
  const queue = queueFor<Stamped>(config.id, config, deps, async (batch) => {
    await transport.send(batch.map(render));
    return { failed: 0, retry: [] };
  });
  return queuedSink(
    config.id,
    queue,
    (text) => ({ text, at: deps.clock.now() }),
    () => transport.close(),
  );
}

function prefixFor(config: SyslogSinkConfig): ReturnType<typeof syslogPrefix> {
  try {
    return syslogPrefix({
      facility: config.facility ?? 13,
      severity: config.severity ?? 6,
      hostname: config.hostname ?? hostname(),
      appName: config.appName ?? 'phi-drill',
      msgId: config.msgId ?? '-',
      structuredData: config.structuredData,
    });
  } catch (error) {
    throw new Error(`sink ${config.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
