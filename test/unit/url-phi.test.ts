import { describe, expect, it } from 'vitest';
import { phiInUrl } from '../../src/controls/url-phi.ts';
import { analyticsHitUrl } from '../../src/estate/portal/analytics-egress.ts';

const PAGE = 'https://estate.phi-drill.test/portal/appointments/find';

describe('phiInUrl', () => {
  it('finds identifier parameters and PHI-shaped values in a query string', () => {
    expect(phiInUrl(`${PAGE}?name=Ann+Zztest&dob=1980-02-03&mrn=ZZTEST-00000042`)).toEqual([
      'dob',
      'mrn',
      'name',
      'param:dob',
      'param:mrn',
      'param:name',
    ]);
  });

  it('reads FHIR-style search parameters and PHI in parameters with innocent names', () => {
    expect(phiInUrl('/x?birthdate=1980-02-03&identifier=abc')).toEqual([
      'dob',
      'param:birthdate',
      'param:identifier',
    ]);
    expect(phiInUrl('/x?q=ann.zztest7%40example.org')).toEqual(['email']);
  });

  it('reads the page address an analytics hit carries in dl=', () => {
    expect(phiInUrl(analyticsHitUrl(`${PAGE}?mrn=ZZTEST-00000042`))).toEqual(['mrn', 'param:mrn']);
  });

  it('finds nothing in clean portal addresses, analytics hits or empty parameters', () => {
    expect(phiInUrl(PAGE)).toEqual([]);
    expect(phiInUrl('/portal/appointments')).toEqual([]);
    expect(phiInUrl(analyticsHitUrl(PAGE))).toEqual([]);
    expect(phiInUrl(`${PAGE}?name=&dob=`)).toEqual([]);
    expect(phiInUrl('/x?bad=%E0%A4%A')).toEqual([]);
  });
});
