import { describe, expect, it } from 'vitest';
import { callConsole, crmToken } from '../support/crm-console.ts';
import { observedEstate } from '../support/observed-estate.ts';

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
  const { events, estate } = observedEstate({ seed: 4, patients: 5 });
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
  const terminate = (sessionKey: string, token?: string) =>
    callConsole(estate, 'DELETE', `${BASE}/portal/admin/sessions/${sessionKey}`, token);
  return { estate, events, key, terminated, terminate };
}

describe('portal administrator console: session termination a SOAR calls', () => {
  it('ends the kiosk session as the responder administrator, through the portal’s own termination', async () => {
    const rig = await kioskSession();
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
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
    const desk = await crmToken(rig.estate, rig.estate.credentials.crm.frontDesk[0]!);
    expect((await rig.terminate(rig.key, desk)).status).toBe(403);
    const admin = await crmToken(rig.estate, rig.estate.credentials.crm.admin);
    expect((await rig.terminate('no-such-key', admin)).status).toBe(404);
    expect(rig.terminated()).toBe(false);
  });
});
