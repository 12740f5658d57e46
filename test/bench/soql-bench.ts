import { crmFixture } from '../integration/crm-fixture.ts';

export interface SoqlBenchResult {
  population: number;
  /** Microseconds per query. */
  byMrnUs: number;
  byIdsUs: number;
  scanUs: number;
  /** A pull of the first 500 by MRN: every row read and sorted. */
  sortUs: number;
}

/**
 * Cost of SOQL at each population: an equality on MRN and an `Id IN (…)` read their rows from an
 * index, so they cost the same at 1k and 100k accounts; an equality on Phone (no index) scans and
 * grows with the table, for comparison.
 */
export function benchSoql(populations: readonly number[], queries: number): SoqlBenchResult[] {
  return populations.map((population) => {
    const { state } = crmFixture(0);
    const mrns: string[] = [];
    const ids: string[] = [];
    for (let n = 0; n < population; n++) {
      const mrn = `ZZTEST-Q${String(n).padStart(8, '0')}`;
      const record = state.records.insert(
        'Account',
        {
          FirstName: `Pat${n}`,
          LastName: `Zztest${n}`,
          MRN__c: mrn,
          Phone: `555-01${String(n % 100).padStart(2, '0')}`,
        },
        'bench',
      );
      mrns.push(mrn);
      ids.push(String(record.Id));
    }
    const pick = <T>(list: readonly T[], n: number) => list[(n * 7919) % list.length]!;
    const time = (count: number, soql: (n: number) => string) => {
      const began = performance.now();
      for (let n = 0; n < count; n++) state.query(soql(n));
      return ((performance.now() - began) * 1000) / count;
    };
    return {
      population,
      byMrnUs: time(queries, (n) => `SELECT Id, FirstName FROM Account WHERE MRN__c = '${pick(mrns, n)}'`),
      byIdsUs: time(
        queries,
        (n) =>
          `SELECT Id, LastName FROM Account WHERE Id IN ('${pick(ids, n)}', '${pick(ids, n + 1).slice(0, 15)}')`,
      ),
      // A scan's cost is the table's size: a few laps are enough to see it.
      scanUs: time(
        Math.max(3, Math.round(queries / 500)),
        (n) => `SELECT Id FROM Account WHERE Phone = '555-0199' AND LastName = 'Zztest${n}'`,
      ),
      sortUs: time(
        Math.max(3, Math.round(queries / 500)),
        () => 'SELECT Id FROM Account ORDER BY MRN__c LIMIT 500',
      ),
    };
  });
}
