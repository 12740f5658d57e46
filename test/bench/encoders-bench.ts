import { BUILT_IN_ENCODERS } from '../../src/telemetry/encoders/index.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import { ALL_SAMPLES, CONTEXT } from '../unit/encoder-samples.ts';

/** The sample mix repeated with fresh ids and times, so per-event work (hashes, zone lookups) is real. */
function mix(count: number): TelemetryEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const sample = ALL_SAMPLES[i % ALL_SAMPLES.length]!;
    return { ...sample, id: `evt-${String(i).padStart(6, '0')}`, time: sample.time + i * 1000 };
  });
}

/**
 * Events offered per second to each built-in encoder (out-of-scope events count: a sink pays for
 * asking too). Output bytes are summed and checked, so no loop is dead code; a warm-up pass runs first.
 */
export async function benchEncoders(events: number): Promise<Array<{ id: string; perSec: number }>> {
  if (!Number.isInteger(events) || events < 1)
    throw new RangeError(`events must be a positive integer, got ${events}`);
  const batch = mix(events);
  const warmUp = batch.slice(0, Math.min(events, 2000));
  const results: Array<{ id: string; perSec: number }> = [];
  for (const encoder of BUILT_IN_ENCODERS) {
    for (const event of warmUp) encoder.encode(event, CONTEXT);
    let bytes = 0;
    const started = performance.now();
    for (const event of batch) bytes += encoder.encode(event, CONTEXT)?.length ?? 0;
    const ms = performance.now() - started;
    if (bytes === 0) throw new Error(`${encoder.id} produced no output`);
    results.push({ id: encoder.id, perSec: (events / Math.max(ms, 0.001)) * 1000 });
  }
  return results;
}
