import { describe, expect, it } from 'vitest';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';
const PATH = '/integration/admin/tls/minimum';

/** An estate whose integration edge was opened to TLS 1.0/1.1 and plain HTTP for a legacy client. */
function weakEdge() {
  const { events, estate } = observedEstate({ seed: 6, patients: 5 });
  estate.integration.edge.config = {
    sslProtocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    plainHttp: true,
  };
  const post = (body: string, token?: string) => callConsole(estate, 'POST', `${BASE}${PATH}`, token, body);
  return { estate, events, post };
}

describe('integration edge administrator console: the TLS minimum a SOAR sets', () => {
  it('holds the edge to TLS 1.2+ and closes the plain listener as the responder administrator', async () => {
    const rig = weakEdge();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const answer = await rig.post('{"minimum":"TLSv1.2"}', admin);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ sslProtocols: ['TLSv1.2', 'TLSv1.3'], plainHttp: false });
    expect(rig.estate.integration.edge.weak()).toBe(false);
    expect(rig.events.find((event) => event.action === 'tls.policy.update')?.actor).toMatchObject({
      id: rig.estate.credentials.crm.admin.username,
      type: 'responder',
    });
  });

  it('refuses a missing or dead token (401) and a user without Manage Users (403); the policy stays weak', async () => {
    const rig = weakEdge();
    expect((await rig.post('{"minimum":"TLSv1.2"}')).status).toBe(401);
    expect((await rig.post('{"minimum":"TLSv1.2"}', 'not-a-token')).status).toBe(401);
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.post('{"minimum":"TLSv1.2"}', desk)).status).toBe(403);
    expect(rig.estate.integration.edge.weak()).toBe(true);
  });

  it('answers a body that is not JSON, or a minimum below TLS 1.2, with 400 and a reason', async () => {
    const rig = weakEdge();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const garbled = await rig.post('minimum=TLSv1.2', admin);
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: string }).error).toMatch(/must be JSON/);
    const weaker = await rig.post('{"minimum":"TLSv1"}', admin);
    expect(weaker.status).toBe(400);
    expect(((await weaker.json()) as { error: string }).error).toBe(
      'minimum: must be one of TLSv1.2, TLSv1.3',
    );
    expect(rig.estate.integration.edge.weak()).toBe(true);
  });
});
