import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { TelemetryBus } from '../../telemetry/bus.ts';
import { createEstateContext } from '../context.ts';
import { createIdFactory, idChecksum, isSalesforceId, reserveIds, toId15, toId18 } from './ids.ts';

function factory(seed: number) {
  const clock = new VirtualClock(0);
  return createIdFactory(createEstateContext(clock, new TelemetryBus(clock), seed));
}

describe('Salesforce ids', () => {
  it('computes the case-safe checksum of a known id', () => {
    expect(idChecksum('a0D30000001n7Pi')).toBe('EAI');
    expect(toId18('a0D30000001n7Pi')).toBe('a0D30000001n7PiEAI');
  });

  it('gives all-digit ids the AAA suffix', () => {
    expect(toId18('001000000000001')).toBe('001000000000001AAA');
  });

  it('encodes which characters of each 5-character chunk are upper case', () => {
    expect(idChecksum('ABCDE000000000Z')).toBe('5AQ');
  });

  it('refuses to checksum something that is not a 15-character id', () => {
    expect(() => idChecksum('001')).toThrow(/15-character/);
    expect(() => idChecksum('001000000000-01')).toThrow(/15-character/);
  });

  it('recognises valid ids and rejects a wrong checksum', () => {
    expect(isSalesforceId('a0D30000001n7PiEAI')).toBe(true);
    expect(isSalesforceId('a0D30000001n7PiAAA')).toBe(false);
    expect(toId15('a0D30000001n7PiEAI')).toBe('a0D30000001n7Pi');
  });

  it('mints 18-character ids with the object key prefix and a valid checksum', () => {
    const mint = factory(1);
    const account = mint('Account');
    const user = mint('User');
    expect(account).toMatch(/^001[0-9A-Za-z]{15}$/);
    expect(user.startsWith('005')).toBe(true);
    expect(isSalesforceId(account)).toBe(true);
    expect(mint('Account')).not.toBe(account);
  });

  it('mints the same ids for the same seed and different ones for another seed', () => {
    const a = factory(7);
    const b = factory(7);
    const c = factory(8);
    const first = [a('Account'), a('Case'), a('Account')];
    expect([b('Account'), b('Case'), b('Account')]).toEqual(first);
    expect(c('Account')).not.toBe(first[0]);
  });

  it("reserves a block of the ids the factory would have minted, and finds each id's position", () => {
    const minted = factory(7);
    const expected = [minted('Account'), minted('Account'), minted('Account'), minted('Account')];
    const clock = new VirtualClock(0);
    const ctx = createEstateContext(clock, new TelemetryBus(clock), 7);
    const mint = createIdFactory(ctx);
    expect(mint('Account')).toBe(expected[0]);
    const block = reserveIds(ctx, 'Account', 2);
    expect([block.idAt(0), block.idAt(1)]).toEqual(expected.slice(1, 3));
    expect(mint('Account')).toBe(expected[3]);
    expect(block.positionOf(expected[2]!)).toBe(1);
    expect(block.positionOf(expected[2]!.slice(0, 15))).toBe(1);
  });

  it('places no id outside its block: another object, a neighbour, a wrong checksum or case', () => {
    const clock = new VirtualClock(0);
    const ctx = createEstateContext(clock, new TelemetryBus(clock), 7);
    const mint = createIdFactory(ctx);
    const before = mint('Account');
    const block = reserveIds(ctx, 'Account', 3);
    const after = mint('Account');
    const contact = reserveIds(ctx, 'Contact', 3);
    const id = block.idAt(0);
    for (const outside of [
      before,
      after,
      contact.idAt(0),
      `${id.slice(0, 15)}AAA`,
      id.toLowerCase(),
      'x',
      '',
    ])
      expect(block.positionOf(outside)).toBeUndefined();
    expect(contact.positionOf(contact.idAt(2))).toBe(2);
  });
});
