import { type DrillBrowser, openDrillBrowser } from '../browser/drill-browser.ts';
import { serveOnLoopback } from '../estate/loopback-server.ts';
import { FINDER_PATH } from '../estate/portal/finder-pages.ts';
import type { AppliedInject, InjectContext } from './define.ts';

export interface FinderSearcher {
  patientId: string;
  name: string;
  dob: string;
  mrn: string;
}

export interface SharedFinderPlan {
  /** Who sits down at the shared computer, in order; each searches for their own appointment. */
  searchers: readonly FinderSearcher[];
  everyMs: number;
  sourceIp: string;
  userAgent: string;
}

/** True when the page address names a patient the way the GET form writes it. */
function addressNamesPatient(address: string): boolean {
  const query = new URL(address).searchParams;
  return ['name', 'dob', 'mrn'].some((key) => (query.get(key) ?? '') !== '');
}

/**
 * "Find my appointment" on a shared computer (a clinic's patient-education PC), in a real Chromium.
 * Each patient fills in the form and submits it; the page's analytics tag really runs, and the
 * vendor, played by the estate, receives the hit and the Referer the browser chose. The patient
 * then goes to the sign-in page and leaves. The next person presses Back: the browser's history
 * reopens the previous patient's search, identifiers in the address bar, before they search for
 * themselves. Screenshots show the address bar; the HAR is kept when the inject reverts.
 */
export async function driveSharedFinder(
  { fetch, later, exposed, keep }: InjectContext,
  plan: SharedFinderPlan,
): Promise<Pick<AppliedInject, 'revert'>> {
  const server = await serveOnLoopback(fetch);
  const device = { 'x-forwarded-for': plan.sourceIp, 'user-agent': plan.userAgent };
  let browser: DrillBrowser;
  try {
    browser = await openDrillBrowser({
      env: process.env,
      sourceIp: plan.sourceIp,
      userAgent: plan.userAgent,
      serveThirdParty: (url, headers) =>
        fetch(url, { headers: { ...device, ...(headers.referer ? { referer: headers.referer } : {}) } }),
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { page } = browser;

  const search = async (turn: number) => {
    const searcher = plan.searchers[turn]!;
    await page.goto(`${server.url}${FINDER_PATH}`);
    await page.getByLabel('Full name').fill(searcher.name);
    await page.getByLabel('Date of birth').fill(searcher.dob);
    await page.getByLabel('Medical record number').fill(searcher.mrn);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Find' }).click()]);
    await browser.settle();
    if (addressNamesPatient(page.url())) exposed([searcher.patientId]);
    await browser.screenshot(
      `patient-${turn + 1}-searches`,
      `Patient ${turn + 1} finds their appointment; the address carries their name, date of birth and MRN`,
      { addressBar: true },
    );
    await page.goto(`${server.url}/portal/login`);
    await browser.settle();
  };

  const nextPerson = async (turn: number) => {
    await page.goBack();
    await browser.settle();
    if (addressNamesPatient(page.url())) exposed([plan.searchers[turn - 1]!.patientId]);
    await browser.screenshot(
      `patient-${turn + 1}-back-shows-patient-${turn}`,
      `Patient ${turn + 1} presses Back on the shared computer: history reopens patient ${turn}'s search`,
      { addressBar: true },
    );
    await search(turn);
  };

  await search(0);
  for (let turn = 1; turn < plan.searchers.length; turn++) {
    later(turn * plan.everyMs, 'phi-in-url: the next person sits down at the shared computer', () =>
      nextPerson(turn),
    );
  }
  return {
    async revert() {
      try {
        for (const artifact of await browser.close()) keep(artifact);
      } finally {
        await server.close();
      }
    },
  };
}
