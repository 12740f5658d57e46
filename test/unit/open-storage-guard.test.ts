import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { openStorageGuard } from '../../src/controls/open-storage-guard.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { WEB_ASSETS_BUCKET } from '../../src/estate/content-seed.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const OUTSIDE = { 'x-forwarded-for': '203.0.113.50', 'user-agent': 'curl/8.5.0' };

function rig(population = 20) {
  const clock = new VirtualClock(Date.parse('2026-03-03T14:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 3, patients: population });
  const signals: SignalInput[] = [];
  const guard = openStorageGuard.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => guard.onEvent!(event));
  const { state } = estate.storage;
  const key = state.issueKey({ id: 'analyst', name: 'Analyst', type: 'admin' });
  state.createBucket({ name: 'share', owner: 'analyst', publicRead: false, encrypted: true });
  const patients = [1, 2].map((i) => estate.population.patient(i));
  const csv = `MRN,SSN\n${patients.map((p) => `${p.mrn},${p.ssn}`).join('\n')}\n`;
  const put = (path: string, body: string, acl = 'private') =>
    estate.fetch(path, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'x-amz-acl': acl },
      body,
    });
  const report = async (rows: number) => {
    const admin = estate.credentials.crm.admin;
    const token = estate.crmIssueToken(estate.credentials.crm.consoleApp.clientId, admin.username, ['api']);
    const { id } = estate.crm.state.addReport({
      name: 'r',
      soql: `SELECT MRN__c FROM Account LIMIT ${rows}`,
    });
    await estate.fetch(`/${id.slice(0, 15)}?export=1`, { headers: { authorization: `Bearer ${token}` } });
  };
  return { estate, guard, signals, put, csv, patients, report };
}

describe('open-storage-guard', () => {
  it('flags a public-read object holding PHI on its scan and makes it private', async () => {
    const { estate, guard, signals, put, csv, patients } = rig();
    await put('/storage/share/export.csv', csv, 'public-read');
    expect(signals).toEqual([]);
    guard.onScan!();
    expect(signals).toMatchObject([
      { rule: 'public-object-phi', severity: 'critical', patientIds: patients.map((p) => p.id) },
    ]);
    expect(estate.storage.state.isPublic('share', 'export.csv')).toBe(false);
  });

  it('leaves private PHI objects and public objects without PHI alone', async () => {
    const { guard, signals, put, csv } = rig();
    await put('/storage/share/private.csv', csv);
    await put('/storage/share/flyer.html', '<h1>Flu clinic</h1>', 'public-read');
    await put(`/storage/${WEB_ASSETS_BUCKET}/brochures/new.html`, '<p>Open weekdays</p>');
    guard.onScan!();
    expect(signals).toEqual([]);
  });

  it('raises at once on an anonymous read of a PHI object, but not of a website asset', async () => {
    const { estate, signals, put, csv } = rig();
    await estate.fetch(`/storage/${WEB_ASSETS_BUCKET}/img/logo.svg`, { headers: OUTSIDE });
    expect(signals).toEqual([]);
    await put('/storage/share/export.csv', csv, 'public-read');
    const first = await estate.fetch('/storage/share/export.csv', { headers: OUTSIDE });
    expect(first.status).toBe(200);
    expect(signals).toMatchObject([{ rule: 'anonymous-phi-read', severity: 'critical' }]);
    expect(signals[0]!.summary).toContain('from 203.0.113.50');
    expect((await estate.fetch('/storage/share/export.csv', { headers: OUTSIDE })).status).toBe(403);
  });

  it('flags a bulk report export above the floor that dwarfs the user’s own largest, once', async () => {
    const { signals, report } = rig(260);
    await report(40);
    expect(signals).toEqual([]);
    await report(250);
    expect(signals).toMatchObject([{ rule: 'bulk-report-export', severity: 'high' }]);
    expect(signals[0]!.summary).toContain('exported 250 patient rows (largest before: 40)');
    expect(signals[0]!.patientIds).toHaveLength(250);
    await report(250);
    expect(signals).toHaveLength(1);
  });
});
