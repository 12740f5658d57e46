import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/clock.ts';
import { TelemetryBus } from '../../telemetry/bus.ts';
import { createEstateContext } from '../context.ts';
import { createIdFactory, idChecksum, isSalesforceId, toId15, toId18 } from './ids.ts';

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
});
