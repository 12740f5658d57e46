import { type DrillBrowser, openDrillBrowser } from '../browser/drill-browser.ts';
import { serveOnLoopback } from '../estate/loopback-server.ts';
import { signInAsPatient } from '../estate/portal/patient-sign-in.ts';
import type { AppliedInject, InjectContext } from './define.ts';

export interface SharedDevicePlan {
  patient: number;
  nextPatient: number;
  nextAfterMs: number;
  sourceIp: string;
  userAgent: string;
}

/** How long after the next person signs out someone opens the portal on the device again. */
const LATER_CHECK_MS = 10 * 60_000;

/** The stored profile, when the device holds one for this MRN. */
function holdsProfileOf(storage: Record<string, string>, mrn: string): boolean {
  return Object.values(storage).some((value) => value.includes(mrn));
}

/**
 * A shared device in a real Chromium: patient A signs in (answering MFA when the portal asks),
 * reads the dashboard and signs out. Later patient B, in the same browser profile, opens the portal:
 * the sign-in page greets B with A's name, MRN and date of birth from `localStorage`. B signs in,
 * which is when the dashboard's script reports the stale profile, and signs out; ten minutes later
 * the device shows whether containment reached it (storage wiped on the next load, or still there).
 * Screenshots and storage snapshots at each step; the HAR is kept when the inject reverts.
 */
export async function driveSharedDevice(
  { estate, fetch, later, exposed, keep }: InjectContext,
  plan: SharedDevicePlan,
): Promise<Pick<AppliedInject, 'revert'>> {
  const loginA = estate.credentials.portal.loginFor(plan.patient);
  const loginB = estate.credentials.portal.loginFor(plan.nextPatient);
  const mrnA = estate.population.patient(plan.patient).mrn;
  const now = () => estate.clock.now();
  const server = await serveOnLoopback(fetch);
  const loginUrl = `${server.url}/portal/login`;
  let device: DrillBrowser;
  try {
    device = await openDrillBrowser({ env: process.env, sourceIp: plan.sourceIp, userAgent: plan.userAgent });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { page } = device;
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/portal/login');
    await device.settle();
  };

  await signInAsPatient(page, loginUrl, loginA, now);
  await device.settle();
  await device.screenshot('patient-a-dashboard', 'Patient A reads the dashboard on the shared device');
  await signOut();

  later(plan.nextAfterMs, 'portal-storage-residue: the next person picks up the shared device', async () => {
    await page.goto(loginUrl);
    await device.settle();
    const held = await device.storage(
      'storage-when-b-arrives',
      "What the device's browser storage holds for the portal when patient B picks it up",
    );
    if (holdsProfileOf(held, mrnA)) exposed([loginA.patientId]);
    await device.screenshot(
      'patient-b-greeted-with-a',
      "Patient B opens the portal on the shared device: the sign-in page shows patient A's profile from localStorage",
    );
    await signInAsPatient(page, loginUrl, loginB, now);
    await device.settle();
    await signOut();
  });
  later(plan.nextAfterMs + LATER_CHECK_MS, 'portal-storage-residue: the device is opened again', async () => {
    await page.goto(loginUrl);
    await device.settle();
    await device.storage(
      'storage-on-next-load',
      "The device's browser storage for the portal on its next load (empty once Clear-Site-Data reached it)",
    );
    await device.screenshot('next-load', 'The sign-in page on the shared device at its next load');
  });
  return {
    async revert() {
      try {
        for (const artifact of await device.close()) keep(artifact);
      } finally {
        await server.close();
      }
    },
  };
}
