import type { LedgerEntry, LedgerEntryInput } from '../../src/evidence/entries.ts';

const MIN = 60_000;
/** 2026-03-02T14:00:00.000Z */
export const START = Date.UTC(2026, 2, 2, 14, 0, 0);
export const T0 = START + 10 * MIN;

/** A finished two-inject run with one verdict of each status. */
export function sampleEntries(): LedgerEntryInput[] {
  return [
    {
      kind: 'run.started',
      at: START,
      runId: 'run-000001',
      scenarioId: 'oauth-overscope',
      title: 'Over-scoped sync app & a bulk <export>',
      scenarioFile: 'scenarios/oauth-overscope.yaml',
      scenarioSha256: 'ab'.repeat(32),
      seed: 42,
      patients: 200,
      clock: 'virtual',
      start: START,
      timezone: 'America/Chicago',
      disabledControls: ['off-hours'],
      toolVersion: '0.1.0',
      wallClock: '2026-11-20T09:30:00.000Z',
    },
    {
      kind: 'plan',
      at: START,
      injects: [
        {
          id: 'oauth-leak',
          injector: 'oauth-overscope',
          at: T0,
          params: { app: 'Acme Sync', scopes: ['full'] },
        },
        { id: 'report-dump', injector: 'report-export', at: T0 + 10 * MIN, params: { rows: 12000 } },
      ],
      expectations: [
        { id: 'detect-oauth', type: 'detect', inject: 'oauth-leak', windowMs: 15 * MIN },
        { id: 'log-oauth', type: 'log', inject: 'oauth-leak', windowMs: 5 * MIN },
        { id: 'detect-export', type: 'detect', inject: 'report-dump', windowMs: 10 * MIN },
        { id: 'hotwash', type: 'manual', inject: 'report-dump', windowMs: 60 * MIN },
      ],
      controls: ['oauth-scope-anomaly', 'export-volume'],
    },
    {
      kind: 'steady-state',
      at: T0,
      from: START,
      to: T0,
      events: 340,
      falsePositives: [
        {
          id: 'sig-000001',
          control: 'export-volume',
          rule: 'rows-over-baseline',
          severity: 'low',
          time: START + 4 * MIN,
          summary: 'Nightly | census report above baseline',
          patientIds: [],
          evidence: ['evt-000120'],
        },
      ],
    },
    {
      kind: 'inject.applied',
      at: T0,
      injectId: 'oauth-leak',
      injector: 'oauth-overscope',
      correlationId: 'drill-oauth-leak',
      params: { app: 'Acme Sync', scopes: ['full'] },
    },
    {
      kind: 'signal',
      at: T0 + 4 * MIN + 12_000,
      signal: {
        id: 'sig-000002',
        control: 'oauth-scope-anomaly',
        rule: 'third-party-full-scope',
        severity: 'high',
        time: T0 + 4 * MIN + 12_000,
        summary: 'Acme Sync granted full scope',
        patientIds: [],
        evidence: ['evt-000401'],
        correlationId: 'drill-oauth-leak',
      },
    },
    {
      kind: 'inject.applied',
      at: T0 + 10 * MIN,
      injectId: 'report-dump',
      injector: 'report-export',
      correlationId: 'drill-report-dump',
      params: { rows: 12000 },
    },
    {
      kind: 'control.error',
      at: T0 + 11 * MIN,
      controlId: 'export-volume',
      error: 'baseline store unavailable',
    },
    {
      kind: 'containment',
      at: T0 + 15 * MIN,
      injectId: 'oauth-leak',
      condition: 'token-revoked',
      observedAt: T0 + 15 * MIN,
    },
    {
      kind: 'signal',
      at: T0 + 30 * MIN,
      signal: {
        id: 'sig-000003',
        control: 'export-volume',
        rule: 'rows-over-baseline',
        severity: 'critical',
        time: T0 + 30 * MIN,
        summary: '12000 patient rows exported',
        patientIds: ['pat-000001'],
        evidence: ['evt-000777'],
      },
    },
    {
      kind: 'notification.task',
      at: T0 + 31 * MIN,
      taskId: 'task-000001',
      injectId: 'report-dump',
      discoveredAt: T0 + 30 * MIN,
      dueAt: T0 + 30 * MIN + 60 * 86_400_000,
      legalBasis: '45 CFR 164.404(b)',
      openedBy: 'privacy-officer',
    },
    { kind: 'inject.reverted', at: T0 + 40 * MIN, injectId: 'report-dump' },
    { kind: 'revert.failed', at: T0 + 40 * MIN, injectId: 'oauth-leak', error: 'app already removed' },
    verdict(
      'detect-oauth',
      'detect',
      'oauth-leak',
      'met',
      15,
      T0,
      4 * MIN + 12_000,
      'Raised third-party-full-scope',
    ),
    verdict(
      'log-oauth',
      'log',
      'oauth-leak',
      'missed',
      5,
      T0,
      undefined,
      'No audit record named "Acme Sync"',
    ),
    verdict(
      'detect-export',
      'detect',
      'report-dump',
      'late',
      10,
      T0 + 10 * MIN,
      20 * MIN,
      'Alert came after the window | rows > 10k & <ReportExport>',
    ),
    verdict(
      'hotwash',
      'manual',
      'report-dump',
      'not-applicable',
      60,
      T0 + 10 * MIN,
      undefined,
      'Unattended run',
    ),
    {
      kind: 'telemetry.summary',
      at: T0 + 41 * MIN,
      events: 812,
      file: 'telemetry.jsonl',
      sha256: 'cd'.repeat(32),
      bySystem: { crm: 500, ehr: 300, portal: 12 },
    },
    {
      kind: 'run.finished',
      at: T0 + 41 * MIN,
      counts: { met: 1, late: 1, missed: 1, notApplicable: 1 },
      exitCode: 1,
      wallClock: '2026-11-20T09:30:02.500Z',
      wallMs: 2500,
    },
  ];
}

/** The same entries as read back from a ledger, with their seq. */
export function sampleLedger(): LedgerEntry[] {
  return sampleEntries().map((input, seq) => ({ ...input, seq }) as LedgerEntry);
}

function verdict(
  expectationId: string,
  type: 'detect' | 'log' | 'manual',
  injectId: string,
  status: 'met' | 'late' | 'missed' | 'not-applicable',
  windowMin: number,
  injectedAt: number,
  latencyMs: number | undefined,
  reason: string,
): LedgerEntryInput {
  return {
    kind: 'verdict',
    at: T0 + 41 * MIN,
    verdict: {
      expectationId,
      type,
      injectId,
      status,
      windowMs: windowMin * MIN,
      injectedAt,
      ...(latencyMs === undefined ? {} : { observedAt: injectedAt + latencyMs, latencyMs }),
      reason,
      evidence: latencyMs === undefined ? [] : ['sig-000002'],
    },
  };
}
