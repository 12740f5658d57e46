import type { IdBlock } from './ids.ts';
import { PERSON_CONTACT_FIELDS } from './person-contact.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { SortProbe } from './soql/plan.ts';

/** The patients an org was loaded with (its data migration from the EHR), described, not written. */
export interface AccountLoad {
  readonly count: number;
  /** The person account at `position` as the integration would write it. */
  fieldsAt(position: number): Record<string, unknown>;
  /**
   * The position whose account was loaded with `value` in the Account field `field` (compared as
   * SOQL compares it), undefined when none was, or 'any' when the load cannot tell: every account is
   * then made so the index can answer.
   */
  positionOf(field: string, value: string): number | undefined | 'any';
  /**
   * The value the account at `position` was loaded with in `field` when the loaded values of that
   * field ascend with position as SOQL orders them (an MRN, say); undefined for any other field.
   */
  ascendingValueAt(field: string, position: number): string | undefined;
}

export type LoadedObject = 'Account' | 'Contact';

/** The fields every loaded record holds the load's time in until it is changed. */
const LOAD_STAMPS: ReadonlySet<string> = new Set(['CreatedDate', 'LastModifiedDate', 'SystemModstamp']);

/**
 * The person accounts of a load and the contacts behind them, each pair made on first touch from its
 * position: ids are reserved when the org is loaded, so a record has the id it would have had if
 * written then, and an org of a million patients pays for the accounts a drill reaches. A scan makes
 * them in position order, which is id order, as far as it reads.
 */
export class LoadedAccounts {
  readonly #made: { Account: (SObjectRecord | undefined)[]; Contact: (SObjectRecord | undefined)[] };
  #unmade: number;

  constructor(
    readonly load: AccountLoad,
    readonly ids: { readonly Account: IdBlock; readonly Contact: IdBlock },
    /** Who owns every loaded record (the org's load user). */
    readonly ownerId: string,
    /** When the org was loaded: every loaded record's CreatedDate, LastModifiedDate and SystemModstamp until changed. */
    readonly stamp: string,
    /** Builds, validates and indexes the pair at a position, with the ids of the blocks. */
    private readonly make: (position: number) => { account: SObjectRecord; contact: SObjectRecord },
  ) {
    this.#made = { Account: new Array(load.count), Contact: new Array(load.count) };
    this.#unmade = load.count;
  }

  /** The loaded record with this 15- or 18-character id, made now if it was not; undefined for other ids. */
  find(object: LoadedObject, id: string): SObjectRecord | undefined {
    const position = this.ids[object].positionOf(id);
    if (position === undefined) return undefined;
    this.#ensure(position);
    return this.#made[object][position];
  }

  /** How many accounts the load holds and how many have been made so far. */
  get stats(): { loaded: number; made: number } {
    return { loaded: this.load.count, made: this.load.count - this.#unmade };
  }

  /** Whether the id is one of the loaded accounts'. */
  isAccount(id: string): boolean {
    return this.ids.Account.positionOf(id) !== undefined;
  }

  /** Loaded records of the object that `keep` admits, in id order, up to `limit` of them, made. */
  take(object: LoadedObject, keep: (record: SObjectRecord) => boolean, limit: number): SObjectRecord[] {
    const out: SObjectRecord[] = [];
    for (let position = 0; position < this.load.count && out.length < limit; position += 1) {
      this.#ensure(position);
      const record = this.#made[object][position]!;
      if (keep(record)) out.push(record);
    }
    return out;
  }

  /**
   * The loaded records `keep` admits that the first `sort.count` rows of `sort` can be, in id
   * order, or undefined when every record may be one. Unmade records are passed over, unmade, once
   * `sort.count` admitted records are known to come before each of them: on the load's timestamps
   * (all unmade records tie, and ties keep id order) any record still holding the load's time does;
   * ascending on a field whose loaded values ascend with position, any earlier record still holding
   * its loaded value does. `visible` decides on sharing alone (Id and OwnerId), so an unmade record
   * it refuses is passed over too.
   */
  leading(
    object: LoadedObject,
    sort: SortProbe,
    keep: (record: SObjectRecord) => boolean,
    visible: (record: SObjectRecord) => boolean,
  ): SObjectRecord[] | undefined {
    const stamped = LOAD_STAMPS.has(sort.field);
    const ascending =
      object === 'Account' && !sort.descending && this.load.ascendingValueAt(sort.field, 0) !== undefined;
    if (!stamped && !ascending) return undefined;
    const before = (record: SObjectRecord, position: number) =>
      stamped
        ? record[sort.field] === this.stamp
        : record[sort.field] === this.load.ascendingValueAt(sort.field, position);
    const out: SObjectRecord[] = [];
    let ahead = 0;
    for (let position = 0; position < this.load.count; position += 1) {
      let record = this.#made[object][position];
      if (!record) {
        if (ahead >= sort.count || !visible({ Id: this.ids[object].idAt(position), OwnerId: this.ownerId }))
          continue;
        this.#ensure(position);
        record = this.#made[object][position]!;
      }
      if (!keep(record)) continue;
      out.push(record);
      if (before(record, position)) ahead += 1;
    }
    return out;
  }

  /** The ids of the live loaded records, in id order, without making a record. */
  liveIds(object: LoadedObject): string[] {
    const ids: string[] = [];
    for (let position = 0; position < this.load.count; position += 1) {
      const record = this.#made[object][position];
      if (!record) ids.push(this.ids[object].idAt(position));
      else if (!record.IsDeleted) ids.push(record.Id as string);
    }
    return ids;
  }

  /**
   * Makes every unmade record a lookup of `field` = one of `values` could find, so the store's index
   * (which holds made records only) answers it whole.
   */
  prepareLookup(object: LoadedObject, field: string, values: readonly string[]): void {
    if (this.#unmade === 0) return;
    for (const value of values) {
      const position = this.#positionOf(object, field, value);
      if (position === 'any') {
        for (let every = 0; every < this.load.count; every += 1) this.#ensure(every);
        return;
      }
      // A position the load does not hold names no account: nothing to make.
      if (position !== undefined && Number.isInteger(position) && position >= 0 && position < this.load.count)
        this.#ensure(position);
    }
  }

  #positionOf(object: LoadedObject, field: string, value: string): number | undefined | 'any' {
    if (object === 'Contact') {
      if (field === 'AccountId') return this.ids.Account.positionOf(value);
      // A loaded contact holds only what its account gives it.
      return PERSON_CONTACT_FIELDS.has(field) ? 'any' : undefined;
    }
    if (field === 'PersonContactId') return this.ids.Contact.positionOf(value);
    return this.load.positionOf(field, value);
  }

  #ensure(position: number): void {
    if (this.#made.Account[position]) return;
    const { account, contact } = this.make(position);
    this.#made.Account[position] = account;
    this.#made.Contact[position] = contact;
    this.#unmade -= 1;
  }
}
