import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const KIOSK_IP = '10.20.0.250';
const BASE = 'https://estate.example.test';

function form(body: Record<string, string>, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body),
  };
}

/** An estate with a patient signed in at a kiosk and no built-in control running: only the responder acts. */
async function kioskSession() {
  const clock = new VirtualClock(Date.parse('2026-03-02T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 4, patients: 5 });
  const patient = estate.credentials.portal.loginFor(0);
  const signedIn = await estate.fetch(
    `${BASE}/portal/login`,
    form({ username: patient.username, password: patient.password }, { 'x-forwarded-for': KIOSK_IP }),
  );
  expect(signedIn.status).toBe(303);
  // What a SOAR reads from the telemetry: the session key of the kiosk's sign-in.
  const key = events.find((e) => e.action === 'portal.login' && e.sourceIp === KIOSK_IP)!.session!;
  const terminated = () =>
    [...estate.portal.state.sessions.values()].some(
      (session) => session.sourceIp === KIOSK_IP && session.terminatedAt !== undefined,
    );
  const login = async (user: { username: string; password: string }) => {
    const { consoleApp } = estate.credentials.crm;
    const response = await estate.fetch(
      `${BASE}/services/oauth2/token`,
      form({
        grant_type: 'password',
        client_id: consoleApp.clientId,
        client_secret: consoleApp.clientSecret,
        username: user.username,
        password: user.password,
      }),
    );
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const terminate = (sessionKey: string, token?: string) =>
    estate.fetch(`${BASE}/portal/admin/sessions/${sessionKey}`, {
      method: 'DELETE',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  return { estate, events, key, terminated, login, terminate };
}

describe('portal administrator console: session termination a SOAR calls', () => {
  it('ends the kiosk session as the responder administrator, through the portal’s own termination', async () => {
    const rig = await kioskSession();
    const admin = await rig.login(rig.estate.credentials.crm.admin);
    expect(rig.terminated()).toBe(false);
    const response = await rig.terminate(rig.key, admin);
    expect(response.status).toBe(204);
    expect(rig.terminated()).toBe(true);
    const recorded = rig.events.find((e) => e.action === 'portal.session.terminate');
    expect(recorded).toMatchObject({
      outcome: 'success',
      session: rig.key,
      actor: { id: rig.estate.credentials.crm.admin.username, type: 'responder' },
    });
    // The session is over: a second termination finds nothing live.
    expect((await rig.terminate(rig.key, admin)).status).toBe(404);
  });

  it('refuses a missing or wrong token with 401 and the session stays live', async () => {
    const rig = await kioskSession();
    const missing = await rig.terminate(rig.key);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await rig.terminate(rig.key, 'not-a-token');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/access token/);
    expect(rig.terminated()).toBe(false);
    expect(rig.events.some((e) => e.action === 'portal.session.terminate')).toBe(false);
  });

  it('refuses a user without Manage Users with 403, and an unknown key with 404', async () => {
    const rig = await kioskSession();
    const desk = await rig.login(rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.terminate(rig.key, desk)).status).toBe(403);
    const admin = await rig.login(rig.estate.credentials.crm.admin);
    expect((await rig.terminate('no-such-key', admin)).status).toBe(404);
    expect(rig.terminated()).toBe(false);
  });
});
