import { describe, expect, it } from 'vitest';
import { SoqlError } from './lexer.ts';
import { parseSoql } from './parser.ts';

describe('SOQL parser', () => {
  it.each([
    ['SELECT Id FROM Account', { fields: ['Id'], from: 'Account' }],
    ['select id, name from account', { fields: ['id', 'name'], from: 'account' }],
    ['SELECT COUNT() FROM Contact', { fields: [], count: true, from: 'Contact' }],
    ["SELECT Id FROM Account WHERE Name = 'O\\'Brien'", { from: 'Account' }],
    ['SELECT Id FROM Account WHERE (A = 1 OR B = 2) AND NOT C = null', { from: 'Account' }],
    ["SELECT Id FROM Account WHERE MRN__c IN ('a', 'b') AND Id NOT IN ('x')", { from: 'Account' }],
    ['SELECT Id FROM Case WHERE CreatedDate > 2026-03-01T00:00:00Z', { from: 'Case' }],
    ['SELECT Id FROM Case WHERE CreatedDate = LAST_N_DAYS:7', { from: 'Case' }],
    ['SELECT Id FROM Account ORDER BY Name DESC NULLS LAST, Id LIMIT 10 OFFSET 5', { limit: 10, offset: 5 }],
  ])('parses %s', (text, expected) => {
    const query = parseSoql(text);
    if ('fields' in expected) expect(query.fields.map((f) => f.name)).toEqual(expected.fields);
    if ('from' in expected) expect(query.from.name).toBe(expected.from);
    if ('count' in expected) expect(query.count).toBe(true);
    if ('limit' in expected) {
      expect(query.limit).toBe(expected.limit);
      expect(query.offset).toBe(expected.offset);
      expect(query.orderBy.map((o) => [o.field.name, o.descending, o.nullsFirst])).toEqual([
        ['Name', true, false],
        ['Id', false, true],
      ]);
    }
  });

  it('unescapes string literals and keeps LIKE wildcards apart from escaped ones', () => {
    const query = parseSoql("SELECT Id FROM Account WHERE Name LIKE '50\\%_off%' AND Name = 'a\\nb'");
    const where = query.where!;
    if (where.kind !== 'and' || where.left.kind !== 'like' || where.right.kind !== 'compare')
      throw new Error('shape');
    expect(where.left.pattern.like).toBe('50%.off.*');
    expect(where.right.value).toMatchObject({ kind: 'string', value: 'a\nb' });
  });

  it('binds AND tighter than OR', () => {
    const where = parseSoql('SELECT Id FROM Account WHERE A = 1 OR B = 2 AND C = 3').where!;
    expect(where.kind).toBe('or');
    if (where.kind === 'or') expect(where.right.kind).toBe('and');
  });

  it.each([
    ['SELECT Id FRM Account', 1, 11, /unexpected token: 'FRM'/],
    ['SELECT FROM Account', 1, 8, /unexpected token: 'FROM'/],
    ['SELECT Id FROM Account WHERE', 1, 29, /<EOF>/],
    ["SELECT Id FROM Account WHERE Name = 'open", 1, 37, /unterminated/],
    ["SELECT Id FROM Account WHERE Name = 'a\\qb'", 1, 39, /escape/],
    ['SELECT Id FROM Account WHERE Name # 1', 1, 35, /'#'/],
    ['SELECT Id FROM Account LIMIT -1', 1, 30, /non-negative integer/],
    ['SELECT Id FROM Account\nWHERE Name IN 1', 2, 15, /expecting '\('/],
    ['SELECT COUNT(Id) FROM Account', 1, 14, /COUNT\(\)/],
    ['SELECT Id FROM Account extra', 1, 24, /'extra'/],
  ])('locates the syntax error in %j', (text, row, column, detail) => {
    let error: unknown;
    try {
      parseSoql(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SoqlError);
    const soql = error as SoqlError;
    expect(soql.errorCode).toBe('MALFORMED_QUERY');
    expect(soql.message).toContain(`ERROR at Row:${row}:Column:${column}`);
    expect(soql.detail).toMatch(detail);
  });
});
