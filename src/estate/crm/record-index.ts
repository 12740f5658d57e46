import type { FieldDef, ObjectDef } from './schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';

/**
 * Lookups that must not grow with the population: a record by its 15-character id (Salesforce
 * accepts either form), records by an external-id field (MRN, FHIR id), case-insensitively as
 * Salesforce matches them, and records by a lookup field (AccountId, WhatId), on the 15-character id
 * as SOQL compares them. Kept current by the store on every insert and update, the only places those
 * fields change.
 */
export class RecordIndex {
  /** 15-character id → stored 18-character id. */
  readonly #shortIds = new Map<string, string>();
  /** field → index key of a value → ids holding it. */
  readonly #fields = new Map<
    string,
    { key: (value: unknown) => string; byValue: Map<string, Set<string>> }
  >();

  constructor(object: ObjectDef) {
    for (const field of object.fields) {
      const key = keyOf(field);
      if (key) this.#fields.set(field.name, { key, byValue: new Map() });
    }
  }

  /** Call before the record takes `values` (or with an empty record on insert). */
  change(record: SObjectRecord, values: Readonly<Record<string, unknown>>): void {
    const id = String(values.Id ?? record.Id);
    if (values.Id !== undefined) this.#shortIds.set(id.slice(0, 15), id);
    for (const [field, { key, byValue }] of this.#fields) {
      if (!(field in values)) continue;
      const before = record[field];
      if (before !== null && before !== undefined) {
        const ids = byValue.get(key(before));
        ids?.delete(id);
        if (ids?.size === 0) byValue.delete(key(before));
      }
      const after = values[field];
      if (after === null || after === undefined) continue;
      let ids = byValue.get(key(after));
      if (!ids) {
        ids = new Set();
        byValue.set(key(after), ids);
      }
      ids.add(id);
    }
  }

  /** The stored id for a 15-character id. */
  fullId(id15: string): string | undefined {
    return this.#shortIds.get(id15);
  }

  /** Whether `field` is indexed by value (external ids and lookups; `Id` is reached through `fullId`). */
  indexes(field: string): boolean {
    return this.#fields.has(field);
  }

  /** Ids whose `field` equals `value` as SOQL compares it; undefined when the field is not indexed. */
  idsWith(field: string, value: string): string[] | undefined {
    const entry = this.#fields.get(field);
    return entry && [...(entry.byValue.get(entry.key(value)) ?? [])];
  }
}

/** Who wrote a record is on every one of them: an index on it would hold the whole table for nothing. */
const AUDIT_LOOKUPS: ReadonlySet<string> = new Set(['OwnerId', 'CreatedById', 'LastModifiedById']);

function keyOf(field: FieldDef): ((value: unknown) => string) | undefined {
  if (field.externalId) return (value) => String(value).toLowerCase();
  if (field.type === 'reference' && !AUDIT_LOOKUPS.has(field.name))
    return (value) => String(value).slice(0, 15);
  return undefined;
}
