import type { Clock } from '../clock/clock.ts';
import { typedPath } from '../target/attach.ts';
import type { TelemetryRoute } from '../target/schema.ts';
import type { Encoder } from '../telemetry/encoders/encoder.ts';
import { encoderById } from '../telemetry/encoders/index.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { createSink } from '../telemetry/sinks/create-sink.ts';
import type { Sink } from '../telemetry/sinks/sink.ts';
import type { SinkConfig } from '../telemetry/sinks/sink-config.ts';
import type { SinkDeps } from '../telemetry/sinks/sink-deps.ts';
import { AckBook } from './ack-book.ts';

/** One sink of a route and the acknowledgements of what it was handed. */
export interface Outlet {
  sink: Sink;
  book: AckBook;
}

/** One of the target's telemetry routes, open for a soak. */
export interface SoakRoute {
  id: string;
  type: string;
  encoder: Encoder;
  systems?: readonly string[];
  /** Hands the record of an event (already encoded) to the right sink. */
  write(event: TelemetryEvent, record: string): void;
  outlets(): Outlet[];
}

/**
 * Opens a route as a drill does: one sink, except a file route in a format with a header per record
 * type (EventLogFile CSV), which gets one file per type, as Salesforce ships one LogFile per
 * EventType. Each sink has its own acknowledgement book, told by that sink alone.
 */
export function openRoute(route: TelemetryRoute, deps: Omit<SinkDeps, 'onSettled'>, clock: Clock): SoakRoute {
  const encoder = encoderById(route.encoder)!;
  const { id, encoder: _encoder, systems, ...config } = route;
  const perType = config.type === 'file' && encoder.header !== undefined;
  const outlets = new Map<string, Outlet>();
  const outletFor = (header: string | undefined, record?: string): Outlet => {
    const key = header ?? '';
    let outlet = outlets.get(key);
    if (!outlet) {
      const book = new AckBook();
      const typed =
        perType && config.type === 'file'
          ? {
              ...config,
              path: typedPath(config.path, record?.split(',')[0]?.replaceAll('"', '') ?? ''),
              header,
            }
          : config;
      const sink = createSink({ id, ...typed } as SinkConfig, {
        ...deps,
        onSettled: (_sinkId, sent, failed) => book.settled(sent, failed, clock.now()),
      });
      outlet = { sink, book };
      outlets.set(key, outlet);
    }
    return outlet;
  };
  // Made now, so a bad setting stops the soak before any traffic.
  if (!perType) outletFor(undefined);
  return {
    id,
    type: route.type,
    encoder,
    systems,
    write(event, record) {
      const { sink, book } = outletFor(perType ? encoder.header?.(event) : undefined, record);
      const droppedBefore = sink.stats().dropped;
      sink.write(record);
      // A record the full buffer refused never reaches the queue, so it is never settled: it is lost now.
      if (sink.stats().dropped === droppedBefore) book.written(event.time);
    },
    outlets: () => [...outlets.values()],
  };
}
