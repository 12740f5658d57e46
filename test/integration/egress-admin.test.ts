import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const BASE = 'https://estate.example.test';
const PATH = '/integration/admin/egress/block';
const SURVEY = 'ingest.surveyspark.example';

/** An estate with a survey package's named credential pointing at a vendor host. */
function withPackage() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 6, patients: 5 });
  estate.egress.credentials.set('SurveySpark_Feedback', { name: 'SurveySpark_Feedback', host: SURVEY });
  const token = async (user: { username: string; password: string }) => {
    const { consoleApp } = estate.credentials.crm;
    const response = await estate.fetch(`${BASE}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: consoleApp.clientId,
        client_secret: consoleApp.clientSecret,
        username: user.username,
        password: user.password,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const post = (body: string, bearer?: string) =>
    estate.fetch(`${BASE}${PATH}`, {
      method: 'POST',
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
      body,
    });
  return { estate, events, token, post };
}

describe('outbound gateway administrator console: the egress block a SOAR sets', () => {
  it('blocks the vendor host as the responder administrator; the next callout is refused', async () => {
    const rig = withPackage();
    const admin = await rig.token(rig.estate.credentials.crm.admin);
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
    const desk = await rig.token(rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.post(body, desk)).status).toBe(403);
    expect(rig.estate.egress.blocked.size).toBe(0);
  });

  it('answers a body that is not JSON or has no host with 400, and an unknown host with 404', async () => {
    const rig = withPackage();
    const admin = await rig.token(rig.estate.credentials.crm.admin);
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
