import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const OUTSIDE = { 'x-forwarded-for': '198.51.100.77', 'user-agent': 'curl/8.5.0' };

function rig() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 2, patients: 10 });
  const patient = estate.population.patient(3);
  const account = estate.crm.state.records.matchExternalId('Account', 'FHIR_Patient_Id__c', patient.id)
    .matches[0]!;
  const caller = { sourceIp: '192.0.2.120', requestId: 'req-upload' };
  const upload = () =>
    estate.crm.files.upload({
      title: `Telehealth visit ${patient.mrn}`,
      pathOnClient: 'visit.mp4',
      body: new Uint8Array([1, 2, 3, 4, 5]),
      ownerId: estate.content.telehealthUserId,
      linkedRecordId: account.Id as string,
      caller,
    });
  return { estate, events, patient, upload, caller };
}

describe('CRM Files', () => {
  it('files an upload as a ContentDocument with its ContentVersion, queryable by SOQL', () => {
    const { estate, upload, patient, events } = rig();
    const version = upload();
    const { records } = estate.crm.state.query(
      `SELECT Id, Title, ContentSize, Encrypted_At_Rest__c, ContentDocumentId FROM ContentVersion WHERE Id = '${version.Id}'`,
    );
    expect(records[0]).toMatchObject({
      Title: `Telehealth visit ${patient.mrn}`,
      ContentSize: 5,
      Encrypted_At_Rest__c: true,
    });
    const document = estate.crm.state.get('ContentDocument', String(records[0]!.ContentDocumentId));
    expect(document?.LatestPublishedVersionId).toBe(version.Id);
    expect(events.at(-1)).toMatchObject({
      action: 'sf.file.upload',
      patientIds: [patient.id],
      detail: { encrypted: true },
    });
    expect(estate.crm.state.eventLog.at(-1)).toMatchObject({
      eventType: 'ContentTransfer',
      fields: { TRANSACTION_TYPE: 'saveVersion', SIZE_BYTES: '5', FILE_TYPE: 'MP4' },
    });
  });

  it('marks versions saved while file encryption is off', () => {
    const { estate, upload } = rig();
    estate.crm.files.config.encryptFiles = false;
    expect(upload().Encrypted_At_Rest__c).toBe(false);
  });

  it('serves a public link without a session and logs the view and the download without a client IP', async () => {
    const { estate, upload, caller, patient, events } = rig();
    const version = upload();
    const link = estate.crm.files.share(version.Id as string, {
      name: 'For Dr. X',
      userId: estate.content.telehealthUserId,
      caller,
    });
    expect(String(link.DistributionPublicUrl)).toMatch(/\/sfc\/p\/00D\w{12}\/a\/05D\w{12}\/[\w-]{40}$/);
    const page = await estate.fetch(String(link.DistributionPublicUrl), { headers: OUTSIDE });
    expect(page.status).toBe(200);
    const download = await estate.fetch(String(link.ContentDownloadUrl), { headers: OUTSIDE });
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([1, 2, 3, 4, 5]);
    const rows = estate.crm.state.eventLog.slice(-2);
    expect(rows.map((row) => [row.eventType, row.fields.ACTION ?? row.fields.TRANSACTION_TYPE])).toEqual([
      ['ContentDistribution', 'VIEW'],
      ['ContentTransfer', 'VersionDownloadAction'],
    ]);
    expect(rows[1]!.fields.VERSION_ID).toBe((version.Id as string).slice(0, 15));
    expect(rows.every((row) => !('CLIENT_IP' in row.fields))).toBe(true);
    expect(events.at(-1)).toMatchObject({
      action: 'sf.file.download',
      sourceIp: '198.51.100.77',
      actor: { type: 'anonymous' },
      patientIds: [patient.id],
    });
    expect(estate.crm.state.get('ContentDistribution', link.Id as string)?.ViewCount).toBe(1);
  });

  it('answers 404 once the link is revoked or has expired', async () => {
    const { estate, upload, caller } = rig();
    const version = upload();
    const files = estate.crm.files;
    const link = files.share(version.Id as string, {
      name: 'a',
      userId: estate.content.telehealthUserId,
      caller,
    });
    files.revokeLink(link.Id as string, { id: 'responder', type: 'responder' }, caller);
    expect((await estate.fetch(String(link.ContentDownloadUrl), { headers: OUTSIDE })).status).toBe(404);
    const other = files.share(version.Id as string, {
      name: 'b',
      userId: estate.content.telehealthUserId,
      caller,
    });
    Object.assign(estate.crm.state.records.get('ContentDistribution', other.Id as string)!, {
      PreferencesExpires: true,
      ExpiryDate: '2026-03-03T14:00:00.000+0000',
    });
    expect((await estate.fetch(String(other.DistributionPublicUrl), { headers: OUTSIDE })).status).toBe(404);
  });
});
