import type { Clock } from '../clock/clock.ts';
import type { TelemetryBus } from '../telemetry/bus.ts';

/**
 * What every system of the estate is built with. Time only from `clock`, ids only from `nextId`,
 * so two runs with the same seed produce the same records byte for byte.
 */
export interface EstateContext {
  readonly clock: Clock;
  readonly bus: TelemetryBus;
  readonly seed: number;
  /** Next id in a per-prefix sequence: nextId('req') → `req-000001`, `req-000002` … */
  nextId(prefix: string): string;
  /**
   * The same sequence as numbers, for ids built another way: nextNumber('req') → 3 after the two
   * above; nextNumber('req', 100) reserves 4…103 and returns 4.
   */
  nextNumber(prefix: string, count?: number): number;
}

export function createEstateContext(clock: Clock, bus: TelemetryBus, seed: number): EstateContext {
  const counters = new Map<string, number>();
  return {
    clock,
    bus,
    seed,
    nextId(prefix) {
      return `${prefix}-${String(this.nextNumber(prefix)).padStart(6, '0')}`;
    },
    nextNumber(prefix, count = 1) {
      const first = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, first + count - 1);
      return first;
    },
  };
}
