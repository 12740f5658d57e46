import { sfDateTime } from '../../telemetry/encoders/time-format.ts';
import { SfError } from './errors.ts';
import { type IdBlock, id18Of, type KeyPrefixName } from './ids.ts';
import { type AccountLoad, LoadedAccounts, type LoadedObject } from './loaded-accounts.ts';
import { personContactValues } from './person-contact.ts';
import { RecordIndex } from './record-index.ts';
import {
  blankRecord,
  canonicalKeys,
  completeAccount,
  newRecord,
  sameValue,
  validated,
} from './record-values.ts';
import { type FieldDef, findField, findObject, type ObjectDef, type StoredObjectName } from './schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { SortProbe } from './soql/plan.ts';

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
  #stampAt = Number.NaN;
  #stampText = '';
  #loaded: LoadedAccounts | undefined;

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
    const values = validated(object, fields, 'create');
    const record = newRecord(object, values, this.mintId(object.name), this.#stamp(), actorId);
    this.#countWrite();
    this.#indexes.get(object.name)!.change({}, record);
    this.#records.get(object.name)!.set(record.Id as string, record);
    if (object.name === 'Account') this.#syncPersonContact(record, actorId);
    return record;
  }

  /**
   * Loads the org with person accounts made on first touch (loaded-accounts.ts), their ids and
   * their contacts' ids reserved now; each is validated as an insert would be when it is made.
   */
  load(load: AccountLoad, ids: { Account: IdBlock; Contact: IdBlock }, actorId: string): void {
    if (this.#loaded) throw new Error('the org is already loaded');
    const stamp = this.#stamp();
    const account = storedObject('Account');
    this.#loaded = new LoadedAccounts(load, ids, actorId, stamp, (position) => {
      const values = validated(account, load.fieldsAt(position), 'create');
      const record = newRecord(account, values, ids.Account.idAt(position), stamp, actorId);
      this.#indexes.get('Account')!.change({}, record);
      const contact = this.#newPersonContact(record, actorId, ids.Contact.idAt(position));
      if (!contact) throw new Error(`loaded account ${position} is not a person account`);
      return { account: record, contact };
    });
  }

  /** The load's size and how much of it reads have made; undefined when the org was not loaded. */
  loadStats(): { loaded: number; made: number } | undefined {
    return this.#loaded?.stats;
  }

  /** Whether `id` is one of the loaded accounts'. */
  isLoadedAccount(id: string): boolean {
    return this.#loaded?.isAccount(id) ?? false;
  }

  update(objectName: string, id: string, fields: Record<string, unknown>, actorId: string): SObjectRecord {
    const object = storedObject(objectName);
    const record = this.get(object.name, id);
    if (!record) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const values = validated(object, fields, 'update');
    this.#countWrite();
    const stamp = this.#stamp();
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
    this.#loadedOf(object.name)?.prepareLookup(object.name as LoadedObject, def.name, [value]);
    const ids = this.#indexes.get(object.name)!.idsWith(def.name, value) ?? [];
    const matches = ids
      .map((id) => this.#stored(object.name, id))
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
    const record =
      table.get(id) ??
      (id.length === 15 ? table.get(id18Of(id) ?? '') : undefined) ??
      this.#loadedOf(objectName)?.find(objectName as LoadedObject, id);
    return record && (includeDeleted || !record.IsDeleted) ? record : undefined;
  }

  /** Records in id order, live ones unless `includeDeleted`, the first `limit` of them. */
  list(
    objectName: StoredObjectName,
    includeDeleted = false,
    limit = Number.POSITIVE_INFINITY,
  ): SObjectRecord[] {
    const keep = (record: SObjectRecord) => includeDeleted || !record.IsDeleted;
    const out = this.#loadedOf(objectName)?.take(objectName as LoadedObject, keep, limit) ?? [];
    for (const record of this.#records.get(objectName)!.values()) {
      if (out.length >= limit) break;
      if (keep(record)) out.push(record);
    }
    return out;
  }

  /**
   * What `list` holds that `visible` admits and the first rows of `sort` can be, in `list`'s order,
   * without making every loaded record; undefined when that takes them all. `visible` decides on
   * sharing alone (Id and OwnerId), as `CrmState.canRead` does.
   */
  leading(
    objectName: StoredObjectName,
    sort: SortProbe,
    includeDeleted: boolean,
    visible: (record: SObjectRecord) => boolean,
  ): SObjectRecord[] | undefined {
    const keep = (record: SObjectRecord) => (includeDeleted || !record.IsDeleted) && visible(record);
    const out = this.#loadedOf(objectName)?.leading(objectName as LoadedObject, sort, keep, visible);
    if (!out) return undefined;
    for (const record of this.#records.get(objectName)!.values()) if (keep(record)) out.push(record);
    return out;
  }

  /** The ids of `list`'s records, without making a loaded record for it. */
  liveIds(objectName: StoredObjectName): string[] {
    const loaded = this.#loadedOf(objectName)?.liveIds(objectName as LoadedObject) ?? [];
    const stored = [...this.#records.get(objectName)!.values()].filter((r) => !r.IsDeleted);
    return [...loaded, ...stored.map((r) => r.Id as string)];
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
    const index = this.#indexes.get(objectName)!;
    const ids = new Set<string>();
    if (field === 'Id') {
      for (const value of values) {
        const full = id18Of(value.slice(0, 15));
        if (full !== undefined && this.#stored(objectName, full)) ids.add(full);
      }
    } else {
      if (!index.indexes(field)) return undefined;
      this.#loadedOf(objectName)?.prepareLookup(objectName as LoadedObject, field, values);
      for (const value of values) for (const id of index.idsWith(field, value)!) ids.add(id);
    }
    return [...ids]
      .sort()
      .map((id) => this.#stored(objectName, id)!)
      .filter((record) => includeDeleted || !record.IsDeleted);
  }

  /** The record stored under an 18-character id, loaded ones included. */
  #stored(objectName: StoredObjectName, id: string): SObjectRecord | undefined {
    return (
      this.#records.get(objectName)!.get(id) ??
      this.#loadedOf(objectName)?.find(objectName as LoadedObject, id)
    );
  }

  /** The load, for the objects it holds. */
  #loadedOf(objectName: StoredObjectName): LoadedAccounts | undefined {
    return objectName === 'Account' || objectName === 'Contact' ? this.#loaded : undefined;
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
    const existing =
      typeof account.PersonContactId === 'string' ? this.get('Contact', account.PersonContactId) : undefined;
    if (existing) {
      const values = personContactValues(account);
      this.#indexes.get('Contact')!.change(existing, values);
      Object.assign(existing, values, {
        LastModifiedDate: account.LastModifiedDate,
        LastModifiedById: actorId,
        SystemModstamp: account.SystemModstamp,
      });
      return;
    }
    const contact = this.#newPersonContact(account, actorId, this.mintId('Contact'))!;
    this.#records.get('Contact')!.set(contact.Id as string, contact);
  }

  /** The Contact behind a new person account, indexed and linked from the account; undefined for a business account. */
  #newPersonContact(account: SObjectRecord, actorId: string, id: string): SObjectRecord | undefined {
    if (account.IsPersonAccount !== true) return undefined;
    const contact: SObjectRecord = { ...blankRecord(storedObject('Contact')) };
    Object.assign(contact, personContactValues(account), {
      Id: id,
      CreatedDate: account.CreatedDate,
      CreatedById: actorId,
      LastModifiedDate: account.LastModifiedDate,
      LastModifiedById: actorId,
      SystemModstamp: account.SystemModstamp,
    });
    this.#indexes.get('Contact')!.change({}, contact);
    this.#indexes.get('Account')!.change(account, { PersonContactId: contact.Id });
    account.PersonContactId = contact.Id as string;
    return contact;
  }

  /** The write's SystemModstamp; a bulk load writes thousands of records in one instant, formatted once. */
  #stamp(): string {
    const now = this.now();
    if (now !== this.#stampAt) {
      this.#stampAt = now;
      this.#stampText = sfDateTime(now);
    }
    return this.#stampText;
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
}
