import { describe, expect, it } from 'vitest';
import { assessBreach } from '../../src/breach/assess.ts';
import type { IncidentFacts } from '../../src/breach/types.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { encryptionStatusMonitor, inspectCopy } from '../../src/controls/encryption-status-monitor.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { BACKUP_BUCKET, BACKUP_HOST } from '../../src/estate/content-seed.ts';
import { CRM_COPY_PREFIX, writeCrmCopy } from '../../src/estate/crm-storage-copy.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { encryptionDisabled } from '../../src/inject/encryption-disabled.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { injectContext } from '../support/observed-estate.ts';

const OUTSIDE = '203.0.113.77';
const ADMIN = { actor: { id: 'crm-admin', type: 'admin' as const } };

/** `watch` is what telemetry reaches the monitor at once; in a run, delivery latency lets a copy slip in first. */
function rig(watch: 'all' | 'storage' | 'none' = 'all') {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 20 });
  const signals: SignalInput[] = [];
  const monitor = encryptionStatusMonitor.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => {
    if (watch === 'all' || (watch === 'storage' && event.system === 'storage')) monitor.onEvent!(event);
  });
  const backupKey = estate.credentials.storage.backup.accessKey;
  const accounts = estate.crm.state.records
    .list('Account')
    .slice(0, 5)
    .map((a) => a.Id as string);
  const copy = (key: string) =>
    writeCrmCopy(estate, {
      key,
      accountIds: accounts,
      accessKey: backupKey,
      headers: { 'x-forwarded-for': BACKUP_HOST },
    });
  const read = (key: string, from: string) =>
    estate.fetch(`/storage/${BACKUP_BUCKET}/${CRM_COPY_PREFIX}${key}`, {
      headers: { authorization: `Bearer ${backupKey}`, 'x-forwarded-for': from },
    });
  const body = (key: string) =>
    new TextDecoder().decode(estate.storage.state.object(BACKUP_BUCKET, `${CRM_COPY_PREFIX}${key}`)!.body);
  return { estate, monitor, signals, copy, read, body };
}

/** The facts of an outside party taking a copy, with encryption as the copy itself shows it. */
function factsFromCopy(body: string, keyCompromised: boolean): IncidentFacts {
  return {
    discoveredAt: '2026-03-03T10:00-05:00',
    phiTypes: ['name', 'ssn', 'diagnosis'],
    individualsByState: { NY: 5 },
    recipient: 'unknown-outside-party',
    acquiredOrViewed: true,
    encrypted: inspectCopy(body).plaintext.length === 0,
    keyCompromised,
    destroyed: false,
    mitigation: [],
    contactInfoMissing: 0,
    urgent: false,
  };
}

describe('encryption-status-monitor', () => {
  it('stays silent on the backup service copying and reading back encrypted copies, and on an intact policy', async () => {
    const { monitor, signals, copy, read, body } = rig();
    expect(await copy('nightly/a.ndjson')).toBe(200);
    expect((await read('nightly/a.ndjson', BACKUP_HOST)).status).toBe(200);
    monitor.onScan!();
    expect(signals).toEqual([]);
    expect(inspectCopy(body('nightly/a.ndjson')).plaintext).toEqual([]);
  });

  it('raises on a Setup Audit Trail change disabling encryption and puts the field back under it', () => {
    const { estate, signals } = rig();
    estate.crm.encryption.setField('Account', 'SSN__c', false, ADMIN);
    expect(signals).toMatchObject([{ rule: 'encryption-disabled', severity: 'high' }]);
    expect(estate.crm.encryption.isEncrypted('Account', 'SSN__c')).toBe(true);
  });

  it('finds a PHI field outside the policy on its scan even with no audit-trail change to see', () => {
    const { estate, monitor, signals } = rig();
    // Events are not delivered here: only the scan of the policy's state can notice.
    const quiet = createEstate({
      clock: estate.clock,
      bus: new TelemetryBus(estate.clock),
      seed: 6,
      patients: 2,
    });
    const scanned: SignalInput[] = [];
    const scanner = encryptionStatusMonitor.start!({
      estate: quiet,
      clock: quiet.clock,
      raise: (s) => scanned.push(s),
    });
    quiet.crm.encryption.setField('Account', 'Primary_Diagnosis__c', false, ADMIN);
    scanner.onScan!();
    expect(scanned).toMatchObject([{ rule: 'phi-field-unencrypted', severity: 'medium' }]);
    expect(quiet.crm.encryption.isEncrypted('Account', 'Primary_Diagnosis__c')).toBe(true);
    monitor.onScan!();
    expect(signals).toEqual([]);
  });

  it('finds files and attachments saved unencrypted, on the audit-trail change at once and on its scan otherwise', () => {
    const watched = rig();
    watched.estate.crm.encryption.setFiles(false, ADMIN);
    expect(watched.signals).toMatchObject([{ rule: 'encryption-disabled', severity: 'high' }]);
    expect(watched.estate.crm.encryption.filesEncrypted).toBe(true);
    const blind = rig('none');
    blind.estate.crm.files.config.encryptFiles = false;
    blind.monitor.onScan!();
    blind.monitor.onScan!();
    expect(blind.signals).toMatchObject([{ rule: 'files-unencrypted', severity: 'medium' }]);
    expect(blind.estate.crm.encryption.filesEncrypted).toBe(true);
  });

  it('reports an outside read of a copy by what it holds: plaintext PHI is critical and names the patients', async () => {
    const { estate, signals, copy, read } = rig('storage');
    await copy('sealed.ndjson');
    await read('sealed.ndjson', OUTSIDE);
    expect(signals).toMatchObject([{ rule: 'encrypted-copy-read', severity: 'medium' }]);
    estate.crm.encryption.setField('Account', 'LastName', false, ADMIN);
    await copy('open.ndjson');
    await read('open.ndjson', BACKUP_HOST);
    expect(signals).toHaveLength(1);
    await read('open.ndjson', OUTSIDE);
    expect(signals.at(-1)).toMatchObject({ rule: 'plaintext-copy-read', severity: 'critical' });
    expect(signals.at(-1)!.patientIds).toHaveLength(5);
  });
});

describe('the breach assessment follows the encryption status the copy really has', () => {
  const take = async (disable: string[]) => {
    const { estate, body } = rig('none');
    const applied = await encryptionDisabled.apply(
      injectContext(estate, estate.clock, { injectId: 'leak', correlationId: 'drill-1' }),
      encryptionDisabled.params.parse({ disable, patients: 5 }),
    );
    const day = new Date(estate.clock.now()).toISOString().slice(0, 10);
    return { estate, applied, copy: body(`migration/${day}/accounts.ndjson`) };
  };

  it('is secured PHI, with no notice, when the policy was intact and the key safe', async () => {
    const { copy, applied } = await take([]);
    expect(applied.probes['encryption-restored']!()).toBe(true);
    expect(assessBreach(factsFromCopy(copy, false))).toMatchObject({
      outcome: 'secured-phi',
      notifiable: false,
    });
  });

  it('is notifiable when the same copy was taken with encryption switched off', async () => {
    const { copy, applied, estate } = await take(['Account.LastName', 'Account.SSN__c']);
    expect(inspectCopy(copy).plaintext).toEqual(['Account.LastName', 'Account.SSN__c']);
    expect(assessBreach(factsFromCopy(copy, false)).notifiable).toBe(true);
    expect(applied.probes['encryption-restored']!()).toBe(false);
    await applied.revert();
    expect(estate.crm.encryption.isEncrypted('Account', 'SSN__c')).toBe(true);
  });

  it('is notifiable for an encrypted copy once the key is compromised', async () => {
    const { copy } = await take([]);
    expect(assessBreach(factsFromCopy(copy, true)).notifiable).toBe(true);
  });

  it('rejects fields outside the policy and unknown params', () => {
    expect(encryptionDisabled.params.safeParse({ disable: ['Account.Name'] }).success).toBe(false);
    expect(encryptionDisabled.params.safeParse({ copies: 2 }).success).toBe(false);
  });
});
