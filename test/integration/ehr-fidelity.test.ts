import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { EHR_RESOURCE_TYPES } from '../../src/estate/ehr/index.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { type LoopbackServer, serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { START } from './crm-fixture.ts';
import { r4SchemaErrors } from './fhir-r4-schema.ts';

// FHIR R4 RESTful API (hl7.org/fhir/R4/http.html): every answer under the base is FHIR — errors are an
// OperationOutcome; an unknown type is 404, an interaction not offered 405, an operation not implemented
// 501, each with issue code `not-supported` — and the CapabilityStatement (capabilitystatement.html)
// lists what the server does. Resources are checked against the official R4 JSON schema (fhir.schema.json).

interface Outcome {
  resourceType: string;
  issue: Array<{ severity: string; code: string; diagnostics?: string }>;
}
type Capability = {
  rest: Array<{
    operation?: Array<{ name: string }>;
    resource: Array<{
      type: string;
      interaction: Array<{ code: string }>;
      searchParam: Array<{ name: string; type: string }>;
    }>;
  }>;
};

const clock = new VirtualClock(START);
const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 5, patients: 20 });
estate.ehr.state.addClient({
  clientId: 'fidelity',
  clientSecret: 'fidelity-secret',
  name: 'Fidelity checker',
  scopes: ['system/*.cruds'],
  actor: { id: 'svc-fidelity', type: 'integration', name: 'Fidelity checker' },
});
// A small population may have no practitioner; the statement lists Practitioner, so one must exist to read.
const practitioner = { resourceType: 'Practitioner', id: 'pr-fidelity', name: [{ family: 'Zztest' }] };
estate.ehr.state.seed([practitioner]);
const fetchEstate = createDispatch(() => estate.ehr.handlers, estate.context);
let server: LoopbackServer;
let token: string;
let client: Client;

async function call(method: string, path: string, body?: unknown) {
  const response = await fetchEstate(`/fhir/R4/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/fhir+json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  server = await serveOnLoopback(fetchEstate);
  const response = await fetchEstate('/fhir/R4/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'fidelity',
      client_secret: 'fidelity-secret',
      scope: 'system/*.cruds',
    }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
  client = new Client({ baseUrl: `${server.url}/fhir/R4`, bearerToken: token });
});

afterAll(async () => {
  await server.close();
});

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: { response: { status: number; data: Outcome } }) => error.response,
  );
}

describe('FHIR base: everything is an OperationOutcome', () => {
  it.each<[string, string, number]>([
    ['GET', 'Patient/zz-x/$everything', 501],
    ['GET', 'Patient/$everything', 501],
    ['POST', 'Patient/$validate', 501],
    ['GET', '$export', 501],
    ['GET', 'Observation/1', 404],
    ['GET', 'Nothing/1/2/3', 404],
    ['DELETE', 'Patient/zz-1', 405],
    ['POST', 'Patient', 405],
    ['GET', 'Patient/zz-1/_history', 405],
    ['GET', 'Patient/zz-1/_history/2', 405],
    ['POST', '', 405],
    ['GET', 'Patient?_include=Patient:general-practitioner', 400],
    ['GET', 'Encounter?_revinclude=Condition:encounter', 400],
  ])('%s %s answers %i with not-supported', async (method, path, status) => {
    const response = await call(method, path);
    expect(response.status).toBe(status);
    expect(response.type).toMatch(/^application\/fhir\+json/);
    expect(response.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'not-supported' }],
    });
    expect(r4SchemaErrors(response.body)).toEqual([]);
  });

  it('reaches fhir-kit-client as an OperationOutcome for an unknown path and an operation', async () => {
    const unknown = await failureOf(client.read({ resourceType: 'Observation', id: '1' }));
    expect(unknown).toMatchObject({ status: 404, data: { resourceType: 'OperationOutcome' } });
    const everything = await failureOf(
      client.operation({ name: 'everything', resourceType: 'Patient', id: 'zz-1', method: 'GET' }),
    );
    expect(everything).toMatchObject({
      status: 501,
      data: { resourceType: 'OperationOutcome', issue: [{ code: 'not-supported' }] },
    });
  });
});

describe('CapabilityStatement: truthful', () => {
  const VALUE: Record<string, string> = {
    string: 'zz',
    token: 'x',
    date: 'ge2000-01-01',
    reference: 'Patient/x',
  };
  const INTERACTIONS = [
    'read',
    'vread',
    'update',
    'patch',
    'delete',
    'history-instance',
    'history-type',
    'create',
    'search-type',
  ];

  it('serves every listed interaction and search parameter, and refuses what it does not list', async () => {
    const capability = (await client.capabilityStatement()) as unknown as Capability;
    // The one operation served ($break-glass) is listed; every other $operation answers 501 (above).
    expect(capability.rest[0]!.operation?.map((o) => o.name)).toEqual(['break-glass']);
    for (const resource of capability.rest[0]!.resource) {
      const listed = new Set(resource.interaction.map((i) => i.code));
      const search = await call('GET', `${resource.type}?_count=1`);
      const id =
        ((search.body.entry as Array<{ resource: { id: string } }> | undefined) ?? [])[0]?.resource.id ??
        'none';
      const attempts: Record<string, () => ReturnType<typeof call>> = {
        read: () => call('GET', `${resource.type}/${id}`),
        vread: () => call('GET', `${resource.type}/${id}/_history/1`),
        update: async () =>
          call('PUT', `${resource.type}/${id}`, (await call('GET', `${resource.type}/${id}`)).body),
        patch: () => call('PATCH', `${resource.type}/${id}`, []),
        delete: () => call('DELETE', `${resource.type}/${id}`),
        'history-instance': () => call('GET', `${resource.type}/${id}/_history`),
        'history-type': () => call('GET', `${resource.type}/_history`),
        create: () => call('POST', resource.type, { resourceType: resource.type }),
        'search-type': () => call('GET', resource.type),
      };
      for (const interaction of INTERACTIONS) {
        const answer = await attempts[interaction]!();
        const label = `${resource.type} ${interaction}`;
        if (listed.has(interaction)) expect(answer.status, label).toBeLessThan(300);
        else expect((answer.body as unknown as Outcome).issue?.[0]?.code, label).toBe('not-supported');
      }
      for (const param of resource.searchParam) {
        const answer = await call(
          'GET',
          `${resource.type}?${param.name}=${encodeURIComponent(VALUE[param.type]!)}`,
        );
        expect(answer.status, `${resource.type}?${param.name}`).toBe(200);
      }
    }
  });
});

describe('official R4 JSON schema', () => {
  it('accepts every resource the estate serves: each type, audit events, bundles, the statement, outcomes', async () => {
    const served: unknown[] = [(await call('GET', 'metadata')).body, (await call('GET', 'Nope/1')).body];
    for (const type of EHR_RESOURCE_TYPES) {
      served.push((await call('GET', `${type}?_count=500`)).body);
      for (const resource of estate.ehr.state.all(type)) served.push(resource);
    }
    served.push((await call('GET', 'AuditEvent?_count=500')).body, ...estate.ehr.state.auditEvents);
    expect(estate.ehr.state.auditEvents.length).toBeGreaterThan(0);
    const errors = [...new Set(served.flatMap(r4SchemaErrors))];
    expect(errors).toEqual([]);
  });

  it('catches a resource that breaks the schema (the check can fail)', () => {
    const patient = estate.ehr.state.all('Patient')[0]!;
    expect(r4SchemaErrors({ ...patient, gender: 'woman' })).not.toEqual([]);
    expect(r4SchemaErrors({ ...patient, birthDate: '1980-13-45' })).not.toEqual([]);
    expect(
      r4SchemaErrors({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ resource: { ...patient, deceased: 'no' } }],
      }),
    ).not.toEqual([]);
  });
});
