import { describe, expect, it } from 'vitest';
import { discoveryDates, knowableAt } from '../../src/breach/knowable.ts';
import type { Signal } from '../../src/controls/signal.ts';
import { judge } from '../../src/run/judge/index.ts';
import type { Observations } from '../../src/run/observations.ts';
import type { PlannedExpectation } from '../../src/run/plan.ts';

const T = Date.parse('2026-03-03T15:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A daily EventLogFile publishes the 15:30 read about 37 hours later. */
const LANDED = T + 37 * HOUR;

const lateSignal: Signal = {
  id: 'sig-000001',
  control: 'minimum-necessary-fields',
  rule: 'unentitled-field-read',
  severity: 'high',
  time: LANDED,
  summary: 'front desk read diagnoses',
  patientIds: [],
  evidence: [],
  delivery: { source: 'crm-elf-daily', occurredAt: T, deliveredAt: LANDED },
};

function seen(overrides: Partial<Observations>): Observations {
  return {
    signals: [lateSignal],
    injectedAt: () => T,
    injectFailure: () => undefined,
    correlationId: () => 'drill-x',
    containedAt: () => undefined,
    accesses: () => [],
    trailScope: () => '/services/data/',
    trailRecord: () => undefined,
    notificationTasks: [],
    notices: [],
    confirmation: () => undefined,
    unattended: true,
    ...overrides,
  };
}

const notify: PlannedExpectation = {
  id: 'open-notification-task',
  type: 'notify',
  inject: 'desk-reads-diagnoses',
  opensAt: T,
  closesAt: T + 40 * HOUR,
  within: '40h',
  withinMs: 40 * HOUR,
  deadline: '60d',
  deadlineMs: 60 * DAY,
};

const taskFrom = (discoveredAt: number) => ({
  id: '500qa',
  openedAt: LANDED + 60_000,
  discoveredAt,
  dueAt: discoveredAt + 60 * DAY,
  legalBasis: '45 CFR 164.404(b)',
});

describe('discovery under a slow pipeline (45 CFR 164.404(a)(2))', () => {
  it('a delivered signal was knowable when its telemetry was generated, a state scan when raised', () => {
    expect(knowableAt(lateSignal)).toBe(T);
    const { delivery: _omitted, ...scan } = lateSignal;
    expect(knowableAt(scan)).toBe(LANDED);
    expect(discoveryDates(scan)).toBe('');
    expect(discoveryDates(undefined)).toBe('');
  });

  it('a task counted from the should-have-known date is met and its reason shows both dates', () => {
    const verdict = judge(notify, seen({ notificationTasks: [taskFrom(T)] }));
    expect(verdict.status).toBe('met');
    expect(verdict.reason).toContain('should have known 2026-03-03T15:30Z (45 CFR 164.404(a)(2)');
    expect(verdict.reason).toContain('first signal landed 2026-03-05T04:30Z');
  });

  it('a task counted from the late alert is missed: the pipeline cannot push the deadline back', () => {
    const verdict = judge(notify, seen({ notificationTasks: [taskFrom(LANDED)] }));
    expect(verdict.status).toBe('missed');
    expect(verdict.reason).toContain('due 1d13h after discovery + 60d');
  });

  it('a notice inside 60 days of the alert but past 60 days of the knowable date is late', () => {
    const notice = {
      id: 'notice-0001',
      intake: 'smtp',
      receivedAt: T + 60 * DAY + 12 * HOUR,
      from: 'privacy@clinic.example.org',
      to: ['patient@example.org'],
      subject: 'Notice of a data incident',
      text: '…',
    };
    const verdict = judge(notify, seen({ notices: [notice] }));
    expect(verdict.status).toBe('late');
    expect(verdict.reason).toContain('12h after discovery + 60d');
  });
});
