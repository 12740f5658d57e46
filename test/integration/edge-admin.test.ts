import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const BASE = 'https://estate.example.test';
const PATH = '/integration/admin/tls/minimum';

/** An estate whose integration edge was opened to TLS 1.0/1.1 and plain HTTP for a legacy client. */
function weakEdge() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 6, patients: 5 });
  estate.integration.edge.config = {
    sslProtocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    plainHttp: true,
  };
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

describe('integration edge administrator console: the TLS minimum a SOAR sets', () => {
  it('holds the edge to TLS 1.2+ and closes the plain listener as the responder administrator', async () => {
    const rig = weakEdge();
    const admin = await rig.token(rig.estate.credentials.crm.admin);
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
    const desk = await rig.token(rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.post('{"minimum":"TLSv1.2"}', desk)).status).toBe(403);
    expect(rig.estate.integration.edge.weak()).toBe(true);
  });

  it('answers a body that is not JSON, or a minimum below TLS 1.2, with 400 and a reason', async () => {
    const rig = weakEdge();
    const admin = await rig.token(rig.estate.credentials.crm.admin);
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
