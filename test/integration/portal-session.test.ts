import { afterEach, describe, expect, it } from 'vitest';
import { cookieFrom, OTHER_IP, PATIENT_IP, type PortalRig, START, startPortal } from './portal-harness.ts';

let rig: PortalRig | undefined;
afterEach(async () => {
  await rig?.server.close();
  rig = undefined;
});

const MINUTE = 60_000;

describe('portal login and appointments page', () => {
  it('logs a patient in with an opaque, secure cookie and shows their upcoming appointments', async () => {
    rig = await startPortal();
    const login = await rig.login('ava.zztest', 'Correct-Horse-1');
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe(`${rig.server.url}/portal/home`);
    const [setCookie] = login.headers.getSetCookie();
    expect(setCookie).toMatch(/^portal_session=[0-9a-f]{64}; Path=\/portal; HttpOnly; Secure; SameSite=Lax$/);

    const page = await rig.view(cookieFrom(login));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('<caption>Upcoming appointments</caption>');
    expect(html).toContain('Ava Zztest');
    expect(html).toContain('HIV viral load draw');
    expect(html.indexOf('HIV viral load draw')).toBeLessThan(html.indexOf('Oncology consult'));
    expect(html).not.toContain('Past flu shot');
  });

  it('emits login and view telemetry keyed by the short session key, never the secret', async () => {
    rig = await startPortal();
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.view(cookie);
    const secret = cookie.split('=')[1]!;
    const [login, view] = rig.events;
    expect(login).toMatchObject({
      system: 'portal',
      action: 'portal.login',
      actor: { id: 'zz-0000001', type: 'patient' },
      session: secret.slice(0, 8),
      sourceIp: PATIENT_IP,
      userAgent: 'PortalTest/1.0',
      outcome: 'success',
    });
    expect(view).toMatchObject({
      action: 'portal.view',
      patientIds: ['zz-0000001'],
      rows: 2,
      status: 200,
      uri: '/portal/appointments',
    });
    expect(view!.fields).toEqual(expect.arrayContaining(['name', 'appointment.description']));
    expect(view!.requestId).toMatch(/^req-\d{6}$/);
    expect(JSON.stringify(rig.events)).not.toContain(secret);
  });

  it('derives the same session cookies from the same seed and different ones from another seed', async () => {
    const cookies: string[] = [];
    for (const seed of [7, 7, 8]) {
      rig = await startPortal({}, seed);
      cookies.push(cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1')));
      await rig.server.close();
      rig = undefined;
    }
    expect(cookies[0]).toBe(cookies[1]);
    expect(cookies[2]).not.toBe(cookies[0]);
  });

  it('refuses a wrong password or an unknown user with a 401 page and no cookie', async () => {
    rig = await startPortal();
    for (const [username, password] of [
      ['ava.zztest', 'wrong'],
      ['nobody', 'Correct-Horse-1'],
    ] as const) {
      const response = await rig.login(username, password);
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.text()).toContain('role="alert"');
    }
    expect([...rig.portal.state.sessions.values()]).toEqual([]);
    expect(rig.events.map((event) => event.action)).toEqual(['portal.login.failed', 'portal.login.failed']);
    expect(rig.events[0]).toMatchObject({ actor: { type: 'anonymous' }, outcome: 'failure', status: 401 });
  });

  it('sends a visitor without a session to the login form', async () => {
    rig = await startPortal();
    const response = await rig.view();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${rig.server.url}/portal/login`);
    const form = await fetch(`${rig.server.url}/portal/login`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form method="post" action="/portal/login">');
    const forged = await rig.view('portal_session=deadbeef'.padEnd(79, '0'));
    expect(forged.status).toBe(303);
  });
});

describe('portal logout', () => {
  it('ends the session on the server by default, so a copied cookie is refused afterwards', async () => {
    rig = await startPortal();
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    const logout = await rig.logout(cookie);
    expect(logout.status).toBe(303);
    expect(logout.headers.getSetCookie()[0]).toContain('Max-Age=0');
    const reuse = await rig.view(cookie, OTHER_IP);
    expect(reuse.status).toBe(303);
    expect(reuse.headers.get('location')).toBe(`${rig.server.url}/portal/login`);
    expect(rig.events.at(-1)).toMatchObject({ action: 'portal.view', outcome: 'denied', patientIds: [] });
  });

  it('leaves the session valid when invalidateOnLogout is off, and telemetry shows the view after logout', async () => {
    rig = await startPortal({ invalidateOnLogout: false });
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    const logout = await rig.logout(cookie);
    expect(logout.headers.getSetCookie()[0]).toContain('Max-Age=0');
    const reuse = await rig.view(cookie, OTHER_IP);
    expect(reuse.status).toBe(200);
    expect(await reuse.text()).toContain('Oncology consult');
    const key = cookie.split('=')[1]!.slice(0, 8);
    const actions = rig.events.filter((event) => event.session === key).map((event) => event.action);
    expect(actions).toEqual(['portal.login', 'portal.logout', 'portal.view']);
    expect(rig.events.at(-1)).toMatchObject({
      sourceIp: OTHER_IP,
      outcome: 'success',
      patientIds: ['zz-0000001'],
    });
    const session = [...rig.portal.state.sessions.values()][0]!;
    expect(session.loggedOutAt).toBe(START);
    expect(session.endedAt).toBeUndefined();
  });
});

describe('portal idle timeout (164.312(a)(2)(iii))', () => {
  it('expires a session idle longer than 15 minutes and reports it', async () => {
    rig = await startPortal();
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.clock.sleepUntil(START + 14 * MINUTE);
    expect((await rig.view(cookie)).status).toBe(200);
    await rig.clock.sleepUntil(START + 14 * MINUTE + 15 * MINUTE + 1);
    const late = await rig.view(cookie);
    expect(late.status).toBe(303);
    expect(rig.events.find((event) => event.action === 'portal.session.expired')).toMatchObject({
      actor: { id: 'zz-0000001', type: 'patient' },
      outcome: 'denied',
    });
    const session = [...rig.portal.state.sessions.values()][0]!;
    expect(session.expiredAt).toBe(START + 29 * MINUTE + 1);
  });

  it('ends a busy session at its absolute lifetime even with the idle timeout off', async () => {
    rig = await startPortal({ idleTimeoutMs: null });
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.clock.sleepUntil(START + 11 * 60 * MINUTE);
    expect((await rig.view(cookie)).status).toBe(200);
    await rig.clock.sleepUntil(START + 12 * 60 * MINUTE + 1);
    expect((await rig.view(cookie)).status).toBe(303);
    const expired = rig.events.find((event) => event.action === 'portal.session.expired');
    expect(expired?.detail).toEqual({ ageMs: 12 * 60 * MINUTE + 1, absoluteLifetimeMs: 12 * 60 * MINUTE });
  });

  it('never expires a session when both timeouts are switched off', async () => {
    rig = await startPortal({ idleTimeoutMs: null, absoluteLifetimeMs: null });
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.clock.sleepUntil(START + 24 * 60 * MINUTE);
    expect((await rig.view(cookie)).status).toBe(200);
    expect(rig.events.some((event) => event.action === 'portal.session.expired')).toBe(false);
  });
});

describe('portal containment', () => {
  it('terminates a live session server-side by id or by the short key seen in logs', async () => {
    rig = await startPortal({ invalidateOnLogout: false });
    const first = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    const second = cookieFrom(await rig.login('ben.zztest', 'Battery-Staple-2'));
    expect(rig.portal.state.terminate(first.split('=')[1]!, 'ir-lead')).toBe(true);
    expect(rig.portal.state.terminate(second.split('=')[1]!.slice(0, 8), 'ir-lead')).toBe(true);
    expect((await rig.view(first)).status).toBe(303);
    expect((await rig.view(second)).status).toBe(303);
    const terminations = rig.events.filter((event) => event.action === 'portal.session.terminate');
    expect(terminations).toHaveLength(2);
    expect(terminations[0]).toMatchObject({
      actor: { id: 'ir-lead', type: 'responder' },
      outcome: 'success',
    });
  });

  it('reports a failed termination for a session that is already gone', async () => {
    rig = await startPortal();
    const cookie = cookieFrom(await rig.login('ava.zztest', 'Correct-Horse-1'));
    await rig.logout(cookie);
    expect(rig.portal.state.terminate(cookie.split('=')[1]!, 'ir-lead')).toBe(false);
    expect(rig.portal.state.terminate('ffffffff', 'ir-lead')).toBe(false);
    const outcomes = rig.events
      .filter((event) => event.action === 'portal.session.terminate')
      .map((e) => e.outcome);
    expect(outcomes).toEqual(['failure', 'failure']);
  });
});
