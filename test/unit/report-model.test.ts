import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/evidence/ledger.ts';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { buildReport, evidenceFromKey, evidenceFromVerify } from '../../src/report/model.ts';
import { throwawayKey } from './evidence-keys.ts';
import { START, sampleEntries, sampleLedger, T0 } from './evidence-sample.ts';

const EVIDENCE = {
  finalHash: 'ef'.repeat(32),
  signature: { keyOrigin: 'per-run' as const, publicKeyFingerprint: '12'.repeat(32) },
};

describe('buildReport', () => {
  it('takes run meta, plan, counts and exit code from the ledger', () => {
    const report = buildReport(sampleLedger(), EVIDENCE);
    expect(report.run).toMatchObject({
      runId: 'run-000001',
      scenarioId: 'oauth-overscope',
      seed: 42,
      start: START,
    });
    expect(report.run).not.toHaveProperty('kind');
    expect(report.plan?.expectations.map((expectation) => expectation.id)).toEqual([
      'detect-oauth',
      'log-oauth',
      'detect-export',
      'hotwash',
    ]);
    expect(report.counts).toEqual({ met: 1, late: 1, missed: 1, notApplicable: 1 });
    expect(report.finished?.exitCode).toBe(1);
    expect(report.steadyState?.falsePositives.map((signal) => signal.id)).toEqual(['sig-000001']);
    expect(report.evidence).toEqual({ entries: 18, ...EVIDENCE });
  });

  it('orders the timeline by when things happened, offset from the end of the steady state', () => {
    const report = buildReport(sampleLedger());
    expect(report.t0).toBe(T0);
    expect(report.timeline.map((item) => [item.offsetMs / 1000, item.kind, item.subject])).toEqual([
      [0, 'inject', 'oauth-leak'],
      [252, 'signal', 'sig-000002'],
      [600, 'inject', 'report-dump'],
      [660, 'control-error', 'export-volume'],
      [900, 'containment', 'oauth-leak'],
      [1800, 'signal', 'sig-000003'],
      [1860, 'notification', 'task-000001'],
      [2400, 'revert', 'report-dump'],
      [2400, 'revert-failed', 'oauth-leak'],
    ]);
  });

  it('shows what an inject exposed where it landed, not where the exposure was counted at its revert', () => {
    const entries = sampleLedger();
    const finished = entries.findIndex((entry) => entry.kind === 'run.finished');
    entries.splice(finished, 0, {
      seq: 999,
      kind: 'exposure',
      at: T0 + 40 * 60_000,
      injectId: 'report-dump',
      individuals: 12,
      byState: { IL: 12 },
    } as (typeof entries)[number]);
    const report = buildReport(entries);
    const kinds = report.timeline.map((item) => [item.offsetMs / 1000, item.kind, item.subject]);
    const inject = kinds.findIndex(([, kind, subject]) => kind === 'inject' && subject === 'report-dump');
    expect(kinds[inject + 1]).toEqual([600, 'exposure', 'report-dump']);
  });

  it('uses the run start as T0 when there was no steady-state window, and the event time not the append time', () => {
    const entries = sampleLedger().filter((entry) => entry.kind !== 'steady-state');
    const signal = entries.find((entry) => entry.kind === 'signal')!;
    if (signal.kind === 'signal') signal.at = signal.signal.time + 5000;
    const report = buildReport(entries);
    expect(report.t0).toBe(START);
    expect(report.steadyState).toBeNull();
    expect(report.timeline[1]).toMatchObject({
      kind: 'signal',
      at: T0 + 252_000,
      offsetMs: 600_000 + 252_000,
    });
  });

  it('shows a signal’s delivery apart from its detection on the timeline', () => {
    const entries = sampleLedger();
    const signal = entries.find((entry) => entry.kind === 'signal')!;
    if (signal.kind !== 'signal') throw new Error('the sample ledger has a signal');
    const generated = signal.signal.time - 4 * 3_600_000;
    signal.signal = {
      ...signal.signal,
      delivery: { source: 'crm-elf-hourly', occurredAt: generated, deliveredAt: signal.signal.time - 60_000 },
    };
    const item = buildReport(entries).timeline.find((i) => i.subject === signal.signal.id)!;
    const hhmm = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)}Z`;
    expect(item.summary).toContain(
      `[generated ${hhmm(generated)}, published ${hhmm(signal.signal.time - 60_000)} (crm-elf-hourly), alert ${hhmm(signal.signal.time)}]`,
    );
    const plain = buildReport(sampleLedger()).timeline.find((i) => i.subject === signal.signal.id)!;
    expect(plain.summary).not.toContain('published');
  });

  it('reports an unfinished run without counts from run.finished, and no evidence it was not given', () => {
    const entries = sampleLedger().filter(
      (entry) => entry.kind !== 'run.finished' && entry.kind !== 'verdict',
    );
    const report = buildReport(entries);
    expect(report.finished).toBeNull();
    expect(report.counts).toEqual({ met: 0, late: 0, missed: 0, notApplicable: 0 });
    expect(report.evidence).toEqual({ entries: 13, finalHash: null, signature: null });
  });

  it('refuses a ledger without run.started', () => {
    expect(() => buildReport(sampleLedger().slice(1))).toThrow(/no run.started entry/);
  });

  it('is deterministic: the same entries give byte-identical reports', () => {
    expect(JSON.stringify(buildReport(sampleLedger(), EVIDENCE))).toBe(
      JSON.stringify(buildReport(sampleLedger(), EVIDENCE)),
    );
  });
});

describe('report evidence status', () => {
  it('matches between the signing run and a later verification of its folder', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'phi-drill-report-evidence-')), 'run');
    const ledger = openLedger(folder);
    for (const input of sampleEntries()) ledger.append(input);
    ledger.close();
    const key = throwawayKey();
    const atRun = evidenceFromKey(ledger.head, key);
    ledger.sign(key);
    expect(atRun.finalHash).toBe(ledger.head);
    expect(atRun.signature?.keyOrigin).toBe('per-run');

    const verified = await verifyRunFolder(folder);
    expect(evidenceFromVerify(verified)).toEqual(atRun);
    expect(buildReport(verified.entries, evidenceFromVerify(verified))).toEqual(
      buildReport(sampleLedger(), atRun),
    );
  });

  it('does not claim a signature that failed verification', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'phi-drill-report-evidence-')), 'run');
    const ledger = openLedger(folder);
    for (const input of sampleEntries()) ledger.append(input);
    ledger.close();
    ledger.sign(throwawayKey());
    const sigPath = join(folder, 'ledger.sig.json');
    const sig = JSON.parse(readFileSync(sigPath, 'utf8'));
    writeFileSync(sigPath, JSON.stringify({ ...sig, signature: Buffer.alloc(64).toString('base64') }));
    expect(evidenceFromVerify(await verifyRunFolder(folder)).signature).toBeNull();
  });
});
