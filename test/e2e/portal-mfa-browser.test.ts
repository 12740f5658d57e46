import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/browser/launch.ts';
import { RealClock } from '../../src/clock/clock.ts';
import { signInAsPatient } from '../../src/estate/portal/patient-sign-in.ts';
import { type PortalRig, servePortal } from './portal-rig.ts';

let browser: Browser;
let rig: PortalRig;
beforeAll(async () => {
  browser = await launchChromium(process.env, { reachable: [] });
  rig = await servePortal({ mfa: 'totp' });
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

const clock = new RealClock();

describe('the browser drivers sign in through the TOTP step', () => {
  it('a patient with the right authenticator secret reaches home; a wrong secret stays on the code page', async () => {
    const login = {
      username: rig.env.PHI_DRILL_PORTAL_USER!,
      password: rig.env.PHI_DRILL_PORTAL_PASSWORD!,
      totpSecret: rig.env.PHI_DRILL_PORTAL_TOTP!,
    };
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(3_000);
      await signInAsPatient(page, rig.loginUrl, login, () => clock.now());
      expect(new URL(page.url()).pathname).toBe('/portal/home');
      await context.clearCookies();
      const wrong = { ...login, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
      await expect(signInAsPatient(page, rig.loginUrl, wrong, () => clock.now())).rejects.toThrow(
        /waitForURL/,
      );
      expect(await page.getByRole('alert').textContent()).toMatch(/That code is not right/);
    } finally {
      await context.close();
    }
  });
});
