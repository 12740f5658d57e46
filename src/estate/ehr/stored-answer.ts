import type { FhirMeta, FhirResource } from './fhir-types.ts';

/** What a read answers for one stored version of a resource: its JSON and the headers that follow from it. */
export interface StoredAnswer {
  json: string;
  /** Bytes of `json` in UTF-8, for `content-length`. */
  byteLength: number;
  headers: Readonly<Record<string, string>>;
}

interface Entry {
  meta: FhirMeta;
  answer: StoredAnswer;
}

const answers = new WeakMap<FhirResource, Entry>();

/**
 * The answer to a read of `resource`, serialised once per stored version rather than on every read:
 * for a resource read many times (a chart a busy client polls) the JSON is most of the read's cost.
 * The store never edits a stored version in place: every write files a new object with a new
 * `meta` (version and lastUpdated), so the entry is taken only while `meta` is the very object it
 * was made for. A resource without `meta` (not from the store) is serialised every time.
 */
export function storedAnswer(resource: FhirResource): StoredAnswer {
  const { meta } = resource;
  const entry = meta === undefined ? undefined : answers.get(resource);
  if (entry && entry.meta === meta) return entry.answer;
  const json = JSON.stringify(resource);
  const headers: Record<string, string> = {};
  if (meta?.versionId) headers.etag = `W/"${meta.versionId}"`;
  if (meta?.lastUpdated) headers['last-modified'] = new Date(meta.lastUpdated).toUTCString();
  const answer: StoredAnswer = { json, byteLength: Buffer.byteLength(json), headers };
  if (meta !== undefined) answers.set(resource, { meta, answer });
  return answer;
}
