import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { phiInUrl } from '../controls/url-phi.ts';
import { findPhi } from '../synth/find-phi.ts';
import { type CheckResult, result } from './checks.ts';
import { cookieChecks, sessionCookies } from './cookie-checks.ts';
import { axeChecks, pageChecks, type ThirdParty } from './page-checks.ts';
import type { SignIn } from './sign-in.ts';
import { type TimeoutWaits, timeoutChecks } from './timeout-checks.ts';
import { type PageVisit, signOut, walkPortal } from './walk.ts';

export interface PortalCheckOptions extends TimeoutWaits {
  url: string;
  signIn: SignIn;
  maxPages: number;
}

export interface PortalCheckOutcome {
  results: CheckResult[];
  visits: PageVisit[];
}

const hostOf = (url: string) => new URL(url).hostname;

async function signedInContext(browser: Browser, options: PortalCheckOptions, thirdParty: ThirdParty[]) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  context.setDefaultTimeout(15_000);
  const portalHost = hostOf(options.url);
  context.on('request', (request) => {
    if (/^https?:/.test(request.url()) && hostOf(request.url()) !== portalHost) {
      thirdParty.push({ url: request.url(), referer: request.headers().referer });
    }
  });
  const page = await context.newPage();
  await page.goto(options.url);
  const before = await context.cookies();
  await options.signIn(page, options.url);
  return { context, page, before };
}

/** Cookies sign-in set or changed: the session's, whatever the portal calls them. */
async function storage(page: Page): Promise<Array<[string, string]>> {
  return page.evaluate(() => [...Object.entries(localStorage), ...Object.entries(sessionStorage)]);
}

/** Runs every check against the portal at `options.url`; sign-in failures throw SignInProblem. */
export async function runPortalChecks(
  browser: Browser,
  options: PortalCheckOptions,
): Promise<PortalCheckOutcome> {
  const thirdParty: ThirdParty[] = [];
  const contexts: BrowserContext[] = [];
  try {
    const { context, page, before } = await signedInContext(browser, options, thirdParty);
    contexts.push(context);
    const after = await context.cookies();
    const cookies = sessionCookies(before, after);
    const landing = page.url();
    options.say(
      `signed in; landed on ${new URL(landing).pathname}; visiting up to ${options.maxPages} pages`,
    );
    const visits = await walkPortal(page, options.maxPages);
    const held = await storage(page);
    const lastPage = visits.findLast((visit) => visit.signedIn && visit.status === 200)?.url ?? landing;
    await page.goto(lastPage);
    const heading = await page
      .locator('h1')
      .first()
      .textContent()
      .catch(() => null);
    const signedOut = await signOut(page);
    const results = [
      ...cookieChecks(before, cookies, new URL(landing).pathname.split('/').slice(0, 2).join('/') || '/'),
      ...pageChecks(
        visits,
        cookies.map((cookie) => cookie.value),
        thirdParty,
      ),
      ...(signedOut
        ? await afterSignOut(browser, page, { lastPage, heading, cookies, held }, contexts)
        : signOutMissing()),
      ...(await timeoutChecks(async () => {
        const fresh = await signedInContext(browser, options, thirdParty);
        contexts.push(fresh.context);
        return fresh.page;
      }, options)),
      ...axeChecks(visits),
    ];
    return { results, visits };
  } finally {
    for (const context of contexts) await context.close();
  }
}

function signOutMissing(): CheckResult[] {
  const why = 'no sign-out control (a button or link named "Sign out"/"Log out") was found';
  return [
    result('session-ended-on-sign-out', 'finding', why),
    result('back-after-sign-out', 'not-checked', why),
    result('browser-storage', 'not-checked', why),
  ];
}

async function afterSignOut(
  browser: Browser,
  page: Page,
  seen: { lastPage: string; heading: string | null; cookies: Cookie[]; held: Array<[string, string]> },
  contexts: BrowserContext[],
): Promise<CheckResult[]> {
  await page.goBack().catch(() => null);
  await page.waitForLoadState('load');
  const shownAgain =
    page.url() === seen.lastPage &&
    (await page.locator('input[type=password]').count()) === 0 &&
    (await page
      .locator('h1')
      .first()
      .textContent()
      .catch(() => null)) === seen.heading;
  const left = await storage(page).catch(() => []);
  const patientData = seen.held.filter(
    ([, value]) =>
      findPhi(value).length > 0 || phiInUrl(`?${value}`).length > 0 || /mrn|dob|birth/i.test(value),
  );
  const replay = await browser.newContext();
  contexts.push(replay);
  await replay.addCookies(seen.cookies);
  const reused = await replay.newPage();
  await reused.goto(seen.lastPage);
  const stillIn =
    reused.url() === seen.lastPage && (await reused.locator('input[type=password]').count()) === 0;
  const keys = (entries: Array<[string, string]>) => entries.map(([key]) => key).join(', ');
  return [
    result(
      'session-ended-on-sign-out',
      stillIn ? 'finding' : 'pass',
      stillIn
        ? `the session cookie from before sign-out still opens ${new URL(seen.lastPage).pathname}`
        : 'the old session cookie is refused after sign-out',
      [seen.lastPage],
    ),
    result(
      'back-after-sign-out',
      shownAgain ? 'finding' : 'pass',
      shownAgain
        ? `Back after sign-out shows "${seen.heading}" again (${new URL(seen.lastPage).pathname})`
        : 'Back after sign-out shows no signed-in page',
    ),
    result(
      'browser-storage',
      patientData.length > 0 || left.length > 0 ? 'finding' : 'pass',
      patientData.length > 0 || left.length > 0
        ? [
            patientData.length ? `patient data in ${keys(patientData)}` : '',
            left.length ? `left after sign-out: ${keys(left)}` : '',
          ]
            .filter(Boolean)
            .join('; ')
        : 'nothing kept in browser storage',
    ),
  ];
}
