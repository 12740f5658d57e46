import { describe, expect, it } from 'vitest';
import { crmFixture } from '../integration/crm-fixture.ts';

const person = (mrn: string, lastName: string) => ({
  IsPersonAccount: true,
  FirstName: 'Ada',
  LastName: lastName,
  MRN__c: mrn,
});

describe('indexed CRM lookups', () => {
  it('finds by external id case-insensitively, follows updates, and forgets deleted records', () => {
    const { state } = crmFixture(3);
    const { record, created } = state.upsert(
      'Account',
      'MRN__c',
      'ZZTEST-90000001',
      person('ZZTEST-90000001', 'One'),
    );
    expect(created).toBe(true);
    expect(state.upsert('Account', 'MRN__c', 'zztest-90000001', { LastName: 'Uno' }).created).toBe(false);
    expect(
      state.records.matchExternalId('Account', 'MRN__c', 'ZZTEST-90000001').matches.map((r) => r.LastName),
    ).toEqual(['Uno']);

    state.records.update('Account', record.Id as string, { MRN__c: 'ZZTEST-90000002' }, 'x');
    expect(state.records.matchExternalId('Account', 'MRN__c', 'ZZTEST-90000001').matches).toEqual([]);
    expect(state.records.matchExternalId('Account', 'MRN__c', 'ZZTEST-90000002').matches).toHaveLength(1);

    state.records.delete('Account', record.Id as string);
    expect(state.records.matchExternalId('Account', 'MRN__c', 'ZZTEST-90000002').matches).toEqual([]);
    expect(
      state.upsert('Account', 'MRN__c', 'ZZTEST-90000002', person('ZZTEST-90000002', 'Two')).created,
    ).toBe(true);
  });

  it('refuses an ambiguous external id and finds a record by its 15-character id', () => {
    const { state } = crmFixture(1);
    const a = state.records.insert('Account', person('ZZTEST-90000003', 'A'), 'x');
    state.records.insert('Account', person('zztest-90000003', 'B'), 'x');
    expect(() => state.upsert('Account', 'MRN__c', 'ZZTEST-90000003', { LastName: 'C' })).toThrow(
      /More than one/,
    );
    const id = a.Id as string;
    expect(state.records.get('Account', id.slice(0, 15))?.Id).toBe(id);
    expect(state.records.byId(id.slice(0, 15))?.record.Id).toBe(id);
    expect(state.records.get('Account', `${id.slice(0, 15)}ZZZ`)).toBeUndefined();
    expect(state.records.matchExternalId('Account', 'Id', id.slice(0, 15)).matches.map((r) => r.Id)).toEqual([
      id,
    ]);
  });
});
