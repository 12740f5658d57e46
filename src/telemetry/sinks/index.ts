export type { DeliveryResult } from './batching-queue.ts';
export { BatchingQueue } from './batching-queue.ts';
export { createSink } from './create-sink.ts';
export type { Sink, SinkStats } from './sink.ts';
export type {
  AmqpSinkConfig,
  BatchSettings,
  BrokerSinkConfig,
  ElasticsearchSinkConfig,
  FileSinkConfig,
  GenericHttpSinkConfig,
  HttpSinkConfig,
  KafkaSinkConfig,
  NatsSinkConfig,
  SinkConfig,
  SplunkHecSinkConfig,
  SyslogSinkConfig,
} from './sink-config.ts';
export { DEFAULT_BATCHING } from './sink-config.ts';
export type { SinkDeps } from './sink-deps.ts';
export { isLoopback } from './sink-deps.ts';
