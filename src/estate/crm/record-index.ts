import type { ObjectDef } from './schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';

/**
 * Lookups that must not grow with the population: a record by its 15-character id (Salesforce
 * accepts either form), and records by an external-id field (MRN, FHIR id), case-insensitively as
 * Salesforce matches them. Kept current by the store on every insert and update, the only places
 * those fields change.
 */
export class RecordIndex {
  /** 15-character id → stored 18-character id. */
  readonly #shortIds = new Map<string, string>();
  /** field → lower-cased value → ids holding it. */
  readonly #external = new Map<string, Map<string, Set<string>>>();

  constructor(object: ObjectDef) {
    for (const field of object.fields) if (field.externalId) this.#external.set(field.name, new Map());
  }

  /** Call before the record takes `values` (or with an empty record on insert). */
  change(record: SObjectRecord, values: Readonly<Record<string, unknown>>): void {
    const id = String(values.Id ?? record.Id);
    if (values.Id !== undefined) this.#shortIds.set(id.slice(0, 15), id);
    for (const [field, byValue] of this.#external) {
      if (!(field in values)) continue;
      const before = record[field];
      if (before !== null && before !== undefined) byValue.get(String(before).toLowerCase())?.delete(id);
      const after = values[field];
      if (after === null || after === undefined) continue;
      const key = String(after).toLowerCase();
      let ids = byValue.get(key);
      if (!ids) {
        ids = new Set();
        byValue.set(key, ids);
      }
      ids.add(id);
    }
  }

  /** The stored id for a 15-character id. */
  fullId(id15: string): string | undefined {
    return this.#shortIds.get(id15);
  }

  /** Ids whose external-id `field` equals `value`; undefined when the field is not indexed. */
  withExternalId(field: string, value: string): string[] | undefined {
    const byValue = this.#external.get(field);
    return byValue && [...(byValue.get(value.toLowerCase()) ?? [])];
  }
}
