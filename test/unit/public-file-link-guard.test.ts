import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { publicFileLinkGuard } from '../../src/controls/public-file-link-guard.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const OUTSIDE = { 'x-forwarded-for': '198.51.100.30', 'user-agent': 'curl/8.5.0' };
const CLINIC = { 'x-forwarded-for': '10.99.0.15', 'user-agent': 'Mozilla/5.0' };

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 20 });
  const signals: SignalInput[] = [];
  const guard = publicFileLinkGuard.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => guard.onEvent!(event));
  const patient = estate.population.patient(5);
  const account = estate.crm.state.records.matchExternalId('Account', 'FHIR_Patient_Id__c', patient.id)
    .matches[0]!;
  const caller = { sourceIp: '192.0.2.120', requestId: 'req-x' };
  const userId = estate.content.telehealthUserId;
  const upload = (title: string) =>
    estate.crm.files.upload({
      title,
      pathOnClient: 'visit.mp4',
      body: new Uint8Array([9, 9]),
      ownerId: userId,
      linkedRecordId: account.Id as string,
      caller,
    });
  const share = (versionId: unknown) =>
    estate.crm.files.share(String(versionId), { name: 'link', userId, caller });
  const live = (link: { Id?: unknown }) =>
    estate.crm.files.isLive(estate.crm.state.records.get('ContentDistribution', String(link.Id)));
  return { estate, guard, signals, patient, upload, share, live };
}

describe('public-file-link-guard', () => {
  it('flags a PHI file saved unencrypted on its scan, and not an encrypted one', () => {
    const { estate, guard, signals, patient, upload } = rig();
    upload(`Telehealth visit ${patient.mrn}`);
    guard.onScan!();
    expect(signals).toEqual([]);
    estate.crm.files.config.encryptFiles = false;
    upload(`Telehealth visit ${patient.mrn}`);
    upload('Staff rota, March');
    guard.onScan!();
    expect(signals).toMatchObject([
      { rule: 'unencrypted-phi-file', severity: 'medium', patientIds: [patient.id] },
    ]);
  });

  it('revokes a public link to a PHI file on its scan, and leaves a link to a harmless file', () => {
    const { guard, signals, patient, upload, share, live } = rig();
    const phi = share(upload(`Telehealth visit ${patient.mrn}`).Id);
    const flyer = share(upload('Flu clinic flyer').Id);
    guard.onScan!();
    expect(signals).toMatchObject([{ rule: 'public-link-phi-file', severity: 'high' }]);
    expect([live(phi), live(flyer)]).toEqual([false, true]);
  });

  it('raises at once on an outside download of a PHI file and revokes the link; clinic downloads pass', async () => {
    const { estate, signals, patient, upload, share, live } = rig();
    const link = share(upload(`Telehealth visit ${patient.mrn}`).Id);
    const url = String(link.ContentDownloadUrl);
    expect((await estate.fetch(url, { headers: CLINIC })).status).toBe(200);
    expect(signals).toEqual([]);
    expect((await estate.fetch(url, { headers: OUTSIDE })).status).toBe(200);
    expect(signals).toMatchObject([
      { rule: 'external-phi-download', severity: 'critical', patientIds: [patient.id] },
    ]);
    expect(live(link)).toBe(false);
    expect((await estate.fetch(url, { headers: OUTSIDE })).status).toBe(404);
  });

  it('stays quiet on outside downloads of the public flyer', async () => {
    const { estate, signals } = rig();
    expect((await estate.fetch(estate.content.flyerPublicUrl, { headers: OUTSIDE })).status).toBe(200);
    expect((await estate.fetch(estate.content.flyerDownloadUrl, { headers: OUTSIDE })).status).toBe(200);
    expect(signals).toEqual([]);
  });
});
