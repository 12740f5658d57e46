import type { SObjectRecord } from './soql/evaluate.ts';

/** A record as the REST API returns it: `attributes` first, then the requested fields in order. */
export function apiRecord(
  type: string,
  record: SObjectRecord,
  fields: readonly string[],
  version: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type, url: `/services/data/v${version}/sobjects/${type}/${String(record.Id)}` },
  };
  for (const field of fields) out[field] = record[field] ?? null;
  return out;
}
