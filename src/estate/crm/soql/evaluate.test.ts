import { describe, expect, it } from 'vitest';
import { compileSoql, type SObjectRecord } from './evaluate.ts';
import { SoqlError } from './lexer.ts';

const NOW = Date.parse('2026-03-02T14:00:00Z');

const ACCOUNTS: SObjectRecord[] = [
  {
    Id: '001000000000001AAA',
    Name: 'Alvarez',
    MRN__c: 'ZZTEST-1',
    IsPersonAccount: true,
    PersonBirthdate: '1950-01-15',
    CreatedDate: '2026-03-02T09:00:00.000+0000',
  },
  {
    Id: '001000000000002AAA',
    Name: 'brown',
    MRN__c: 'ZZTEST-2',
    IsPersonAccount: true,
    PersonBirthdate: '1982-06-01',
    CreatedDate: '2026-02-20T09:00:00.000+0000',
  },
  {
    Id: '001000000000003AAA',
    Name: 'Chen 50% off',
    MRN__c: null,
    IsPersonAccount: false,
    PersonBirthdate: null,
    CreatedDate: '2025-12-01T09:00:00.000+0000',
  },
];

function ids(soql: string): string[] {
  return compileSoql(soql)
    .run(ACCOUNTS, NOW)
    .map((r) => String(r.Id).slice(14, 15));
}

describe('SOQL evaluation', () => {
  it.each([
    ["SELECT Id FROM Account WHERE Name = 'ALVAREZ'", ['1']],
    ["SELECT Id FROM Account WHERE Name != 'brown'", ['1', '3']],
    ["SELECT Id FROM Account WHERE Name LIKE 'b%'", ['2']],
    ["SELECT Id FROM Account WHERE Name LIKE '%50\\% off'", ['3']],
    ["SELECT Id FROM Account WHERE Name LIKE '_rown'", ['2']],
    ["SELECT Id FROM Account WHERE MRN__c IN ('ZZTEST-1', 'ZZTEST-2')", ['1', '2']],
    ["SELECT Id FROM Account WHERE MRN__c NOT IN ('ZZTEST-1')", ['2', '3']],
    ['SELECT Id FROM Account WHERE MRN__c = null', ['3']],
    ['SELECT Id FROM Account WHERE MRN__c != null', ['1', '2']],
    ['SELECT Id FROM Account WHERE IsPersonAccount = false', ['3']],
    ["SELECT Id FROM Account WHERE NOT (IsPersonAccount = true AND Name = 'brown')", ['1', '3']],
    ['SELECT Id FROM Account WHERE PersonBirthdate < 1980-01-01', ['1']],
    ['SELECT Id FROM Account WHERE CreatedDate >= 2026-02-01T00:00:00Z', ['1', '2']],
    ['SELECT Id FROM Account WHERE CreatedDate > 2026-03-02T08:30:00+01:00', ['1']],
    ['SELECT Id FROM Account WHERE CreatedDate = TODAY', ['1']],
    ['SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:30', ['1', '2']],
    ['SELECT Id FROM Account WHERE CreatedDate < LAST_N_DAYS:30', ['3']],
    ["SELECT Id FROM Account WHERE Id = '001000000000002'", ['2']],
    ['SELECT Id FROM Account ORDER BY Name', ['1', '2', '3']],
    ['SELECT Id FROM Account ORDER BY MRN__c DESC', ['2', '1', '3']],
    ['SELECT Id FROM Account ORDER BY MRN__c ASC NULLS LAST', ['1', '2', '3']],
    ['SELECT Id FROM Account ORDER BY Name LIMIT 1 OFFSET 1', ['2']],
  ])('%s', (soql, expected) => {
    expect(ids(soql)).toEqual(expected);
  });

  it('returns canonical field names whatever case the query used', () => {
    const compiled = compileSoql('select id, mrn__C, name from ACCOUNT');
    expect(compiled.object.name).toBe('Account');
    expect(compiled.fields).toEqual(['Id', 'MRN__c', 'Name']);
  });

  it.each([
    ['SELECT Id, Nmae FROM Account', 'INVALID_FIELD', 12, /No such column 'Nmae'/],
    ['SELECT Id FROM Account WHERE Foo = 1', 'INVALID_FIELD', 30, /'Foo'/],
    ['SELECT Id FROM Account ORDER BY Bar', 'INVALID_FIELD', 33, /'Bar'/],
    ['SELECT Id FROM Patient__c', 'INVALID_TYPE', 16, /Patient__c/],
    [
      "SELECT Id FROM Account WHERE CreatedDate > '2026-01-01'",
      'INVALID_FIELD',
      44,
      /dateTime and should not be enclosed in quotes/,
    ],
    [
      'SELECT Id FROM Account WHERE CreatedDate > 2026-01-01',
      'INVALID_FIELD',
      44,
      /must be of type dateTime/,
    ],
    ["SELECT Id FROM Account WHERE IsPersonAccount LIKE 'x'", 'INVALID_FIELD', 30, /LIKE/],
    ["SELECT Id FROM EventLogFile WHERE LogFileFieldNames = 'x'", 'INVALID_FIELD', 35, /can not be filtered/],
  ])('rejects %s with %s at column %i', (soql, code, column, detail) => {
    let error: unknown;
    try {
      compileSoql(soql);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SoqlError);
    expect((error as SoqlError).errorCode).toBe(code);
    expect((error as SoqlError).message).toContain(`Column:${column}\n`);
    expect((error as SoqlError).detail).toMatch(detail);
  });
});
