import { crmFixture } from '../integration/crm-fixture.ts';

export interface CrmLookupResult {
  population: number;
  /** Microseconds per lookup. */
  byShortIdUs: number;
  byExternalIdUs: number;
  upsertUs: number;
}

/**
 * Cost of the CRM's keyed lookups (a record by 15-character id, by external id, an upsert on MRN)
 * at each population; indexed lookups cost the same at 1k and 20k accounts, a scan would not.
 */
export function benchCrmLookups(populations: readonly number[], lookups: number): CrmLookupResult[] {
  return populations.map((population) => {
    const { state } = crmFixture(1);
    for (let n = 0; n < population; n++) {
      state.records.insert(
        'Account',
        {
          IsPersonAccount: true,
          FirstName: `Pat${n}`,
          LastName: `Zztest${n}`,
          MRN__c: `ZZTEST-B${String(n).padStart(8, '0')}`,
          FHIR_Patient_Id__c: `zz-b${String(n).padStart(7, '0')}`,
        },
        'bench',
      );
    }
    const accounts = state.records.list('Account');
    const pick = (n: number) => accounts[(n * 7919) % accounts.length]!;
    const time = (work: (n: number) => void) => {
      const began = performance.now();
      for (let n = 0; n < lookups; n++) work(n);
      return ((performance.now() - began) * 1000) / lookups;
    };
    return {
      population,
      byShortIdUs: time((n) => state.records.byId(String(pick(n).Id).slice(0, 15))),
      byExternalIdUs: time((n) => state.records.matchExternalId('Account', 'MRN__c', String(pick(n).MRN__c))),
      upsertUs: time((n) =>
        state.records.upsert(
          'Account',
          'MRN__c',
          String(pick(n).MRN__c),
          { Phone: `555-01${n % 100}` },
          'bench',
        ),
      ),
    };
  });
}
