import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstateContext } from '../../src/estate/context.ts';
import { createCrm } from '../../src/estate/crm/index.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { accountFields, patientAccountLoad } from '../../src/estate/patient-accounts.ts';
import { patientAt } from '../../src/synth/population.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { FRONT_DESK_USER } from '../integration/crm-fixture.ts';

const START = Date.parse('2026-03-02T14:00:00Z');
const PATIENTS = 40;

const accountAt = (index: number) => accountFields(patientAt(3, index));

function org() {
  const clock = new VirtualClock(START);
  return { clock, crm: createCrm(createEstateContext(clock, new TelemetryBus(clock), 3)) };
}

/** The same patients loaded (made on first touch) and inserted one by one (made at once). */
function loadedAndInserted() {
  const loaded = org();
  loaded.crm.state.loadAccounts(
    patientAccountLoad({ count: PATIENTS, patient: (index) => patientAt(3, index) }),
  );
  const inserted = org();
  for (let index = 0; index < PATIENTS; index += 1) inserted.crm.state.insert('Account', accountAt(index));
  // Both orgs go on past the load: what happens later must not see a difference.
  void loaded.clock.sleepUntil(START + 60_000);
  void inserted.clock.sleepUntil(START + 60_000);
  return { loaded: loaded.crm.state, inserted: inserted.crm.state };
}

describe('an org loaded with its patients', () => {
  it('makes nothing until a read reaches an account, then exactly the accounts reached', () => {
    const { loaded, inserted } = loadedAndInserted();
    expect(loaded.records.loadStats()).toEqual({ loaded: PATIENTS, made: 0 });
    const seventh = inserted.records.list('Account')[7]!;
    expect(loaded.records.get('Account', seventh.Id as string)).toEqual(seventh);
    expect(loaded.records.get('Contact', (seventh.PersonContactId as string).slice(0, 15))?.AccountId).toBe(
      seventh.Id,
    );
    const mrn = String(inserted.records.list('Account')[12]!.MRN__c);
    expect(loaded.records.matchExternalId('Account', 'MRN__c', mrn.toLowerCase()).matches).toHaveLength(1);
    expect(loaded.records.loadStats()).toEqual({ loaded: PATIENTS, made: 2 });
    expect(loaded.records.liveIds('Account')).toEqual(inserted.records.liveIds('Account'));
    expect(loaded.records.loadStats()?.made).toBe(2);
  });

  it('holds, record for record and in the same order, what inserting each account would have', () => {
    const { loaded, inserted } = loadedAndInserted();
    for (const state of [loaded, inserted]) state.insert('Account', { Name: 'Clinic Supplies Inc' });
    for (const object of ['Account', 'Contact'] as const)
      expect(loaded.records.list(object)).toEqual(inserted.records.list(object));
    expect(loaded.records.loadStats()?.made).toBe(PATIENTS);
  });

  it('answers lookups through the index once an account is changed or deleted', () => {
    const { loaded, inserted } = loadedAndInserted();
    const accounts = inserted.records.list('Account');
    const [first, second] = [accounts[0]!, accounts[1]!];
    loaded.records.update('Account', first.Id as string, { MRN__c: 'ZZTEST-99999999' }, 'someone');
    expect(loaded.records.matchExternalId('Account', 'MRN__c', String(first.MRN__c)).matches).toEqual([]);
    expect(loaded.records.lookup('Account', 'MRN__c', ['ZZTEST-99999999'])?.map((r) => r.Id)).toEqual([
      first.Id,
    ]);
    loaded.records.delete('Account', second.Id as string);
    expect(loaded.records.get('Account', second.Id as string)).toBeUndefined();
    expect(loaded.records.get('Contact', second.PersonContactId as string)).toBeUndefined();
    expect(loaded.records.liveIds('Account')).not.toContain(second.Id);
    expect(loaded.records.list('Account').map((r) => r.Id)).not.toContain(second.Id);
    expect(loaded.records.lookup('Contact', 'AccountId', [first.Id as string])?.map((r) => r.Id)).toEqual([
      first.PersonContactId,
    ]);
  });

  it('lets the sharing rule reach loaded accounts only, and a scan reach them all', () => {
    const { loaded } = loadedAndInserted();
    const desk = loaded.addUser(FRONT_DESK_USER);
    const other = loaded.insert('Account', { Name: 'Clinic Supplies Inc' });
    const patient = loaded.records.list('Account')[0]!;
    expect(loaded.canRead(desk, patient)).toBe(false);
    loaded.shareLoadedAccounts(desk.id);
    expect(loaded.canRead(desk, patient)).toBe(true);
    expect(loaded.canEdit(desk, patient)).toBe(true);
    expect(loaded.canRead(desk, other)).toBe(false);
    expect(loaded.query('SELECT COUNT() FROM Account').totalSize).toBe(PATIENTS + 1);
  });

  it('is how an estate seeds its CRM: a patient is found by MRN and FHIR id in any case, nothing else made', () => {
    const clock = new VirtualClock(START);
    const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 5, patients: 300 });
    const patient = estate.population.patient(123);
    const records = estate.crm.state.records;
    expect(records.loadStats()).toEqual({ loaded: 300, made: 0 });
    const byMrn = records.matchExternalId('Account', 'MRN__c', patient.mrn.toLowerCase()).matches;
    const byFhirId = records.lookup('Account', 'FHIR_Patient_Id__c', [patient.id.toUpperCase()]);
    expect(byMrn.map((r) => r.FHIR_Patient_Id__c)).toEqual([patient.id]);
    expect(byFhirId?.map((r) => r.Id)).toEqual(byMrn.map((r) => r.Id));
    expect(records.lookup('Account', 'RecordTypeId', ['012000000000000AAA'])).toEqual([]);
    expect(records.loadStats()).toEqual({ loaded: 300, made: 1 });
  });

  it('answers a limited sort on the load time or an MRN from the first accounts, as a scan would', () => {
    const { loaded, inserted } = loadedAndInserted();
    const ids = inserted.records.liveIds('Account');
    // The same changes in both orgs, a minute after the load: some accounts move to either end.
    for (const state of [loaded, inserted]) {
      state.update('Account', ids[30]!, { MRN__c: 'ZZTEST-00000000A' });
      for (const [at, mrn] of [
        [2, 'ZZTEST-99999997'],
        [3, 'ZZTEST-99999998'],
        [5, 'ZZTEST-99999999'],
      ] as const)
        state.update('Account', ids[at]!, { MRN__c: mrn });
      state.update('Account', ids[17]!, { PersonMailingCity: 'Springfield' });
      state.records.delete('Account', ids[1]!);
    }
    const queries = [
      'SELECT Id, MRN__c FROM Account ORDER BY LastModifiedDate DESC LIMIT 5',
      'SELECT Id FROM Account ORDER BY CreatedDate LIMIT 4',
      'SELECT Id, MRN__c FROM Account ORDER BY MRN__c LIMIT 7 OFFSET 3',
      'SELECT Id, FHIR_Patient_Id__c FROM Account ORDER BY FHIR_Patient_Id__c ASC LIMIT 6',
      'SELECT Id FROM Contact ORDER BY SystemModstamp DESC LIMIT 3',
    ];
    for (const soql of queries) expect(loaded.query(soql), soql).toEqual(inserted.query(soql));
    const made = loaded.records.loadStats()!.made;
    expect(made).toBeLessThan(PATIENTS / 2);
    // A descending MRN sort starts at the last account: only a scan answers it, and it still agrees.
    const descending = 'SELECT Id, MRN__c FROM Account ORDER BY MRN__c DESC LIMIT 3';
    expect(loaded.query(descending)).toEqual(inserted.query(descending));
    expect(loaded.records.loadStats()!.made).toBe(PATIENTS);
  });
});
