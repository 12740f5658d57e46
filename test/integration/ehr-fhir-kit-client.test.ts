import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { type LoopbackServer, serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { setupEhr } from './ehr-fixtures.ts';

interface Bundle {
  resourceType: string;
  total: number;
  link: Array<{ relation: string; url: string }>;
  entry?: Array<{ fullUrl: string; resource: { id: string } }>;
}

describe('EHR through fhir-kit-client over loopback HTTP', () => {
  const estate = setupEhr();
  let server: LoopbackServer;
  let client: Client;

  beforeAll(async () => {
    server = await serveOnLoopback(createDispatch(() => estate.ehr.handlers, estate.ctx));
    const response = await fetch(`${server.url}/fhir/R4/auth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('crm-sync:sync-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials&scope=system%2F*.rs',
    });
    const { access_token } = (await response.json()) as { access_token: string };
    client = new Client({ baseUrl: `${server.url}/fhir/R4`, bearerToken: access_token });
  });

  afterAll(async () => {
    await server.close();
  });

  it('reads the CapabilityStatement', async () => {
    const capability = (await client.capabilityStatement()) as unknown as {
      fhirVersion: string;
      rest: Array<{ resource: Array<{ type: string; searchParam: Array<{ name: string }> }> }>;
    };
    expect(capability.fhirVersion).toBe('4.0.1');
    const patient = capability.rest[0]!.resource.find((r) => r.type === 'Patient')!;
    expect(patient.searchParam.map((p) => p.name)).toEqual(
      expect.arrayContaining(['family', 'given', 'name', 'birthdate', 'identifier', 'gender', '_id']),
    );
  });

  it('reads a patient', async () => {
    const patient = (await client.read({ resourceType: 'Patient', id: 'zz-0000010' })) as unknown as {
      id: string;
    };
    expect(patient.id).toBe('zz-0000010');
    const event = estate.events.at(-1)!;
    expect(event).toMatchObject({ action: 'fhir.read', sourceIp: '127.0.0.1', status: 200 });
    expect(event.requestId).toMatch(/^req-/);
  });

  it('searches and follows nextPage to the end, with links on the loopback origin', async () => {
    let bundle = (await client.search({
      resourceType: 'Patient',
      searchParams: { gender: 'female', _count: '7' },
    })) as unknown as Bundle;
    const ids: string[] = [];
    for (;;) {
      for (const entry of bundle.entry ?? []) {
        expect(entry.fullUrl.startsWith(`${server.url}/fhir/R4/Patient/`)).toBe(true);
        ids.push(entry.resource.id);
      }
      const next = client.nextPage({ bundle: bundle as never });
      if (!next) break;
      bundle = (await next) as unknown as Bundle;
    }
    expect(bundle.total).toBe(23);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
  });

  it('surfaces a 404 OperationOutcome as a client error', async () => {
    const failure = await client.read({ resourceType: 'Patient', id: 'nobody' }).then(
      () => undefined,
      (error: { response: { status: number; data: { resourceType: string } } }) => error,
    );
    expect(failure?.response.status).toBe(404);
    expect(failure?.response.data.resourceType).toBe('OperationOutcome');
  });

  it('is refused with 401 when the token is withheld', async () => {
    const anonymous = new Client({ baseUrl: `${server.url}/fhir/R4` });
    const failure = await anonymous.read({ resourceType: 'Patient', id: 'zz-0000010' }).then(
      () => undefined,
      (error: { response: { status: number } }) => error,
    );
    expect(failure?.response.status).toBe(401);
  });
});
