import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { queueRetentionScanner } from '../../src/controls/queue-retention-scanner.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { CHANGE_TOPIC_POLICY_RETENTION_MS } from '../../src/estate/sync/index.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const START = Date.parse('2026-03-03T02:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function setUp() {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 5, patients: 20 });
  const signals: SignalInput[] = [];
  const scanner = queueRetentionScanner.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => scanner.onEvent!(event));
  const at = (minutes: number) => clock.sleepUntil(START + minutes * MINUTE);
  return { estate, signals, scanner, at };
}

describe('queue-retention-scanner', () => {
  it('ignores the topic while it follows the policy, however long delivery takes', async () => {
    const { estate, signals, scanner, at } = setUp();
    // The org's API allocation is spent: the job keeps every change queued, none is delivered.
    estate.crm.state.limits.config.allocation.requests = 0;
    estate.resyncBurst(5);
    for (let minute = 5; minute <= 180; minute += 5) {
      await at(minute);
      await estate.sync.runBatch();
      scanner.onScan!();
    }
    expect(estate.sync.state.queue).toHaveLength(5);
    expect(estate.sync.topic.size).toBe(0);
    expect(signals).toEqual([]);
  });

  it('flags a retention set beyond the policy at once, but not one put back to it', () => {
    const { estate, signals } = setUp();
    const restore = estate.sync.topic.configure({ retentionMs: 30 * DAY, deleteOnAck: false }, 'admin');
    restore();
    estate.sync.topic.configure(
      { retentionMs: CHANGE_TOPIC_POLICY_RETENTION_MS, deleteOnAck: false },
      'admin',
    );
    expect(signals.map((s) => [s.rule, s.severity, s.summary])).toEqual([
      [
        'retention-beyond-policy',
        'high',
        'topic ehr.patient-changes set to keep messages 30d, acknowledged ones included; policy is 1h',
      ],
    ]);
  });

  it('finds PHI held past the policy (allowing the broker’s check interval) and purges it', async () => {
    const { estate, signals, scanner, at } = setUp();
    const { topic } = estate.sync;
    topic.configure({ retentionMs: 30 * DAY, deleteOnAck: false }, 'admin');
    signals.length = 0;
    const ids = estate.resyncBurst(3);
    await estate.sync.runBatch();
    await at(70);
    scanner.onScan!();
    expect(signals).toEqual([]);
    estate.touchPatient(9, () => 0.3);
    await at(76);
    scanner.onScan!();
    expect(signals.map((s) => [s.rule, s.severity, s.patientIds])).toEqual([
      ['phi-past-retention', 'high', [...ids].sort()],
    ]);
    expect(topic.olderThan(CHANGE_TOPIC_POLICY_RETENTION_MS)).toEqual([]);
    expect(topic.size).toBe(1);
    await at(200);
    scanner.onScan!();
    expect(signals).toHaveLength(1);
    expect(topic.size).toBe(0);
  });
});
