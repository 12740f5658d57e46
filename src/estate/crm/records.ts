import { SfError } from './errors.ts';
import type { KeyPrefixName } from './ids.ts';
import { personContactValues } from './person-contact.ts';
import { RecordIndex } from './record-index.ts';
import { type FieldDef, findField, findObject, type ObjectDef, type StoredObjectName } from './schema.ts';
import type { FieldValue, SObjectRecord } from './soql/evaluate.ts';
import { sfDateTime } from './time-format.ts';

export interface WriteFault {
  /** Writes that still succeed after the fault is set; every later write fails. */
  failWritesAfter: number;
  status?: number;
  errorCode?: string;
}

export interface FaultSwitch {
  set(fault: WriteFault): void;
  clear(): void;
}

const STORED: readonly StoredObjectName[] = [
  'Account',
  'Contact',
  'Case',
  'Task',
  'User',
  'ContentDocument',
  'ContentVersion',
  'ContentDistribution',
  'Lead',
];
const IGNORED_KEYS = new Set(['attributes', 'id']);

export function storedObject(name: string): ObjectDef & { name: StoredObjectName } {
  const def = findObject(name);
  if (!def || !STORED.includes(def.name as StoredObjectName)) {
    throw new SfError(404, 'NOT_FOUND', `The requested resource does not exist: sObject type '${name}'`);
  }
  return def as ObjectDef & { name: StoredObjectName };
}

/** The org's records: validated writes with system fields, soft delete, and a switchable write fault. */
export class RecordStore {
  readonly #records = new Map<StoredObjectName, Map<string, SObjectRecord>>(
    STORED.map((n) => [n, new Map()]),
  );
  readonly #indexes = new Map<StoredObjectName, RecordIndex>(
    STORED.map((n) => [n, new RecordIndex(storedObject(n))]),
  );
  #fault: WriteFault | undefined;
  #writesSinceFault = 0;

  readonly faults: FaultSwitch = {
    set: (fault) => {
      this.#fault = fault;
      this.#writesSinceFault = 0;
    },
    clear: () => {
      this.#fault = undefined;
    },
  };

  constructor(
    private readonly mintId: (name: KeyPrefixName) => string,
    private readonly now: () => number,
  ) {}

  insert(objectName: string, fields: Record<string, unknown>, actorId: string): SObjectRecord {
    const object = storedObject(objectName);
    const values = this.#validate(object, fields, 'create');
    const id = this.mintId(object.name);
    const stamp = sfDateTime(this.now());
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
    this.#countWrite();
    this.#indexes.get(object.name)!.change({}, record);
    this.#records.get(object.name)!.set(id, record);
    if (object.name === 'Account') this.#syncPersonContact(record, actorId);
    return record;
  }

  update(objectName: string, id: string, fields: Record<string, unknown>, actorId: string): SObjectRecord {
    const object = storedObject(objectName);
    const record = this.get(object.name, id);
    if (!record) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const values = this.#validate(object, fields, 'update');
    this.#countWrite();
    const stamp = sfDateTime(this.now());
    this.#indexes.get(object.name)!.change(record, values);
    Object.assign(record, values, {
      LastModifiedDate: stamp,
      LastModifiedById: actorId,
      SystemModstamp: stamp,
    });
    if (object.name === 'Account' && record.IsPersonAccount) completeAccount(record);
    if (object.name === 'Account') this.#syncPersonContact(record, actorId);
    return record;
  }

  /** Insert-or-update keyed on an external-id field; `created` tells which happened. */
  upsert(
    objectName: string,
    externalField: string,
    value: string,
    fields: Record<string, unknown>,
    actorId: string,
  ): { record: SObjectRecord; created: boolean } {
    const object = storedObject(objectName);
    const { def, matches } = this.matchExternalId(object.name, externalField, value);
    if (matches.length > 1) {
      throw new SfError(
        300,
        'MULTIPLE_CHOICES',
        `More than one record found for external id field ${def.name}`,
      );
    }
    const { [def.name]: _ignored, ...rest } = canonicalKeys(object, fields);
    if (matches[0])
      return { record: this.update(object.name, matches[0].Id as string, rest, actorId), created: false };
    return { record: this.insert(object.name, { ...rest, [def.name]: value }, actorId), created: true };
  }

  /** Live records whose external-id field equals `value`; unknown or non-external fields are NOT_FOUND. */
  matchExternalId(
    objectName: string,
    field: string,
    value: string,
  ): { def: FieldDef; matches: SObjectRecord[] } {
    const object = storedObject(objectName);
    const def = findField(object, field);
    if (!def || !(def.externalId || def.name === 'Id')) {
      throw new SfError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${field}`,
      );
    }
    if (def.type === 'id') {
      const record = this.get(object.name, value);
      return { def, matches: record ? [record] : [] };
    }
    const table = this.#records.get(object.name)!;
    const ids = this.#indexes.get(object.name)!.idsWith(def.name, value) ?? [];
    const matches = ids
      .map((id) => table.get(id))
      .filter(
        (r): r is SObjectRecord =>
          r !== undefined && !r.IsDeleted && sameValue(r[def.name] ?? null, value, def),
      );
    return { def, matches };
  }

  delete(objectName: string, id: string): void {
    const record = this.get(storedObject(objectName).name, id);
    if (!record) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    record.IsDeleted = true;
    const contact =
      typeof record.PersonContactId === 'string' ? this.get('Contact', record.PersonContactId) : undefined;
    if (contact) contact.IsDeleted = true;
  }

  get(objectName: StoredObjectName, id: string, includeDeleted = false): SObjectRecord | undefined {
    const table = this.#records.get(objectName)!;
    const full = id.length === 15 ? this.#indexes.get(objectName)!.fullId(id) : undefined;
    const record = table.get(id) ?? (full === undefined ? undefined : table.get(full));
    return record && (includeDeleted || !record.IsDeleted) ? record : undefined;
  }

  list(objectName: StoredObjectName, includeDeleted = false): SObjectRecord[] {
    return [...this.#records.get(objectName)!.values()].filter((r) => includeDeleted || !r.IsDeleted);
  }

  /**
   * Records whose `field` equals one of `values` as SOQL's `=` compares them, in the order `list`
   * gives (ids are minted in insertion order, so id order is that order); undefined when the field
   * has no index and the caller must scan.
   */
  lookup(
    objectName: StoredObjectName,
    field: string,
    values: readonly string[],
    includeDeleted = false,
  ): SObjectRecord[] | undefined {
    const table = this.#records.get(objectName)!;
    const index = this.#indexes.get(objectName)!;
    const ids = new Set<string>();
    if (field === 'Id') {
      for (const value of values) {
        const full = index.fullId(value.slice(0, 15));
        if (full !== undefined) ids.add(full);
      }
    } else {
      if (!index.indexes(field)) return undefined;
      for (const value of values) for (const id of index.idsWith(field, value)!) ids.add(id);
    }
    return [...ids]
      .sort()
      .map((id) => table.get(id)!)
      .filter((record) => includeDeleted || !record.IsDeleted);
  }

  /** Finds a record of any stored type by id (the key prefix names the type). */
  byId(id: string): { object: StoredObjectName; record: SObjectRecord } | undefined {
    for (const name of STORED) {
      const record = this.get(name, id);
      if (record) return { object: name, record };
    }
    return undefined;
  }

  /** Creates or refreshes the Contact behind a person account; the org's own write, so no fault applies. */
  #syncPersonContact(account: SObjectRecord, actorId: string): void {
    if (account.IsPersonAccount !== true) return;
    const values = personContactValues(account);
    const existing =
      typeof account.PersonContactId === 'string' ? this.get('Contact', account.PersonContactId) : undefined;
    if (existing) {
      this.#indexes.get('Contact')!.change(existing, values);
      Object.assign(existing, values, {
        LastModifiedDate: account.LastModifiedDate,
        LastModifiedById: actorId,
        SystemModstamp: account.SystemModstamp,
      });
      return;
    }
    const contact: SObjectRecord = { ...blankRecord(storedObject('Contact')) };
    Object.assign(contact, values, {
      Id: this.mintId('Contact'),
      CreatedDate: account.CreatedDate,
      CreatedById: actorId,
      LastModifiedDate: account.LastModifiedDate,
      LastModifiedById: actorId,
      SystemModstamp: account.SystemModstamp,
    });
    this.#indexes.get('Contact')!.change({}, contact);
    this.#records.get('Contact')!.set(contact.Id as string, contact);
    this.#indexes.get('Account')!.change(account, { PersonContactId: contact.Id });
    account.PersonContactId = contact.Id as string;
  }

  #countWrite(): void {
    const fault = this.#fault;
    if (fault && this.#writesSinceFault >= fault.failWritesAfter) {
      throw new SfError(
        fault.status ?? 503,
        fault.errorCode ?? 'SERVER_UNAVAILABLE',
        'The server is temporarily unable to service your request. Please try again later.',
      );
    }
    this.#writesSinceFault += 1;
  }

  #validate(object: ObjectDef, fields: Record<string, unknown>, mode: 'create' | 'update'): SObjectRecord {
    const values = canonicalKeys(object, fields);
    const locked = Object.keys(values).filter((name) => {
      const def = findField(object, name)!;
      return mode === 'create' ? !def.createable : !def.updateable;
    });
    if (locked.length > 0) {
      throw new SfError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to ${mode} fields: ${locked.join(', ')}. Please check the security settings of this field.`,
        locked,
      );
    }
    for (const [name, value] of Object.entries(values)) checkValue(findField(object, name)!, value);
    return values;
  }
}

const BLANKS = new WeakMap<ObjectDef, Readonly<SObjectRecord>>();

/** Every field of the object, null: a new record's starting point, built once per object. */
function blankRecord(object: ObjectDef): Readonly<SObjectRecord> {
  let blank = BLANKS.get(object);
  if (!blank) {
    blank = Object.freeze(Object.fromEntries(object.fields.map((f) => [f.name, null])));
    BLANKS.set(object, blank);
  }
  return blank;
}

function canonicalKeys(object: ObjectDef, fields: Record<string, unknown>): SObjectRecord {
  const out: SObjectRecord = {};
  for (const [key, value] of Object.entries(fields)) {
    if (IGNORED_KEYS.has(key.toLowerCase())) continue;
    const def = findField(object, key);
    if (!def)
      throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, [
        key,
      ]);
    out[def.name] = value as FieldValue;
  }
  return out;
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
function completeAccount(record: SObjectRecord): void {
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

function sameValue(stored: FieldValue, value: string, def: FieldDef): boolean {
  if (stored === null) return false;
  if (def.type === 'id') return String(stored).slice(0, 15) === value.slice(0, 15);
  return String(stored).toLowerCase() === value.toLowerCase();
}
