import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../src/clock/clock.ts';
import type { IncomingAlert, IntakeRejection, IntakeSink } from '../../src/controls/intakes/intake.ts';

export const START = Date.parse('2026-03-02T13:00:00Z');

/** Records what an intake delivered, and lets a test wait until enough has arrived. */
export interface RecordingSink extends IntakeSink {
  alerts: IncomingAlert[];
  rejections: IntakeRejection[];
  /** Resolves once `count` alerts plus rejections have arrived in total. */
  settled(count: number, timeoutMs?: number): Promise<void>;
}

export function recordingSink(): RecordingSink {
  const alerts: IncomingAlert[] = [];
  const rejections: IntakeRejection[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const wake = () => {
    for (const waiter of [...waiters]) {
      if (alerts.length + rejections.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  return {
    alerts,
    rejections,
    alert: (alert) => {
      alerts.push(alert);
      wake();
    },
    reject: (rejection) => {
      rejections.push(rejection);
      wake();
    },
    settled: (count, timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${alerts.length + rejections.length} of ${count} arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        wake();
      }),
  };
}

export function fixedClock(): VirtualClock {
  return new VirtualClock(START);
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `phi-drill-${prefix}-`));
}
