import { describe, expect, it } from 'vitest';
import type { Signal } from '../../src/controls/signal.ts';
import { selectorMatches } from '../../src/run/judge/detect.ts';
import { judge } from '../../src/run/judge/index.ts';
import type { Observations } from '../../src/run/observations.ts';
import type { PlannedExpectation } from '../../src/run/plan.ts';

const T = Date.parse('2026-03-03T13:00:00Z');
const MIN = 60_000;

function signal(overrides: Partial<Signal> = {}): Signal {
  return {
    id: 'sig-000001',
    control: 'oauth-scope-anomaly',
    rule: 'third-party-full-scope',
    severity: 'high',
    time: T + 2 * MIN,
    summary: 'broad grant',
    patientIds: [],
    evidence: [],
    ...overrides,
  };
}

function seen(overrides: Partial<Observations> = {}): Observations {
  return {
    signals: [],
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

const base = { inject: 'pull', opensAt: T, closesAt: T + 15 * MIN, within: '15m', withinMs: 15 * MIN };
const detect: PlannedExpectation = {
  ...base,
  id: 'd',
  type: 'detect',
  match: { control: 'oauth-scope-anomaly' },
};

describe('detect', () => {
  it('is met with the latency of the first matching signal', () => {
    const verdict = judge(detect, seen({ signals: [signal()] }));
    expect(verdict).toMatchObject({ status: 'met', latencyMs: 2 * MIN, evidence: ['sig-000001'] });
  });

  it('quotes the alert summary once, even when it holds quotes itself', () => {
    const plain = judge(detect, seen({ signals: [signal()] }));
    expect(plain.reason).toMatch(/ raised "broad grant"$/);
    const summary = '"PatientEngage Analytics" made 61 calls';
    const quoted = judge(detect, seen({ signals: [signal({ summary })] }));
    expect(quoted.reason).toMatch(/ raised “"PatientEngage Analytics" made 61 calls”$/);
    expect(quoted.reason).not.toContain('""');
  });

  it('is late when the only match comes after the window', () => {
    expect(judge(detect, seen({ signals: [signal({ time: T + 40 * MIN })] })).status).toBe('late');
  });

  it('is missed when nothing matches, and ignores signals from before the inject', () => {
    const verdict = judge(
      detect,
      seen({ signals: [signal({ time: T - MIN }), signal({ control: 'other' })] }),
    );
    expect(verdict.status).toBe('missed');
    expect(verdict.reason).toContain('control=oauth-scope-anomaly');
  });

  it('fails closed: an empty selector matches no signal at all', () => {
    expect(selectorMatches({}, signal())).toBe(false);
    expect(selectorMatches({ minSeverity: 'low' }, signal())).toBe(false);
  });

  it('honours minimum severity', () => {
    expect(selectorMatches({ control: 'oauth-scope-anomaly', minSeverity: 'critical' }, signal())).toBe(
      false,
    );
  });
});

describe('log', () => {
  const log: PlannedExpectation = {
    ...base,
    id: 'l',
    type: 'log',
    trail: 'crm-event-log',
    fields: ['USER_ID', 'QUERY'],
  };
  const access = {
    requestId: 'req-1',
    time: T,
    method: 'GET',
    status: 200,
    path: '/services/data/v66.0/query',
  };
  const record = (values: Record<string, string>) => ({
    id: 'r',
    time: T + MIN,
    value: (f: string) => values[f],
  });

  it('is met when every read has a record with every required field', () => {
    const verdict = judge(
      log,
      seen({ accesses: () => [access], trailRecord: () => record({ USER_ID: 'u', QUERY: 'q' }) }),
    );
    expect(verdict).toMatchObject({ status: 'met', latencyMs: MIN });
  });

  it('is missed when a record lacks a required field', () => {
    const verdict = judge(
      log,
      seen({ accesses: () => [access], trailRecord: () => record({ USER_ID: 'u' }) }),
    );
    expect(verdict.status).toBe('missed');
    expect(verdict.reason).toContain('lacks QUERY');
  });

  it('is missed when the trail has no record (audit off)', () => {
    expect(judge(log, seen({ accesses: () => [access] })).reason).toContain(
      '1 of 1 accesses have no crm-event-log record',
    );
  });

  it('only judges reads within the trail’s scope', () => {
    const token = { ...access, method: 'POST', path: '/services/oauth2/token' };
    expect(judge(log, seen({ accesses: () => [token] })).status).toBe('missed');
  });
});

describe('contain, notify, manual', () => {
  it('contain is met when the probe turned true inside the window', () => {
    const contain: PlannedExpectation = { ...base, id: 'c', type: 'contain', condition: 'token-revoked' };
    expect(judge(contain, seen({ containedAt: () => T + MIN })).status).toBe('met');
    expect(judge(contain, seen()).status).toBe('missed');
  });

  const notify: PlannedExpectation = {
    ...base,
    id: 'n',
    type: 'notify',
    deadline: '60d',
    deadlineMs: 60 * 86_400_000,
  };
  const task = {
    id: '500',
    openedAt: T + 3 * MIN,
    discoveredAt: T + 2 * MIN,
    dueAt: T + 2 * MIN + 60 * 86_400_000,
    legalBasis: '45 CFR 164.404(b)',
  };

  it('notify is met by a task due 60 days from the first signal', () => {
    expect(judge(notify, seen({ signals: [signal()], notificationTasks: [task] })).status).toBe('met');
  });

  it('notify is missed when the task counts from a later triage date', () => {
    const triaged = { ...task, discoveredAt: T + 600 * MIN, dueAt: T + 600 * MIN + 60 * 86_400_000 };
    const verdict = judge(notify, seen({ signals: [signal()], notificationTasks: [triaged] }));
    expect(verdict.status).toBe('missed');
    expect(verdict.reason).toContain('after discovery + 60d');
  });

  it('notify is missed with no task and no notice', () => {
    expect(judge(notify, seen({ signals: [signal()] })).reason).toBe(
      'no breach-notification task was opened and no notice arrived',
    );
  });

  const notice = (receivedAt: number) => ({
    id: 'notice-0001',
    intake: 'smtp',
    receivedAt,
    from: 'privacy@clinic.example.org',
    to: ['patient@example.org'],
    subject: 'Notice of a data incident',
    text: '…',
  });

  it('notify is met by a notice from the organisation’s own workflow, late after the legal deadline', () => {
    expect(judge(notify, seen({ signals: [signal()], notices: [notice(T + 10 * MIN)] })).status).toBe('met');
    const tooLate = T + 2 * MIN + 61 * 86_400_000;
    const verdict = judge(notify, seen({ signals: [signal()], notices: [notice(tooLate)] }));
    expect(verdict.status).toBe('late');
    expect(verdict.reason).toContain('after discovery + 60d');
  });

  it('manual is not-applicable with the reason in an unattended run, judged when confirmed', () => {
    const manual: PlannedExpectation = {
      ...base,
      id: 'm',
      type: 'manual',
      prompt: 'Privacy officer briefed',
    };
    expect(judge(manual, seen()).status).toBe('not-applicable');
    expect(
      judge(manual, seen({ unattended: false, confirmation: () => ({ at: T + 5 * MIN, by: 'po' }) })).status,
    ).toBe('met');
    expect(judge(manual, seen({ unattended: false })).status).toBe('missed');
  });

  it('an inject that failed turns its expectations to missed with the cause', () => {
    const verdict = judge(detect, seen({ injectFailure: () => 'HTTP 401' }));
    expect(verdict).toMatchObject({ status: 'missed', reason: 'inject pull failed to apply: HTTP 401' });
  });
});
