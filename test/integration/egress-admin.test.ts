import { describe, expect, it } from 'vitest';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

const BASE = 'https://estate.example.test';
const PATH = '/integration/admin/egress/block';
const SURVEY = 'ingest.surveyspark.example';

/** An estate with a survey package's named credential pointing at a vendor host. */
function withPackage() {
  const { events, estate } = observedEstate({ seed: 6, patients: 5 });
  estate.egress.credentials.set('SurveySpark_Feedback', { name: 'SurveySpark_Feedback', host: SURVEY });
  const post = (body: string, token?: string) => callConsole(estate, 'POST', `${BASE}${PATH}`, token, body);
  return { estate, events, post };
}

describe('outbound gateway administrator console: the egress block a SOAR sets', () => {
  it('blocks the vendor host as the responder administrator; the next callout is refused', async () => {
    const rig = withPackage();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const answer = await rig.post(JSON.stringify({ host: SURVEY }), admin);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ blocked: [SURVEY] });
    const status = await rig.estate.egress.callout('SurveySpark_Feedback', '/v1/invitations', '{}', {
      sourceIp: '127.0.0.1',
      requestId: 'req-x',
    });
    expect(status).toBe(403);
    expect(rig.events.find((event) => event.action === 'egress.policy.block')?.actor).toMatchObject({
      id: rig.estate.credentials.crm.admin.username,
      type: 'responder',
    });
  });

  it('refuses a missing or dead token (401) and a user without Manage Users (403); nothing is blocked', async () => {
    const rig = withPackage();
    const body = JSON.stringify({ host: SURVEY });
    expect((await rig.post(body)).status).toBe(401);
    expect((await rig.post(body, 'not-a-token')).status).toBe(401);
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.post(body, desk)).status).toBe(403);
    expect(rig.estate.egress.blocked.size).toBe(0);
  });

  it('answers a body that is not JSON or has no host with 400, and an unknown host with 404', async () => {
    const rig = withPackage();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    const garbled = await rig.post('host=x', admin);
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: string }).error).toMatch(/must be JSON/);
    expect((await rig.post('{}', admin)).status).toBe(400);
    const unknown = await rig.post(JSON.stringify({ host: 'typo.example' }), admin);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe(
      'no named credential points at typo.example',
    );
    expect(rig.estate.egress.blocked.size).toBe(0);
  });
});
