import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/estate/portal/totp.ts';
import { AVA_TOTP_SECRET, cookieFrom, PATIENT_IP, type PortalRig, startPortal } from './portal-harness.ts';

let rig: PortalRig | undefined;
afterEach(async () => {
  await rig?.server.close();
  rig = undefined;
});

async function submitCode(challenge: string, code: string): Promise<Response> {
  return fetch(`${rig!.server.url}/portal/login/mfa`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'x-forwarded-for': PATIENT_IP, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ challenge, code }).toString(),
  });
}

async function passwordStep(): Promise<string> {
  const response = await rig!.login('ava.zztest', 'Correct-Horse-1');
  expect(response.status).toBe(200);
  expect(response.headers.getSetCookie().some((c) => c.startsWith('portal_session='))).toBe(false);
  const html = await response.text();
  expect(html).toContain('<label for="code">Verification code</label>');
  return /name="challenge" value="([^"]+)"/.exec(html)![1]!;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('portal sign-in with a TOTP second step', () => {
  it('the password alone opens no session; the code from the authenticator does', async () => {
    rig = await startPortal({ mfa: 'totp' });
    const challenge = await passwordStep();
    const signedIn = await submitCode(challenge, totpCode(AVA_TOTP_SECRET, rig.clock.now()));
    expect(signedIn.status).toBe(303);
    expect(new URL(signedIn.headers.get('location')!).pathname).toBe('/portal/home');
    expect((await rig.view(cookieFrom(signedIn))).status).toBe(200);
    expect(rig.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['portal.mfa.challenge', 'portal.login']),
    );
    // A challenge is good once.
    expect((await submitCode(challenge, totpCode(AVA_TOTP_SECRET, rig.clock.now()))).status).toBe(303);
    expect(rig.events.at(-1)).toMatchObject({ action: 'portal.mfa.failed', outcome: 'failure' });
  });

  it('refuses a wrong code, then sends the patient back to the password after five', async () => {
    rig = await startPortal({ mfa: 'totp' });
    const challenge = await passwordStep();
    const right = totpCode(AVA_TOTP_SECRET, rig.clock.now());
    for (let attempt = 1; attempt < 5; attempt += 1) {
      const refused = await submitCode(challenge, wrong(right));
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('That code is not right.');
    }
    const spent = await submitCode(challenge, wrong(right));
    expect(spent.status).toBe(303);
    expect(new URL(spent.headers.get('location')!).pathname).toBe('/portal/login');
    const late = await submitCode(challenge, right);
    expect(late.headers.getSetCookie().some((c) => c.startsWith('portal_session='))).toBe(false);
    expect(rig.events.filter((e) => e.action === 'portal.mfa.failed')).toHaveLength(6);
  });

  it('a challenge goes stale after five minutes on the clock', async () => {
    rig = await startPortal({ mfa: 'totp' });
    const challenge = await passwordStep();
    await rig.clock.sleepUntil(rig.clock.now() + 5 * 60_000 + 1);
    const stale = await submitCode(challenge, totpCode(AVA_TOTP_SECRET, rig.clock.now()));
    expect(new URL(stale.headers.get('location')!).pathname).toBe('/portal/login');
    expect(stale.headers.getSetCookie().some((c) => c.startsWith('portal_session='))).toBe(false);
  });

  it('with mfa off (the default) the password signs in directly', async () => {
    rig = await startPortal();
    const response = await rig.login('ava.zztest', 'Correct-Horse-1');
    expect(response.status).toBe(303);
    expect(cookieFrom(response)).toMatch(/^portal_session=/);
  });
});
