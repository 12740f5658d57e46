import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { createEhr, type FhirPatient } from '../../src/estate/ehr/index.ts';
import { setupEhr } from './ehr-fixtures.ts';

describe('EHR telemetry', () => {
  it('emits one event per request, with the search query (PHI included) in the uri', async () => {
    const { get, token, events } = setupEhr();
    const bearer = await token();
    const before = events.length;
    await get('/fhir/R4/Patient?birthdate=1988-11-23&family=N%C3%BA%C3%B1ez', bearer, {
      'x-request-id': 'req-phi',
      'x-forwarded-for': '203.0.113.9',
      'user-agent': 'drill-client/1.0',
    });
    expect(events.length).toBe(before + 1);
    const event = events.at(-1)!;
    expect(event).toMatchObject({
      system: 'ehr',
      action: 'fhir.search',
      actor: { id: 'svc-crm-sync', type: 'integration' },
      clientApp: 'crm-sync',
      sourceIp: '203.0.113.9',
      userAgent: 'drill-client/1.0',
      requestId: 'req-phi',
      method: 'GET',
      uri: '/fhir/R4/Patient?birthdate=1988-11-23&family=N%C3%BA%C3%B1ez',
      status: 200,
      resource: { type: 'Patient' },
      patientIds: ['zz-accent'],
      rows: 1,
      outcome: 'success',
      scopes: ['system/*.rs', 'system/Patient.u'],
    });
    expect(event.fields).toEqual(expect.arrayContaining(['identifier', 'name', 'birthDate', 'telecom']));
    expect(event.session).toMatch(/^[0-9a-f]{16}$/);
    expect(event.session).not.toBe(bearer);
  });

  it('keeps POST _search parameters out of the uri but in the query detail', async () => {
    const { fetch, token, events } = setupEhr();
    await fetch('/fhir/R4/Patient/_search', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token()}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'identifier=ZZTEST-00000003',
    });
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.search',
      uri: '/fhir/R4/Patient/_search',
      patientIds: ['zz-0000003'],
      detail: { query: 'identifier=ZZTEST-00000003' },
    });
  });

  it('serves under a custom FHIR base', async () => {
    const { ctx } = setupEhr();
    const custom = createEhr(ctx, { fhirBase: 'api/FHIR/R4/' });
    const response = await createDispatch(() => custom.handlers, ctx)('/api/FHIR/R4/metadata');
    expect(response.status).toBe(200);
    expect((await createDispatch(() => custom.handlers, ctx)('/fhir/R4/metadata')).status).toBe(404);
  });

  it('reports the patients behind clinical resources and denied outcomes', async () => {
    const { get, token, events } = setupEhr();
    await get('/fhir/R4/Appointment/appt-1', await token());
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.read',
      resource: { type: 'Appointment', id: 'appt-1' },
      patientIds: ['zz-0000002'],
    });
    await get('/fhir/R4/Patient/zz-0000002');
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.read',
      status: 401,
      outcome: 'denied',
      actor: { type: 'anonymous' },
      patientIds: [],
      fields: [],
    });
    await get('/fhir/R4/Patient/missing', await token());
    expect(events.at(-1)).toMatchObject({ status: 404, outcome: 'failure' });
  });

  it('emits fhir.token for grants and refusals, and fhir.metadata for discovery', async () => {
    const { fetch, events, token } = setupEhr();
    await token();
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.token',
      status: 200,
      outcome: 'success',
      clientApp: 'crm-sync',
    });
    await fetch('/fhir/R4/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=crm-sync&client_secret=wrong&scope=system/*.rs',
    });
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.token',
      status: 401,
      outcome: 'denied',
      clientApp: 'crm-sync',
      scopes: [],
    });
    const metadata = await fetch('/fhir/R4/metadata');
    expect(metadata.status).toBe(200);
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.metadata',
      resource: { type: 'CapabilityStatement' },
      outcome: 'success',
    });
  });
});

describe('EHR Patient updates and the change feed', () => {
  it('PUT updates the patient, bumps its version and announces the change', async () => {
    const { fetch, token, ehr, events } = setupEhr();
    const changes: Array<[string, string, string | undefined]> = [];
    ehr.state.onPatientChange((patient, kind) => changes.push([patient.id!, kind, patient.birthDate]));
    const current = ehr.state.get('Patient', 'zz-0000001') as FhirPatient;
    const response = await fetch('/fhir/R4/Patient/zz-0000001', {
      method: 'PUT',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...current, birthDate: '1950-01-11' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as FhirPatient).meta?.versionId).toBe('2');
    expect(changes).toEqual([['zz-0000001', 'update', '1950-01-11']]);
    expect(events.at(-1)).toMatchObject({
      action: 'fhir.update',
      method: 'PUT',
      status: 200,
      patientIds: ['zz-0000001'],
    });
    expect(ehr.state.auditEvents.at(-1)).toMatchObject({ action: 'U', subtype: [{ code: 'update' }] });
  });

  it('PUT of a new id needs create scope and announces a create', async () => {
    const { fetch, token, ehr } = setupEhr();
    const kinds: string[] = [];
    ehr.state.onPatientChange((_patient, kind) => kinds.push(kind));
    const put = async (bearer: string) =>
      fetch('/fhir/R4/Patient/zz-new', {
        method: 'PUT',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', id: 'zz-new', name: [{ family: 'Nova' }] }),
      });
    expect((await put(await token('crm-sync', 'system/Patient.u'))).status).toBe(403);
    const created = await put(await token('crm-sync', 'system/Patient.c'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      'https://estate.phi-drill.test/fhir/R4/Patient/zz-new/_history/1',
    );
    expect(kinds).toEqual(['create']);
  });

  it('rejects a body whose id or type does not match the URL', async () => {
    const { fetch, token } = setupEhr();
    const bearer = await token();
    const send = (body: unknown) =>
      fetch('/fhir/R4/Patient/zz-0000001', {
        method: 'PUT',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify(body),
      });
    expect((await send({ resourceType: 'Patient', id: 'zz-0000002' })).status).toBe(400);
    expect((await send({ resourceType: 'Encounter', id: 'zz-0000001' })).status).toBe(400);
  });

  it('updatePatient announces background edits, and a throwing listener does not stop the write', () => {
    const { ehr } = setupEhr();
    const seen: string[] = [];
    ehr.state.onPatientChange(() => {
      throw new Error('listener broke');
    });
    const stop = ehr.state.onPatientChange((patient, kind) => seen.push(`${patient.id}:${kind}`));
    const updated = ehr.state.updatePatient('zz-0000002', { gender: 'unknown' });
    expect(updated.gender).toBe('unknown');
    expect(ehr.state.get('Patient', 'zz-0000002')).toMatchObject({
      gender: 'unknown',
      meta: { versionId: '2' },
    });
    expect(seen).toEqual(['zz-0000002:update']);
    expect(ehr.state.listenerErrors).toHaveLength(1);
    stop();
    ehr.state.updatePatient('zz-0000002', { gender: 'male' });
    expect(seen).toHaveLength(1);
    expect(() => ehr.state.updatePatient('nobody', {})).toThrow(/no Patient/);
  });

  it('seeding refuses types the EHR cannot hold and resources without ids', () => {
    const { ehr } = setupEhr();
    expect(() => ehr.state.seed([{ resourceType: 'Observation', id: 'o1' }])).toThrow(/Observation/);
    expect(() => ehr.state.seed([{ resourceType: 'Patient' }])).toThrow(/without an id/);
  });

  it('issues the same tokens and ids for the same seed', async () => {
    const first = setupEhr();
    const second = setupEhr();
    expect(await first.token()).toBe(await second.token());
    await first.get('/fhir/R4/Patient/zz-0000001', await first.token());
    await second.get('/fhir/R4/Patient/zz-0000001', await second.token());
    expect(JSON.stringify(first.ehr.state.auditEvents)).toBe(JSON.stringify(second.ehr.state.auditEvents));
    expect(JSON.stringify(first.events)).toBe(JSON.stringify(second.events));
  });
});
