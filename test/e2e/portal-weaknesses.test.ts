import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/browser/launch.ts';
import { RealClock } from '../../src/clock/clock.ts';
import type { PortalOptions } from '../../src/estate/portal/index.ts';
import { defaultPortalConfig } from '../../src/estate/portal/types.ts';
import { runPortalChecks } from '../../src/portal-check/run-checks.ts';
import { recipeSignIn, SignInRecipe } from '../../src/portal-check/sign-in.ts';
import { servePortal } from './portal-rig.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium(process.env);
});
afterAll(async () => {
  await browser.close();
});

const RECIPE = SignInRecipe.parse({
  username: { label: 'Username', env: 'PHI_DRILL_PORTAL_USER' },
  password: { label: 'Password', env: 'PHI_DRILL_PORTAL_PASSWORD' },
  submit: 'Sign in',
  signedIn: { urlIncludes: '/portal/home' },
});

/** Findings portal-check reports against the estate portal in one posture. */
async function findingsWith(portal: PortalOptions, idleWaitMs = 0): Promise<string[]> {
  const rig = await servePortal(portal);
  try {
    const { results } = await runPortalChecks(browser, {
      url: rig.loginUrl,
      signIn: recipeSignIn(RECIPE, rig.env),
      maxPages: 8,
      idleWaitMs,
      lifetimeWaitMs: 0,
      clock: new RealClock(),
      say: () => {},
    });
    return results.filter((row) => row.status === 'finding').map((row) => row.id);
  } finally {
    await rig.close();
  }
}

const cookie = (change: Partial<ReturnType<typeof defaultPortalConfig>['cookie']>) => ({
  cookie: { ...defaultPortalConfig().cookie, ...change },
});

/** Each documented weakness, switched on alone, and exactly the checks it must fail. */
const WEAKNESSES: Array<[string, PortalOptions, string[]]> = [
  ['sign-out only clears the cookie', { invalidateOnLogout: false }, ['session-ended-on-sign-out']],
  ['no new session id on sign-in', { rotateOnSignIn: false }, ['session-rotated-on-sign-in']],
  ['cookie without Secure', cookie({ secure: false }), ['cookie-secure']],
  ['cookie without HttpOnly', cookie({ httpOnly: false }), ['cookie-httponly']],
  ['cookie with SameSite=None', cookie({ sameSite: 'None' }), ['cookie-samesite']],
  ['cookie for the whole host', cookie({ path: '/' }), ['cookie-path']],
  ['PHI pages cacheable', { noStore: false }, ['back-after-sign-out', 'no-store']],
  ['PHI in result links', { phiInUrl: true }, ['no-sensitive-data-in-url']],
  [
    'PHI in links and a Referrer-Policy of unsafe-url',
    { phiInUrl: true, referrerPolicy: 'unsafe-url' },
    ['no-sensitive-data-in-url', 'third-party-leak'],
  ],
  ['profile cached in localStorage', { localStoragePhi: true }, ['browser-storage']],
  ['member id remembered by the browser', { autocompleteSensitive: true }, ['autocomplete-sensitive']],
  [
    'emergency-contact form faults',
    { accessibilityFaults: true },
    ['keyboard-path', 'wcag:label', 'wcag:select-name', 'wcag:target-size'],
  ],
];

describe('each portal weakness fails its check in Chromium, and only that check', () => {
  it('passes every check with every weakness off (idle timeout skipped here)', async () => {
    expect(await findingsWith({})).toEqual([]);
  });

  it.each(WEAKNESSES)('%s', async (_name, portal, expected) => {
    expect((await findingsWith(portal)).sort()).toEqual([...expected].sort());
  });

  // The secure posture's idle timeout passing is shown in portal-check.test.ts (it waits out a real timeout).
  it('an idle session that never ends fails idle-timeout', async () => {
    expect(await findingsWith({ idleTimeoutMs: null }, 4_000)).toEqual(['idle-timeout']);
  });
});
