import { SfError } from './errors.ts';
import { type FieldDef, findField, type ObjectDef } from './schema.ts';
import type { FieldValue, SObjectRecord } from './soql/evaluate.ts';

const IGNORED_KEYS = new Set(['attributes', 'id']);
/** The lengths of the ignored keys: any other key skips the lower-casing the check needs. */
const IGNORED_LENGTHS = new Set([...IGNORED_KEYS].map((key) => key.length));

/** A write's fields under their declared names, each createable (or updateable) and of its type. */
export function validated(
  object: ObjectDef,
  fields: Record<string, unknown>,
  mode: 'create' | 'update',
): SObjectRecord {
  const values = canonicalKeys(object, fields);
  const locked: string[] = [];
  for (const name in values) {
    const def = findField(object, name)!;
    if (mode === 'create' ? !def.createable : !def.updateable) locked.push(name);
  }
  if (locked.length > 0) {
    throw new SfError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to ${mode} fields: ${locked.join(', ')}. Please check the security settings of this field.`,
      locked,
    );
  }
  for (const name in values) checkValue(findField(object, name)!, values[name]!);
  return values;
}

/** A new record's every field: the validated values, its id, and the system fields of its creation. */
export function newRecord(
  object: ObjectDef,
  values: SObjectRecord,
  id: string,
  stamp: string,
  actorId: string,
): SObjectRecord {
  const record: SObjectRecord = { ...blankRecord(object) };
  Object.assign(record, values, {
    Id: id,
    IsDeleted: false,
    OwnerId: values.OwnerId ?? actorId,
    CreatedDate: stamp,
    CreatedById: actorId,
    LastModifiedDate: stamp,
    LastModifiedById: actorId,
    SystemModstamp: stamp,
  });
  if (object.name === 'Account') completeAccount(record);
  const missing = object.required.filter((name) => record[name] === null || record[name] === '');
  if (missing.length > 0) {
    throw new SfError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    );
  }
  return record;
}

const BLANKS = new WeakMap<ObjectDef, Readonly<SObjectRecord>>();

/** Every field of the object, null: a new record's starting point, built once per object. */
export function blankRecord(object: ObjectDef): Readonly<SObjectRecord> {
  let blank = BLANKS.get(object);
  if (!blank) {
    blank = Object.freeze(Object.fromEntries(object.fields.map((f) => [f.name, null])));
    BLANKS.set(object, blank);
  }
  return blank;
}

export function canonicalKeys(object: ObjectDef, fields: Record<string, unknown>): SObjectRecord {
  const out: SObjectRecord = {};
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const def = fieldOf(object, key);
    if (def) out[def.name] = fields[key] as FieldValue;
  }
  return out;
}

/** The field a written key names; undefined for keys a client may send that are not written; INVALID_FIELD for the rest. */
function fieldOf(object: ObjectDef, key: string): FieldDef | undefined {
  if (IGNORED_LENGTHS.has(key.length) && IGNORED_KEYS.has(key.toLowerCase())) return undefined;
  const def = findField(object, key);
  if (def) return def;
  throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, [key]);
}

function checkValue(def: FieldDef, value: FieldValue): void {
  if (value === null) return;
  const expected =
    def.type === 'boolean' ? 'boolean' : def.type === 'int' || def.type === 'double' ? 'number' : 'string';
  if (typeof value !== expected) {
    throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize value for field ${def.name}`, [def.name]);
  }
  if (typeof value === 'string' && def.length > 0 && value.length > def.length) {
    throw new SfError(
      400,
      'STRING_TOO_LONG',
      `${def.label}: data value too large (max length=${def.length})`,
      [def.name],
    );
  }
}

/** A Person Account is an Account written with LastName; its Name is derived as Salesforce does. */
export function completeAccount(record: SObjectRecord): void {
  if (record.IsPersonAccount === true && !record.LastName) {
    throw new SfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName']);
  }
  if (record.LastName) {
    record.IsPersonAccount = true;
    record.Name = [record.FirstName, record.LastName].filter(Boolean).join(' ');
  } else {
    record.IsPersonAccount = false;
    if (!record.Name)
      throw new SfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', ['Name']);
  }
}

export function sameValue(stored: FieldValue, value: string, def: FieldDef): boolean {
  if (stored === null) return false;
  if (def.type === 'id') return String(stored).slice(0, 15) === value.slice(0, 15);
  return String(stored).toLowerCase() === value.toLowerCase();
}
