import { describe, expect, it } from 'vitest';
import { findPhi } from '../../src/synth/identifiers.ts';

describe('findPhi', () => {
  it('finds an SSN and reports its position', () => {
    const text = 'export row ssn=666-12-3456 ok';
    expect(findPhi(text)).toEqual([{ kind: 'ssn', match: '666-12-3456', index: text.indexOf('666') }]);
  });

  it('finds MRNs by their synthetic prefix', () => {
    expect(findPhi('GET /Patient?identifier=ZZTEST-00000123')).toEqual([
      expect.objectContaining({ kind: 'mrn', match: 'ZZTEST-00000123' }),
    ]);
  });

  it.each([
    ['"birthDate":"1980-04-02"', '1980-04-02'],
    ['PersonBirthdate: 1975-12-31', '1975-12-31'],
    ['GET /Patient?birthdate=ge1990-01-01', '1990-01-01'],
    ['DOB 2001-07-04', '2001-07-04'],
    ['date_of_birth%3D1966-02-28', '1966-02-28'],
  ])('finds a birth date next to a birth-date key: %s', (text, date) => {
    expect(findPhi(text)).toEqual([{ kind: 'dob', match: date, index: text.indexOf(date) }]);
  });

  it('ignores dates that are not birth dates', () => {
    expect(findPhi('LogDate=2026-03-01 report ran 2026-03-01T09:00:00Z')).toEqual([]);
  });

  it('finds e-mail addresses', () => {
    expect(findPhi('mailto ann.lee42@example.org, cc bob@mail.phi-drill.test')).toEqual([
      expect.objectContaining({ kind: 'email', match: 'ann.lee42@example.org' }),
      expect.objectContaining({ kind: 'email', match: 'bob@mail.phi-drill.test' }),
    ]);
  });

  it.each(['+14155550123', '(415) 555-0123', '415-555-0123', '+1 415.555.0123'])(
    'finds the phone %s',
    (phone) => {
      expect(findPhi(`call ${phone} today`)).toEqual([{ kind: 'phone', match: phone, index: 5 }]);
    },
  );

  it.each([
    ['{"FirstName":"Alice","LastName":"Okafor"}', ['Alice', 'Okafor']],
    ['{"family":"Smith","given":["Ann"]}', ['Smith', 'Ann']],
    ['GET /Patient?name=smith&_count=10', ['smith']],
    ['first name: Mary Ann', ['Mary Ann']],
  ])('finds names next to a name key: %s', (text, names) => {
    expect(findPhi(text).map((m) => [m.kind, m.match])).toEqual(names.map((name) => ['name', name]));
  });

  it('ignores innocuous text', () => {
    const lines = [
      'GET /services/data/v62.0/limits 200 12ms',
      'Family history reviewed; no changes. Report name: Daily Export',
      'rows=300 500 1000 took 1234-5678 ms build 2026.03.01',
      'session 0Ak5g00000ABCDE refreshed at 20260301093000.123',
      'user_id=005000000000001 order 123-456-78901',
    ];
    for (const line of lines) expect(findPhi(line)).toEqual([]);
  });

  it('orders matches of different kinds by position', () => {
    const text = 'ZZTEST-00000007 666-01-0001 ann@example.org';
    expect(findPhi(text).map((m) => m.kind)).toEqual(['mrn', 'ssn', 'email']);
  });

  it('finds nothing in a long line built to make a backtracking pattern blow up, and finds PHI after it', () => {
    // A pattern with nested repetition would take longer than the test's timeout on this line.
    const line = `${'x'.repeat(2000)} ${'a-'.repeat(500)} ${'1'.repeat(3000)} ${'word '.repeat(400)}`;
    expect(findPhi(line)).toEqual([]);
    expect(findPhi(`${line} ZZTEST-00000007`).map((match) => match.kind)).toEqual(['mrn']);
  });
});
