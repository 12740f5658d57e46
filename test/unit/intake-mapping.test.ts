import { describe, expect, it } from 'vitest';
import { mapAlert, pickPath } from '../../src/controls/intakes/mapping.ts';

const splunk = {
  result: {
    search_name: 'PHI bulk read',
    correlation_id: 'PHI-DRILL-7f3a',
    patients: ['zz-0000001', 'zz-0000002'],
    'a/b': { '~x': 'escaped' },
    count: 212,
  },
  level: 4,
  hits: [{ id: 'first' }, { id: 'second' }],
};

describe('mapAlert', () => {
  it('picks fields by JSON pointer and by dotted path, mapping severity through the table', () => {
    expect(
      mapAlert(splunk, {
        rule: '/result/search_name',
        correlation: 'result.correlation_id',
        severity: '/level',
        severityMap: { critical: 'critical', '4': 'high' },
        patientIds: '/result/patients',
        summary: 'hits.1.id',
        control: '/result/a~1b/~0x',
      }),
    ).toEqual({
      rule: 'PHI bulk read',
      correlationId: 'PHI-DRILL-7f3a',
      severity: 'high',
      patientIds: ['zz-0000001', 'zz-0000002'],
      summary: 'second',
      control: 'escaped',
    });
  });

  it('takes the four severity names as they are when there is no table, in any case', () => {
    expect(mapAlert({ level: 'CRITICAL' }, { severity: 'level' })).toEqual({ severity: 'critical' });
    expect(mapAlert({ level: 'urgent' }, { severity: 'level' })).toEqual({});
  });

  it('fails closed: missing paths, empty text, objects and unmapped severities all stay undefined', () => {
    expect(mapAlert(splunk, {})).toEqual({});
    expect(
      mapAlert(splunk, {
        rule: '/result/nope',
        summary: '/result',
        correlation: '/hits/7/id',
        severity: '/level',
        severityMap: { critical: 'critical' },
        patientIds: '/result/none',
        control: '',
      }),
    ).toEqual({});
    expect(mapAlert({ rule: '  ', sev: 'x' }, { rule: '/rule', severity: '/sev', severityMap: {} })).toEqual(
      {},
    );
    expect(mapAlert(null, { rule: '/rule' })).toEqual({});
    expect(mapAlert('text', { rule: 'length' })).toEqual({});
  });

  it('ignores a table entry that is not a severity, and never reads through the prototype', () => {
    const table = { '4': 'severe' } as unknown as Record<string, 'high'>;
    expect(mapAlert(splunk, { severity: '/level', severityMap: table })).toEqual({});
    expect(mapAlert({ level: 'toString' }, { severity: '/level', severityMap: {} })).toEqual({});
    expect(mapAlert({}, { rule: '/constructor/name', summary: '__proto__' })).toEqual({});
  });

  it('turns a single patient id or numbers into a list, dropping blanks', () => {
    expect(mapAlert({ p: 'zz-1' }, { patientIds: 'p' })).toEqual({ patientIds: ['zz-1'] });
    expect(mapAlert({ p: [7, '', {}, 'zz-2'] }, { patientIds: 'p' })).toEqual({ patientIds: ['7', 'zz-2'] });
    expect(mapAlert({ p: [] }, { patientIds: 'p' })).toEqual({});
  });
});

describe('pickPath', () => {
  it('reads array indices only as plain non-negative integers', () => {
    expect(pickPath(splunk, '/hits/0/id')).toBe('first');
    expect(pickPath(splunk, '/hits/01/id')).toBeUndefined();
    expect(pickPath(splunk, 'hits.-1.id')).toBeUndefined();
    expect(pickPath(splunk, 'hits..id')).toBeUndefined();
  });
});
