import { type FieldDef, findField, findObject, type ObjectDef } from '../schema.ts';
import { SoqlError } from './lexer.ts';
import type { FieldRef } from './parser.ts';

export type FieldValue = string | number | boolean | null;
export type SObjectRecord = Record<string, FieldValue>;

/** How a query reaches records beyond the ones it runs over: parents by id, children by object. */
export interface RecordResolver {
  byId(id: string): { object: string; record: SObjectRecord } | undefined;
  children(object: string): readonly SObjectRecord[];
}

/** One step up a lookup: the reference field and the objects it may point at. */
export interface Hop {
  field: FieldDef;
  relationshipName: string;
  targets: ObjectDef[];
}

/** A selected or filtered field: on the queried object (`hops` empty) or up a relationship path. */
export interface FieldPath {
  /** Canonical dotted name, as the response keys it (`Account.Name`). */
  name: string;
  hops: Hop[];
  leaf: FieldDef;
}

/** Salesforce allows five levels of parent relationship in one path (SOQL and SOSL Reference, "Relationship Query Limits"). */
const MAX_HOPS = 5;

const unknownRelationship = (segment: string, ref: FieldRef, text: string) =>
  new SoqlError(
    'INVALID_FIELD',
    `Didn't understand relationship '${segment}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    ref.pos,
    text,
  );

/**
 * Binds a field name, plain or dotted, to the object model: each dotted segment but the last names a
 * lookup's `relationshipName`, the last a field on the object it points at. A polymorphic lookup
 * (`What`) binds when any of its targets has the field. Fields the caller may not read fail exactly as
 * missing ones do.
 */
export function bindPath(
  object: ObjectDef,
  ref: FieldRef,
  text: string,
  canRead: (object: ObjectDef, field: FieldDef) => boolean,
): FieldPath {
  const segments = ref.name.split('.');
  const noColumn = (name: string, on: ObjectDef) =>
    new SoqlError('INVALID_FIELD', `No such column '${name}' on entity '${on.name}'.`, ref.pos, text);
  if (segments.length - 1 > MAX_HOPS) {
    throw new SoqlError(
      'MALFORMED_QUERY',
      `${ref.name}: more than ${MAX_HOPS} levels of relationship`,
      ref.pos,
      text,
    );
  }
  let current: ObjectDef[] = [object];
  const hops: Hop[] = [];
  for (const segment of segments.slice(0, -1)) {
    const lower = segment.toLowerCase();
    const field = current
      .flatMap((candidate) => candidate.fields)
      .find((f) => f.relationshipName?.toLowerCase() === lower);
    if (!field) throw unknownRelationship(segment, ref, text);
    const targets = field.referenceTo.flatMap((name) => findObject(name) ?? []);
    if (targets.length === 0) throw unknownRelationship(segment, ref, text);
    hops.push({ field, relationshipName: field.relationshipName!, targets });
    current = targets;
  }
  const last = segments.at(-1)!;
  const owner = current.find((candidate) => {
    const def = findField(candidate, last);
    return def !== undefined && canRead(candidate, def);
  });
  const leaf = owner && findField(owner, last);
  if (!owner || !leaf) throw noColumn(last, current[0]!);
  return { name: [...hops.map((hop) => hop.relationshipName), leaf.name].join('.'), hops, leaf };
}

/** The record a path's last hop lands on, or undefined where a lookup is empty or unresolvable. */
function parentOf(
  record: SObjectRecord,
  hops: readonly Hop[],
  resolver: RecordResolver | undefined,
): SObjectRecord | undefined {
  let current: SObjectRecord | undefined = record;
  for (const hop of hops) {
    const id: FieldValue | undefined = current?.[hop.field.name];
    if (typeof id !== 'string' || !resolver) return undefined;
    current = resolver.byId(id)?.record;
    if (!current) return undefined;
  }
  return current;
}

export function valueAt(
  record: SObjectRecord,
  path: FieldPath,
  resolver: RecordResolver | undefined,
): FieldValue {
  return parentOf(record, path.hops, resolver)?.[path.leaf.name] ?? null;
}
