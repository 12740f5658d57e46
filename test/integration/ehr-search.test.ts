import { describe, expect, it } from 'vitest';
import { MRN_SYSTEM, PATIENT_COUNT, setupEhr } from './ehr-fixtures.ts';

async function searchIds(path: string) {
  const { ehr, token, get } = setupEhr();
  const bearer = await token();
  const result = await get(path, bearer);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return {
    ids: (result.body.entry ?? []).map((e: { resource: { id: string } }) => e.resource.id),
    body: result.body,
    ehr,
  };
}

describe('EHR read', () => {
  it('returns the resource as FHIR JSON with its version', async () => {
    const { token, get } = setupEhr();
    const { response, status, body } = await get('/fhir/R4/Patient/zz-0000001', await token());
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(body).toMatchObject({ resourceType: 'Patient', id: 'zz-0000001', meta: { versionId: '1' } });
  });

  it('answers 404 not-found for an unknown id and not-supported for an unknown type', async () => {
    const { token, get } = setupEhr();
    const bearer = await token();
    const missing = await get('/fhir/R4/Patient/nobody', bearer);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    const unknownType = await get('/fhir/R4/Observation/1', bearer);
    expect(unknownType.status).toBe(404);
    expect(unknownType.body.issue[0].code).toBe('not-supported');
  });
});

describe('EHR Patient search parameters', () => {
  it('family matches case-insensitively by prefix, and :exact does not', async () => {
    expect((await searchIds('/fhir/R4/Patient?family=okaf&_count=200')).ids).toHaveLength(9);
    expect((await searchIds('/fhir/R4/Patient?family:exact=okaf')).ids).toHaveLength(0);
    expect((await searchIds('/fhir/R4/Patient?family:exact=Okafor&_count=200')).ids).toHaveLength(9);
  });

  it('given and name ignore accents, and name covers any name part', async () => {
    expect((await searchIds('/fhir/R4/Patient?given=maria')).ids).toEqual(['zz-accent']);
    expect((await searchIds('/fhir/R4/Patient?name=nunez')).ids).toEqual(['zz-accent']);
    expect((await searchIds('/fhir/R4/Patient?name:contains=une')).ids).toEqual(['zz-accent']);
    expect((await searchIds('/fhir/R4/Patient?given=zzz')).ids).toEqual([]);
  });

  it('ANDs repeated parameters and ORs comma-separated values', async () => {
    const both = await searchIds('/fhir/R4/Patient?family=Okafor&given=Ada');
    expect(both.ids).toEqual(['zz-0000001', 'zz-0000036']);
    const either = await searchIds('/fhir/R4/Patient?_id=zz-0000003,zz-0000004');
    expect(either.ids).toEqual(['zz-0000003', 'zz-0000004']);
  });

  it('birthdate honours eq/lt/gt/le/ge and partial dates', async () => {
    expect((await searchIds('/fhir/R4/Patient?birthdate=1988-11-23')).ids).toEqual(['zz-accent']);
    expect((await searchIds('/fhir/R4/Patient?birthdate=eq1988-11')).ids).toEqual(['zz-accent']);
    expect((await searchIds('/fhir/R4/Patient?birthdate=1950')).ids).toEqual(['zz-0000001', 'zz-0000041']);
    expect((await searchIds('/fhir/R4/Patient?birthdate=lt1951')).ids).toEqual(['zz-0000001', 'zz-0000041']);
    expect((await searchIds('/fhir/R4/Patient?birthdate=le1951-02-11')).ids).toEqual([
      'zz-0000001',
      'zz-0000002',
      'zz-0000041',
    ]);
    expect((await searchIds('/fhir/R4/Patient?birthdate=gt1988-11-23')).ids).toEqual(['zz-0000040']);
    expect((await searchIds('/fhir/R4/Patient?birthdate=ge1988-11-23')).ids).toEqual([
      'zz-0000040',
      'zz-accent',
    ]);
  });

  it('identifier matches system|value, bare value, and system| alone', async () => {
    expect((await searchIds(`/fhir/R4/Patient?identifier=${MRN_SYSTEM}|ZZTEST-00000007`)).ids).toEqual([
      'zz-0000007',
    ]);
    expect((await searchIds('/fhir/R4/Patient?identifier=666-00-1004')).ids).toEqual(['zz-0000005']);
    expect((await searchIds('/fhir/R4/Patient?identifier=urn:other|ZZTEST-00000007')).ids).toEqual([]);
    const bySystem = await searchIds('/fhir/R4/Patient?identifier=http://hl7.org/fhir/sid/us-ssn|&_count=0');
    expect(bySystem.body.total).toBe(PATIENT_COUNT);
  });

  it('gender and _id filter by token', async () => {
    expect((await searchIds('/fhir/R4/Patient?gender=other')).ids).toEqual(['zz-accent']);
    expect((await searchIds('/fhir/R4/Patient?gender=male&_count=0')).body.total).toBe(22);
    expect((await searchIds('/fhir/R4/Patient?_id=zz-0000009')).ids).toEqual(['zz-0000009']);
  });
});

describe('EHR clinical searches', () => {
  it('finds Encounters by patient and by subject reference', async () => {
    expect((await searchIds('/fhir/R4/Encounter?patient=zz-0000001')).ids).toEqual(['enc-1', 'enc-2']);
    expect((await searchIds('/fhir/R4/Encounter?subject=Patient/zz-0000002')).ids).toEqual(['enc-3']);
    expect((await searchIds('/fhir/R4/Encounter?patient=zz-0000003')).ids).toEqual([]);
  });

  it('finds Conditions by subject and Appointments by patient', async () => {
    expect((await searchIds('/fhir/R4/Condition?subject=zz-0000001')).ids).toEqual(['cond-1']);
    expect((await searchIds('/fhir/R4/Appointment?patient=Patient/zz-0000002')).ids).toEqual(['appt-1']);
    expect((await searchIds('/fhir/R4/Appointment?patient=zz-0000001')).ids).toEqual([]);
  });
});

describe('EHR search paging', () => {
  it('walks every page through next links and returns each patient once', async () => {
    const { token, get } = setupEhr();
    const bearer = await token();
    let page = await get('/fhir/R4/Patient?_count=10', bearer);
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      pages += 1;
      expect(page.body.total).toBe(PATIENT_COUNT + 1);
      for (const entry of page.body.entry) {
        expect(entry.search.mode).toBe('match');
        expect(entry.fullUrl).toBe(`https://estate.phi-drill.test/fhir/R4/Patient/${entry.resource.id}`);
        seen.push(entry.resource.id);
      }
      const next = page.body.link.find((l: { relation: string }) => l.relation === 'next');
      if (!next) break;
      expect(next.url).toMatch(/^https:\/\/estate\.phi-drill\.test\/fhir\/R4\?_getpages=pg_/);
      page = await get(next.url, bearer);
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(PATIENT_COUNT + 1);
    const previous = page.body.link.find((l: { relation: string }) => l.relation === 'previous');
    expect((await get(previous.url, bearer)).body.entry[0].resource.id).toBe('zz-0000031');
  });

  it('keeps PHI out of page links', async () => {
    const { token, get } = setupEhr();
    const { body } = await get('/fhir/R4/Patient?family=Okafor&_count=2', await token());
    const next = body.link.find((l: { relation: string }) => l.relation === 'next');
    expect(next.url).not.toContain('Okafor');
    expect(body.link[0]).toEqual({
      relation: 'self',
      url: 'https://estate.phi-drill.test/fhir/R4/Patient?family=Okafor&_count=2',
    });
  });

  it('defaults to 20 entries and caps _count at 200', async () => {
    expect((await searchIds('/fhir/R4/Patient')).ids).toHaveLength(20);
    const { ehr, token, get } = setupEhr();
    ehr.state.seed(
      Array.from(
        { length: 250 },
        (_, i) =>
          ({
            resourceType: 'Encounter',
            id: `bulk-${i}`,
            subject: { reference: 'Patient/zz-0000005' },
          }) as never,
      ),
    );
    const { body } = await get('/fhir/R4/Encounter?patient=zz-0000005&_count=1000', await token());
    expect(body.total).toBe(250);
    expect(body.entry).toHaveLength(200);
  });

  it('answers POST _search with form parameters like GET', async () => {
    const { token, fetch } = setupEhr();
    const response = await fetch('/fhir/R4/Patient/_search', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token()}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'family=N%C3%BA%C3%B1ez',
    });
    const body = (await response.json()) as { total: number; entry: Array<{ resource: { id: string } }> };
    expect(response.status).toBe(200);
    expect(body.entry.map((e) => e.resource.id)).toEqual(['zz-accent']);
  });
});

describe('EHR search validation', () => {
  it.each([
    ['an unknown parameter', '/fhir/R4/Patient?ssn=666-00-1000', 'unknown search parameter "ssn"'],
    ['a malformed date', '/fhir/R4/Patient?birthdate=1988-13-01', 'invalid date'],
    ['an unsupported prefix', '/fhir/R4/Patient?birthdate=sa1988', 'invalid date'],
    ['a negative _count', '/fhir/R4/Patient?_count=-1', '_count'],
    ['a modifier on a token parameter', '/fhir/R4/Patient?gender:exact=male', 'modifier'],
  ])('rejects %s with a 400 OperationOutcome', async (_label, path, diagnostics) => {
    const { token, get } = setupEhr();
    const { status, body } = await get(path, await token());
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0].diagnostics).toContain(diagnostics);
  });
});
