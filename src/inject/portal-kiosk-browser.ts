import { type DrillBrowser, openDrillBrowser } from '../browser/drill-browser.ts';
import { serveOnLoopback } from '../estate/loopback-server.ts';
import { signInAsPatient } from '../estate/portal/patient-sign-in.ts';
import type { AppliedInject, InjectContext } from './define.ts';

export interface KioskPlan {
  patient: number;
  reuseAfterMs: number;
  views: number;
  sourceIp: string;
  userAgent: string;
}

/** Pages the next person opens; the first is one patient A never loaded, so it cannot come from the cache. */
const NEXT_PERSON_PAGES = [
  '/portal/messages',
  '/portal/appointments',
  '/portal/emergency-contact',
  '/portal/home',
];

/**
 * The shared kiosk in a real Chromium: patient A signs in through the form, opens lab results and
 * walks away; later patient B, in the same browser profile, opens the portal and sees A's chart,
 * signs out and presses Back, which shows A's results again from the browser's cache. Every step
 * leaves a screenshot; the HAR of the whole session is kept when the inject reverts.
 */
export async function driveKiosk(
  { estate, fetch, later, exposed, keep }: InjectContext,
  plan: KioskPlan,
): Promise<Pick<AppliedInject, 'revert'>> {
  const login = estate.credentials.portal.loginFor(plan.patient);
  const name = estate.population.patient(plan.patient).family;
  const server = await serveOnLoopback(fetch);
  let kiosk: DrillBrowser;
  try {
    kiosk = await openDrillBrowser({
      env: process.env,
      sourceIp: plan.sourceIp,
      userAgent: plan.userAgent,
      // The analytics tag's hits reach the estate's egress record instead of the internet.
      onThirdParty: async (url, referer) => {
        await fetch(url, { headers: { ...(referer ? { referer } : {}), 'x-forwarded-for': plan.sourceIp } });
      },
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { page } = kiosk;
  const showsPatient = async () =>
    (await page.content()).includes(name) && !page.url().endsWith('/portal/login');

  await signInAsPatient(page, `${server.url}/portal/login`, login, () => estate.clock.now());
  await page.getByRole('link', { name: 'Lab results' }).click();
  await kiosk.settle();
  await kiosk.screenshot(
    'patient-a-results',
    'Patient A reads lab results at the kiosk, then walks away without signing out',
  );

  later(
    plan.reuseAfterMs,
    'portal-session-reuse: the next person at the kiosk opens the portal',
    async () => {
      await page.goto(`${server.url}${NEXT_PERSON_PAGES[0]}`);
      await kiosk.settle();
      if (await showsPatient()) exposed([login.patientId]);
      await kiosk.screenshot(
        'patient-b-sees-a',
        "Patient B opens the portal on the same kiosk and reads patient A's messages",
      );
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/portal/login');
      await page.goBack();
      await kiosk.settle();
      if (await showsPatient()) exposed([login.patientId]);
      await kiosk.screenshot(
        'back-after-sign-out',
        "After signing out, Back shows patient A's messages again from the browser's cache",
      );
    },
  );
  for (let view = 1; view < plan.views; view++) {
    later(
      plan.reuseAfterMs + view * 60_000,
      'portal-session-reuse: the next person keeps browsing',
      async () => {
        await page.goto(`${server.url}${NEXT_PERSON_PAGES[view % NEXT_PERSON_PAGES.length]}`);
        await kiosk.settle();
        if (await showsPatient()) exposed([login.patientId]);
      },
    );
  }
  return {
    async revert() {
      try {
        for (const artifact of await kiosk.close()) keep(artifact);
      } finally {
        await server.close();
      }
    },
  };
}
