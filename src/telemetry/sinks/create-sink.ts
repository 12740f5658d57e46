import { createAmqpSink } from './amqp-sink.ts';
import { createFileSink } from './file-sink.ts';
import { createHttpSink } from './http-sink.ts';
import { createKafkaSink } from './kafka-sink.ts';
import { createNatsSink } from './nats-sink.ts';
import type { Sink } from './sink.ts';
import type { SinkConfig } from './sink-config.ts';
import type { SinkDeps } from './sink-deps.ts';
import { createSyslogSink } from './syslog-sink.ts';

/**
 * Builds the sink a target file describes. Throws, before anything connects, for a host that is
 * neither loopback nor allow-listed, a missing secret, or settings out of range.
 */
export function createSink(config: SinkConfig, deps: SinkDeps): Sink {
  switch (config.type) {
    case 'file':
      return createFileSink(config, deps);
    case 'syslog':
      return createSyslogSink(config, deps);
    case 'http':
      return createHttpSink(config, deps);
    case 'nats':
      return createNatsSink(config, deps);
    case 'amqp':
      return createAmqpSink(config, deps);
    case 'kafka':
      return createKafkaSink(config, deps);
  }
}
