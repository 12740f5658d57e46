import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crmFixture } from '../../../../test/integration/crm-fixture.ts';
import { findObject } from '../schema.ts';
import { compileSoql, type SObjectRecord } from './evaluate.ts';

const MRNS = ['ZZTEST-1', 'zztest-1', 'ZZTEST-2', 'ZZTEST-3', 'ZzTeSt-3'];
const PHONES = ['555-0100', '555-0101'];

type Op =
  | { kind: 'insert'; mrn: number; phone: number }
  | { kind: 'update'; target: number; mrn: number }
  | { kind: 'delete'; target: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('insert' as const), mrn: fc.nat(4), phone: fc.nat(1) }),
  },
  fc.record({ kind: fc.constant('update' as const), target: fc.nat(), mrn: fc.nat(4) }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
);

/** An atom names what it reads by position; the ids it quotes are resolved once the org is seeded. */
type Atom = { template: string; picks: number[] };
const atom = (template: string, picks: number) =>
  fc.array(fc.nat(), { minLength: picks, maxLength: picks }).map((p): Atom => ({ template, picks: p }));

const accountAtom = fc.oneof(
  atom("Id = '{id}'", 1),
  atom("Id = '{id15}'", 1),
  atom("Id IN ('{id}', '{id15}', '001000000000000')", 2),
  atom("MRN__c = '{mrn}'", 1),
  atom("MRN__c IN ('{mrn}', '{mrn}')", 2),
  atom("MRN__c != '{mrn}'", 1),
  atom("Phone = '{phone}'", 1),
  atom('MRN__c = null', 0),
  atom("FHIR_Patient_Id__c = 'nobody'", 0),
  atom("PersonContactId = '{contact}'", 1),
);
const contactAtom = fc.oneof(
  atom("AccountId = '{account}'", 1),
  atom("AccountId IN ('{account}', '{account15}')", 2),
  atom("Id = '{id}'", 1),
  atom("Account.MRN__c = '{mrn}'", 1),
  atom("LastName != 'x'", 0),
);

function where(atoms: fc.Arbitrary<Atom>) {
  return fc.record({
    list: fc.array(atoms, { minLength: 1, maxLength: 3 }),
    join: fc.constantFrom('and', 'or', 'not-or'),
  });
}

function render(
  atom: Atom,
  accounts: SObjectRecord[],
  contacts: SObjectRecord[],
  self: SObjectRecord[],
): string {
  let n = 0;
  const pick = <T>(list: readonly T[], fallback: T) => {
    const at = atom.picks[n++] ?? 0;
    return list.length === 0 ? fallback : list[at % list.length]!;
  };
  return atom.template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'mrn') return pick(MRNS, '');
    if (slot === 'phone') return pick(PHONES, '');
    const list = slot.startsWith('account') ? accounts : slot.startsWith('id') ? self : contacts;
    const id = String(pick(list, { Id: '001000000000000AAA' }).Id);
    return slot.endsWith('15') ? id.slice(0, 15) : id;
  });
}

function seed(ops: readonly Op[]) {
  const { state } = crmFixture(0);
  const accounts: string[] = [];
  for (const step of ops) {
    if (step.kind === 'insert') {
      const record = state.insert('Account', {
        FirstName: 'Pat',
        LastName: `Zztest${accounts.length}`,
        MRN__c: MRNS[step.mrn],
        Phone: PHONES[step.phone],
      });
      accounts.push(String(record.Id));
    } else if (accounts.length > 0) {
      const id = accounts[step.target % accounts.length]!;
      if (!state.get('Account', id)) continue;
      if (step.kind === 'update') state.update('Account', id, { MRN__c: MRNS[step.mrn] });
      else state.records.delete('Account', id);
    }
  }
  return state;
}

describe('SOQL index planner', () => {
  it('returns exactly the rows a scan returns, in the same order, for any population and query', () => {
    const query = fc.record({
      object: fc.constantFrom('Account', 'Contact'),
      accountWhere: where(accountAtom),
      contactWhere: where(contactAtom),
      includeDeleted: fc.boolean(),
      orderBy: fc.constantFrom('', ' ORDER BY MRN__c', ' ORDER BY LastName DESC'),
      limit: fc.constantFrom('', ' LIMIT 2'),
      hidden: fc.nat(3),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), query, (ops, q) => {
        const state = seed(ops);
        const object = findObject(q.object)!;
        const accounts = state.recordsOf(findObject('Account')!, true);
        const contacts = state.recordsOf(findObject('Contact')!, true);
        const self = q.object === 'Account' ? accounts : contacts;
        const w = q.object === 'Account' ? q.accountWhere : q.contactWhere;
        const atoms = w.list.map((a) => render(a, accounts, contacts, self));
        const joined = atoms.join(w.join === 'and' ? ' AND ' : ' OR ');
        const condition = w.join === 'not-or' ? `NOT (${joined})` : joined;
        const orderBy = q.object === 'Contact' && q.orderBy === ' ORDER BY MRN__c' ? '' : q.orderBy;
        const compiled = compileSoql(`SELECT Id FROM ${q.object} WHERE ${condition}${orderBy}${q.limit}`);
        // Sharing hides every record whose id ends in a character chosen by the case.
        const visible = (r: SObjectRecord) => String(r.Id).charCodeAt(17) % 4 !== q.hidden;
        const now = state.ctx.clock.now();
        const scanned = compiled.run(state.recordsOf(object, q.includeDeleted).filter(visible), now);
        const selected = compiled.select(state.sourceOf(object, q.includeDeleted, visible), now);
        expect(selected.map((r) => r.Id)).toEqual(scanned.map((r) => r.Id));
      }),
      { numRuns: 150 },
    );
  });

  it('answers a selective conjunct from the index without listing the table', () => {
    const state = seed([
      { kind: 'insert', mrn: 1, phone: 0 },
      { kind: 'insert', mrn: 2, phone: 0 },
    ]);
    const source = state.sourceOf(findObject('Account')!, false);
    const listing = { ...source, all: () => expect.unreachable('the planner listed every record') };
    const compiled = compileSoql(
      "SELECT Id, MRN__c FROM Account WHERE Phone = '555-0100' AND MRN__c = 'ZZTEST-2'",
    );
    expect(compiled.select(listing, 0).map((r) => r.MRN__c)).toEqual(['ZZTEST-2']);
  });

  it('scans when no conjunct has an index: under OR, on an unindexed field, or with a null literal', () => {
    const state = seed([{ kind: 'insert', mrn: 1, phone: 0 }]);
    const source = state.sourceOf(findObject('Account')!, false);
    for (const soql of [
      "SELECT Id FROM Account WHERE MRN__c = 'ZZTEST-1' OR Phone = '555-0100'",
      "SELECT Id FROM Account WHERE Phone = '555-0100'",
      'SELECT Id FROM Account WHERE MRN__c = null',
    ]) {
      let listed = 0;
      const counting = {
        ...source,
        all: () => {
          listed++;
          return source.all();
        },
      };
      compileSoql(soql).select(counting, 0);
      expect(listed, soql).toBe(1);
    }
  });
});
