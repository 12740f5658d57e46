import type { FieldDef, ObjectDef } from './schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';

/**
 * Lookups that must not grow with the population: records by an external-id field (MRN, FHIR id),
 * case-insensitively as Salesforce matches them, and records by a lookup field (AccountId, WhatId),
 * on the 15-character id as SOQL compares them. Kept current by the store on every insert and
 * update, the only places those fields change. A record by its 15-character id needs no index: the
 * 18-character form is computed from it (ids.ts).
 */
export class RecordIndex {
  /**
   * field → index key of a value → the id holding it, or the ids when several do. Nearly every
   * key (an MRN, a person account's contact) belongs to one record: a bare id costs no Set.
   */
  readonly #fields = new Map<
    string,
    { key: (value: unknown) => string; byValue: Map<string, string | Set<string>> }
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
    for (const [field, { key, byValue }] of this.#fields) {
      const after = values[field];
      if (after === undefined) continue;
      const before = record[field];
      if (before !== null && before !== undefined) unfile(byValue, key(before), id);
      if (after !== null) file(byValue, key(after), id);
    }
  }

  /** Whether `field` is indexed by value (external ids and lookups; `Id` needs no index). */
  indexes(field: string): boolean {
    return this.#fields.has(field);
  }

  /** Ids whose `field` equals `value` as SOQL compares it; undefined when the field is not indexed. */
  idsWith(field: string, value: string): string[] | undefined {
    const entry = this.#fields.get(field);
    if (!entry) return undefined;
    const held = entry.byValue.get(entry.key(value));
    return held === undefined ? [] : typeof held === 'string' ? [held] : [...held];
  }
}

function file(byValue: Map<string, string | Set<string>>, key: string, id: string): void {
  const held = byValue.get(key);
  if (held === undefined) byValue.set(key, id);
  else if (typeof held === 'string') {
    if (held !== id) byValue.set(key, new Set([held, id]));
  } else held.add(id);
}

function unfile(byValue: Map<string, string | Set<string>>, key: string, id: string): void {
  const held = byValue.get(key);
  if (held === id) byValue.delete(key);
  else if (typeof held === 'object') {
    held.delete(id);
    if (held.size === 1) byValue.set(key, held.values().next().value!);
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
