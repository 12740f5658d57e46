import { afterAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/estate/dispatch.ts';
import { type LoopbackServer, serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { setupEhr } from './ehr-fixtures.ts';

const servers: LoopbackServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

describe('the loopback server writing a JSON answer the estate holds as text', () => {
  it('sends every byte of a non-ASCII body with a Content-Length in bytes, and the request id', async () => {
    const { ctx, ehr, token } = setupEhr();
    const server = await serveOnLoopback(createDispatch(() => ehr.handlers, ctx));
    servers.push(server);
    const response = await fetch(`${server.url}/fhir/R4/Patient/zz-accent`, {
      headers: { authorization: `Bearer ${await token()}`, 'x-request-id': 'req-accent' },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(response.headers.get('x-request-id')).toBe('req-accent');
    const patient = JSON.parse(bytes.toString('utf8')) as { name: Array<{ family: string }> };
    expect(patient.name[0]!.family).toBe('Núñez');
    expect(bytes.length).toBeGreaterThan(bytes.toString('utf8').length);
  });
});
