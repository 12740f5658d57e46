import type { FieldType } from '../schema.ts';
import type { FieldRef, OrderItem } from './parser.ts';
import type { FieldPath, FieldValue, SObjectRecord } from './paths.ts';
import { compareValues, toEpoch } from './values.ts';

/** A value as ORDER BY compares it: epoch ms for dates, the 15-character id for ids, lower-cased text otherwise. */
function normalised(raw: FieldValue, type: FieldType): number | string {
  if (raw === null) return '';
  if (type === 'date' || type === 'datetime') return toEpoch(raw, type);
  if (type === 'id' || type === 'reference') return String(raw).slice(0, 15);
  return String(raw).toLowerCase();
}

/** `compareValues` on values `normalised` beforehand: the same order, without re-reading or re-casing them. */
function compareNormalised(
  a: FieldValue,
  b: FieldValue,
  x: number | string,
  y: number | string,
  type: FieldType,
): number {
  if (type === 'date' || type === 'datetime') return Math.sign((x as number) - (y as number));
  if (typeof a === 'boolean' || typeof b === 'boolean') return compareValues(a, b, type);
  if (type === 'id' || type === 'reference' || typeof a === 'string' || typeof b === 'string')
    return x < y ? -1 : x > y ? 1 : 0;
  return compareValues(a, b, type);
}

/**
 * Rows in ORDER BY order, nulls first or last per item, ties kept in the order given (the sort is
 * stable, as Salesforce's order among equal keys is the store's). Each row's values are read and
 * normalised once, into flat arrays: a sort compares each row about log₂(n) times, and reading a
 * date or a relationship path, or lower-casing text, is not free.
 */
export function sortRows(
  rows: readonly SObjectRecord[],
  orderBy: readonly OrderItem[],
  bound: ReadonlyMap<FieldRef, FieldPath>,
  value: (record: SObjectRecord, ref: FieldRef) => FieldValue,
): SObjectRecord[] {
  const width = orderBy.length;
  const types = orderBy.map((item) => bound.get(item.field)!.leaf.type);
  const raws: FieldValue[] = new Array(rows.length * width);
  const norms: Array<number | string> = new Array(rows.length * width);
  rows.forEach((record, row) => {
    for (let i = 0; i < width; i++) {
      const raw = value(record, orderBy[i]!.field);
      raws[row * width + i] = raw;
      norms[row * width + i] = normalised(raw, types[i]!);
    }
  });
  const order = Array.from(rows, (_, row) => row);
  order.sort((a, b) => {
    for (let i = 0; i < width; i++) {
      const item = orderBy[i]!;
      const [x, y] = [raws[a * width + i]!, raws[b * width + i]!];
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === item.nullsFirst ? -1 : 1;
      }
      const compared = compareNormalised(x, y, norms[a * width + i]!, norms[b * width + i]!, types[i]!);
      if (compared !== 0) return item.descending ? -compared : compared;
    }
    return 0;
  });
  return order.map((row) => rows[row]!);
}
