import { queuedSink } from './queued-sink.ts';
import { RotatingFile } from './rotating-file.ts';
import type { Sink } from './sink.ts';
import type { FileSinkConfig } from './sink-config.ts';
import { queueFor, type SinkDeps } from './sink-deps.ts';

/** One record per line, appended and fsynced per batch; rotation per `maxBytes` / `keep`. */
export function createFileSink(config: FileSinkConfig, deps: SinkDeps): Sink {
  if (/[\r\n]/.test(config.header ?? '')) {
    throw new Error(`sink ${config.id}: header must be a single line`);
  }
  if (config.maxBytes !== undefined && !(config.maxBytes > 0)) {
    throw new Error(`sink ${config.id}: maxBytes must be positive, got ${config.maxBytes}`);
  }
  if (config.keep !== undefined && !(Number.isInteger(config.keep) && config.keep >= 0)) {
    throw new Error(`sink ${config.id}: keep must be a whole number, got ${config.keep}`);
  }
  const file = new RotatingFile({
    path: config.path,
    maxBytes: config.maxBytes ?? Number.POSITIVE_INFINITY,
    keep: config.keep ?? 5,
    header: config.header,
  });
  const queue = queueFor<string>(config.id, config, deps, async (batch) => {
    // A line break inside a record would split it into two records for every reader of the file.
    const lines = batch.filter((record) => !/[\r\n]/.test(record));
    await file.append(lines);
    const failed = batch.length - lines.length;
    return { failed, retry: [], error: failed > 0 ? `${failed} records span several lines` : undefined };
  });
  return queuedSink(
    config.id,
    queue,
    (record) => record,
    () => file.close(),
  );
}
