import { describe, expect, it } from 'vitest';
import { grantScopes, parseScope, scopesCover, scopeWithin } from './scopes.ts';

describe('SMART scope parsing', () => {
  it('reads v2 letters and maps v1 suffixes onto them', () => {
    expect([...parseScope('patient/Observation.rs')!.interactions]).toEqual(['r', 's']);
    expect([...parseScope('user/*.read')!.interactions]).toEqual(['r', 's']);
    expect([...parseScope('system/Patient.write')!.interactions]).toEqual(['c', 'u', 'd']);
    expect([...parseScope('system/*.*')!.interactions]).toEqual(['c', 'r', 'u', 'd', 's']);
    expect(parseScope('user/Observation.rs?category=laboratory')!.narrowing).toEqual([
      ['category', 'laboratory'],
    ]);
  });

  it.each([
    'openid',
    'launch/patient',
    'user/Patient.dus',
    'user/Patient.rr',
    'admin/Patient.rs',
    'user/Patient.',
  ])('does not treat %s as a resource scope', (text) => {
    expect(parseScope(text)).toBeUndefined();
  });
});

describe('SMART scope containment', () => {
  it('keeps requested scopes an allowed scope contains, and drops the rest', () => {
    expect(scopeWithin('system/Patient.rs', 'system/*.cruds')).toBe(true);
    expect(scopeWithin('system/Patient.rs', 'user/*.cruds')).toBe(false);
    expect(scopeWithin('system/Patient.cruds', 'system/Patient.rs')).toBe(false);
    expect(scopeWithin('system/Patient.rs?gender=male', 'system/Patient.rs')).toBe(true);
    expect(scopeWithin('system/Patient.rs', 'system/Patient.rs?gender=male')).toBe(false);
    expect(grantScopes(['openid', 'system/Encounter.read', 'system/*.d'], ['openid', 'system/*.rs'])).toEqual(
      ['openid', 'system/Encounter.read'],
    );
  });

  it('covers an interaction only through a matching resource scope', () => {
    expect(scopesCover(['system/*.rs'], 'Condition', 'r')).toBe(true);
    expect(scopesCover(['system/*.rs'], 'Condition', 'u')).toBe(false);
    expect(scopesCover(['openid', 'user/Encounter.rs'], 'Patient', 's')).toBe(false);
    expect(scopesCover([], 'Patient', 'r')).toBe(false);
  });
});
