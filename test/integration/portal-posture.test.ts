import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import type { PortalOptions } from '../../src/estate/portal/index.ts';
import { WEAK_PORTAL } from '../../src/estate/portal/postures.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

/** Signs patient 0 in over plain HTTP (no browser) and returns what the portal sent. */
async function signedIn(portal: PortalOptions) {
  const clock = new VirtualClock(Date.parse('2026-03-02T14:00:00Z'));
  const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 2, patients: 5, portal });
  const form = await estate.fetch('/portal/login');
  const anonymous = form.headers.getSetCookie()[0]!.split(';')[0]!;
  const login = estate.credentials.portal.loginFor(0);
  const response = await estate.fetch('/portal/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anonymous },
    body: new URLSearchParams({ username: login.username, password: login.password }),
    redirect: 'manual',
  });
  const setCookie = response.headers.getSetCookie()[0] ?? '';
  const cookie = setCookie.split(';')[0]!;
  const page = async (path: string) => {
    const reply = await estate.fetch(path, { headers: { cookie } });
    return { headers: reply.headers, html: await reply.text(), status: reply.status };
  };
  return { estate, anonymous, setCookie, cookie, page };
}

describe('portal posture switches, as served (no browser)', () => {
  it('secure by default: rotated id, strict cookie, no-store, same-origin referrer, clean markup', async () => {
    const { anonymous, setCookie, cookie, page } = await signedIn({});
    expect(cookie).not.toBe(anonymous);
    expect(setCookie).toMatch(/; Path=\/portal; HttpOnly; Secure; SameSite=Lax$/);
    const home = await page('/portal/home');
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.headers.get('referrer-policy')).toBe('same-origin');
    expect(home.html).toContain('SYNTHETIC DATA');
    expect(home.html).toContain('href="/portal/results"');
    expect(home.html).not.toContain('localStorage');
    const form = await page('/portal/emergency-contact');
    expect(form.html).toContain('<label for="memberId">');
    expect(form.html).toMatch(/<input id="memberId" name="memberId" autocomplete="off">/);
    expect(form.html).toContain('<button type="submit">Save contact</button>');
  });

  it('weak posture: fixated id, loose cookie, cacheable pages, PHI in links and storage, faulty form', async () => {
    const { anonymous, setCookie, cookie, page, estate } = await signedIn(WEAK_PORTAL);
    expect(cookie).toBe(anonymous);
    expect(setCookie).toMatch(/; Path=\/; SameSite=Lax$/);
    const home = await page('/portal/home');
    expect(home.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(home.headers.get('referrer-policy')).toBe('unsafe-url');
    const patient = estate.population.patient(0);
    expect(home.html).toContain(`/portal/results?mrn=${patient.mrn}&amp;name=`);
    expect(home.html).toContain(`localStorage.setItem('portal.profile'`);
    const form = await page('/portal/emergency-contact');
    expect(form.html).not.toContain('<label');
    expect(form.html).toMatch(/<input name="memberId">/);
    expect(form.html).toContain('onclick="this.closest(\'form\').submit()"');
  });
});
