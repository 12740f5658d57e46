import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findField, findObject, type ObjectDef } from '../schema.ts';
import { sortRows } from './order.ts';
import type { FieldRef, OrderItem } from './parser.ts';
import type { FieldPath, FieldValue, SObjectRecord } from './paths.ts';
import { compareValues } from './values.ts';

const ACCOUNT = findObject('Account')!;
const EVENT_LOG = findObject('EventLogFile')!;

/** Fields of each ORDER BY type, with values that tie, differ only in case, or are null. */
const FIELDS: Array<{ object: ObjectDef; name: string; values: fc.Arbitrary<FieldValue> }> = [
  { object: ACCOUNT, name: 'MRN__c', values: fc.constantFrom('ZZTEST-1', 'zztest-1', 'ZZTEST-2', 'b', 'B') },
  {
    object: ACCOUNT,
    name: 'PersonBirthdate',
    values: fc.constantFrom('1980-01-02', '1979-12-31', '2001-07-04'),
  },
  {
    object: ACCOUNT,
    name: 'CreatedDate',
    values: fc.constantFrom(
      '2026-03-02T14:00:00.000+0000',
      '2026-03-02T09:00:00.000-0500',
      '2026-03-01T23:59:59.000+0000',
    ),
  },
  {
    object: ACCOUNT,
    name: 'Id',
    values: fc.constantFrom('001Fp00z4BYH001IQD', '001Fp00z4BYH001', '001Fp00z4BYa001AAA'),
  },
  {
    object: ACCOUNT,
    name: 'PersonContactId',
    values: fc.constantFrom('003Fp00wnOIl001IQB', '003Fp00wnOIl001'),
  },
  { object: ACCOUNT, name: 'IsDeleted', values: fc.boolean() },
  { object: EVENT_LOG, name: 'Sequence', values: fc.integer({ min: -3, max: 3 }) },
  { object: EVENT_LOG, name: 'LogFileLength', values: fc.double({ min: -2, max: 2, noNaN: true }) },
];

/** The comparator ORDER BY used before keys were precomputed: the reference the sort must agree with. */
function referenceSort(
  rows: SObjectRecord[],
  items: OrderItem[],
  types: Map<FieldRef, FieldPath>,
): SObjectRecord[] {
  return [...rows].sort((a, b) => {
    for (const item of items) {
      const [x, y] = [a[item.field.name] ?? null, b[item.field.name] ?? null];
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === item.nullsFirst ? -1 : 1;
      }
      const order = compareValues(x, y, types.get(item.field)!.leaf.type);
      if (order !== 0) return item.descending ? -order : order;
    }
    return 0;
  });
}

describe('ORDER BY', () => {
  it('sorts exactly as comparing values pairwise does, ties in the order given, for every field type', () => {
    const item = fc.record({
      field: fc.nat(FIELDS.length - 1),
      descending: fc.boolean(),
      nullsFirst: fc.boolean(),
    });
    const plan = fc.array(item, { minLength: 1, maxLength: 3 }).chain((items) =>
      fc.tuple(
        fc.constant(items),
        fc.array(fc.tuple(...items.map(({ field }) => fc.option(FIELDS[field]!.values, { nil: null }))), {
          maxLength: 25,
        }),
      ),
    );
    fc.assert(
      fc.property(plan, ([items, table]) => {
        const bound = new Map<FieldRef, FieldPath>();
        const orderBy: OrderItem[] = items.map(({ field, descending, nullsFirst }, i) => {
          const spec = FIELDS[field]!;
          const ref: FieldRef = { name: `k${i}`, pos: 0 };
          bound.set(ref, { name: ref.name, hops: [], leaf: findField(spec.object, spec.name)! });
          return { field: ref, descending, nullsFirst };
        });
        const rows = table.map((values, n) =>
          Object.fromEntries([['n', n], ...values.map((v, i) => [`k${i}`, v])]),
        ) as SObjectRecord[];
        const sorted = sortRows(rows, orderBy, bound, (record, ref) => record[ref.name] ?? null);
        expect(sorted.map((r) => r.n)).toEqual(referenceSort(rows, orderBy, bound).map((r) => r.n));
      }),
      { numRuns: 300 },
    );
  });
});
