import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { deidentificationChecker } from '../../src/controls/deidentification-checker.ts';
import { survivingIdentifiers } from '../../src/controls/safe-harbor.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const ANALYST = { id: 'analyst', type: 'admin' as const, name: 'Analyst' };
const HOST = { sourceIp: '10.99.0.241', requestId: 'req-export' };

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T07:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 25 });
  const signals: SignalInput[] = [];
  const checker = deidentificationChecker.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => checker.onEvent!(event));
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { estate, signals, settle };
}

describe('deidentification-checker', () => {
  it('names every identifier an identified batch kept, with its column, and recalls the batch', async () => {
    const { estate, signals, settle } = rig();
    estate.analytics.config.deidentify = false;
    const batch = await estate.analytics.run(ANALYST, HOST);
    await settle();
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ rule: 'identifiers-in-export', severity: 'critical' });
    expect(signals[0]!.patientIds).toHaveLength(25);
    for (const named of [
      'names (A) in PatientName',
      'medical record numbers (H) in MRN',
      '(C) in BirthDate',
      '(B) in ZIP',
    ])
      expect(signals[0]!.summary).toContain(named);
    expect(estate.analytics.platform.batches.has(batch.batchId)).toBe(false);
  });

  it('passes the nightly de-identified batch: years, 90+, three-digit ZIPs, states and diagnoses', async () => {
    const { estate, signals, settle } = rig();
    const batch = await estate.analytics.run(ANALYST, HOST);
    await settle();
    expect(signals).toEqual([]);
    expect(estate.analytics.platform.batches.has(batch.batchId)).toBe(true);
  });

  it('rates a batch that kept only quasi-identifiers (full dates) high, not critical', () => {
    const { estate, signals } = rig();
    estate.analytics.outbound.set('batch-q', {
      batchId: 'batch-q',
      dataset: 'population-health',
      sentAt: 0,
      columns: ['AdmitDate', 'State', 'Diagnosis'],
      rows: [['2026-02-11', 'CO', 'J45.909 Asthma']],
    });
    estate.bus.emit({
      system: 'integration',
      action: 'analytics.export',
      actor: { id: 'analytics-export', type: 'service' },
      sourceIp: HOST.sourceIp,
      resource: { type: 'AnalyticsBatch', id: 'batch-q' },
      patientIds: [],
      fields: [],
      outcome: 'success',
      detail: { destination: 'ingest.analytics-vendor.example' },
    });
    expect(signals).toMatchObject([{ rule: 'identifiers-in-export', severity: 'high' }]);
    expect(signals[0]!.summary).toContain('dates (except year) and ages over 89 (C) in AdmitDate');
  });
});

describe('Safe Harbor identifiers', () => {
  it('lets through what Safe Harbor allows', () => {
    const rows = [
      ['1931', '90+', 'CO', '802', 'E11.9 Type 2 diabetes', '2025'],
      ['1990', '35', 'WA', '000', '', '2026'],
    ];
    expect(survivingIdentifiers(['BirthYear', 'Age', 'State', 'ZIP3', 'Diagnosis', 'Year'], rows)).toEqual(
      [],
    );
  });

  it('flags quasi-identifiers one by one: a full date, an age over 89, a five-digit or sparse three-digit ZIP', () => {
    const found = (column: string, value: string) =>
      survivingIdentifiers([column], [[value]]).map((survivor) => survivor.letter);
    expect(found('AdmitDate', '2026-02-11')).toEqual(['C']);
    expect(found('Age', '93')).toEqual(['C']);
    expect(found('Age', '89')).toEqual([]);
    expect(found('ZIP', '80203')).toEqual(['B']);
    expect(found('ZIP3', '036')).toEqual(['B']);
    expect(found('ZIP3', '802')).toEqual([]);
  });

  it('flags direct identifiers by value or by column', () => {
    const columns = [
      'FirstName',
      'Fax',
      'SSN',
      'HealthPlanMemberId',
      'DeviceSerial',
      'Portal',
      'ClientIp',
      'PatientId',
    ];
    const row = [
      'Ann',
      '303-555-0100',
      '000-12-3456',
      'ZZ123456',
      'SN-99',
      'https://portal.example.org/p/1',
      '192.0.2.7',
      'zz-0000001',
    ];
    expect(survivingIdentifiers(columns, [row]).map((survivor) => survivor.letter)).toEqual([
      'A',
      'E',
      'G',
      'I',
      'M',
      'N',
      'O',
      'R',
    ]);
  });

  it('does not take a diagnosis name for a person’s name', () => {
    expect(survivingIdentifiers(['DiagnosisName'], [['Asthma']])).toEqual([]);
  });
});
