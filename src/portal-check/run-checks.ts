import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import type { Clock } from '../clock/clock.ts';
import { phiInUrl } from '../controls/url-phi.ts';
import { findPhi } from '../synth/find-phi.ts';
import { type CheckResult, result } from './checks.ts';
import type { SignIn } from './sign-in.ts';
import { type PageVisit, signOut, walkPortal } from './walk.ts';

export interface PortalCheckOptions {
  url: string;
  signIn: SignIn;
  maxPages: number;
  /** How long to leave a session idle before checking it was ended; 0 skips the check. */
  idleWaitMs: number;
  clock: Clock;
  say(line: string): void;
}

export interface PortalCheckOutcome {
  results: CheckResult[];
  visits: PageVisit[];
}

interface ThirdParty {
  url: string;
  referer?: string;
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
function sessionCookies(before: Cookie[], after: Cookie[]): Cookie[] {
  return after
    .filter(
      (cookie) =>
        cookie.value !== '' &&
        !before.some(
          (old) => old.name === cookie.name && old.value === cookie.value && old.domain === cookie.domain,
        ),
    )
    .concat(
      after.filter(
        (cookie) =>
          before.some((old) => old.name === cookie.name && old.value === cookie.value) &&
          /sess|sid|auth|token/i.test(cookie.name),
      ),
    );
}

function cookieChecks(
  before: Cookie[],
  after: Cookie[],
  cookies: Cookie[],
  portalPath: string,
): CheckResult[] {
  if (cookies.length === 0) {
    const none = 'no cookie was set at sign-in (token sessions are not checked)';
    return (
      [
        'session-rotated-on-sign-in',
        'cookie-secure',
        'cookie-httponly',
        'cookie-samesite',
        'cookie-path',
      ] as const
    ).map((id) => result(id, 'not-checked', none));
  }
  const names = (list: Cookie[]) => list.map((cookie) => cookie.name).join(', ');
  const kept = cookies.filter((cookie) =>
    before.some((old) => old.name === cookie.name && old.value === cookie.value),
  );
  const bad = (test: (cookie: Cookie) => boolean) => cookies.filter(test);
  const check = (id: Parameters<typeof result>[0], failing: Cookie[], why: string) =>
    result(
      id,
      failing.length > 0 ? 'finding' : 'pass',
      failing.length > 0 ? `${names(failing)}: ${why}` : `${names(cookies)}: ok`,
    );
  void after;
  return [
    check('session-rotated-on-sign-in', kept, 'same value before and after sign-in (session fixation)'),
    check(
      'cookie-secure',
      bad((cookie) => !cookie.secure),
      'no Secure attribute',
    ),
    check(
      'cookie-httponly',
      bad((cookie) => !cookie.httpOnly),
      'no HttpOnly attribute (scripts can read the session)',
    ),
    check(
      'cookie-samesite',
      bad((cookie) => cookie.sameSite === 'None'),
      'SameSite=None',
    ),
    check(
      'cookie-path',
      bad((cookie) => portalPath !== '/' && cookie.path === '/'),
      `Path=/ although the portal lives under ${portalPath}`,
    ),
  ];
}

function pageChecks(visits: PageVisit[], sessionValues: string[], thirdParty: ThirdParty[]): CheckResult[] {
  const cached = visits.filter(
    (visit) => visit.signedIn && visit.status === 200 && !/no-store/i.test(visit.cacheControl ?? ''),
  );
  const inUrl = visits.filter(
    (visit) => phiInUrl(visit.url).length > 0 || sessionValues.some((value) => visit.url.includes(value)),
  );
  const leaks = thirdParty.filter(
    (hit) =>
      phiInUrl(hit.url).length > 0 ||
      (hit.referer !== undefined && phiInUrl(hit.referer).length > 0) ||
      sessionValues.some((value) => hit.url.includes(value) || hit.referer?.includes(value)),
  );
  const unreachable = visits.filter((visit) => visit.unreachable.length > 0);
  const remembered = visits.filter((visit) => visit.remembered.length > 0);
  const list = (items: PageVisit[], what: (visit: PageVisit) => string) =>
    items.map((visit) => `${new URL(visit.url).pathname}: ${what(visit)}`).join('; ');
  return [
    result(
      'no-store',
      cached.length ? 'finding' : 'pass',
      cached.length
        ? list(cached, (visit) => `Cache-Control: ${visit.cacheControl ?? '(none)'}`)
        : `${visits.filter((visit) => visit.signedIn).length} signed-in pages send no-store`,
      cached.map((visit) => visit.url),
    ),
    result(
      'no-sensitive-data-in-url',
      inUrl.length ? 'finding' : 'pass',
      inUrl.length
        ? list(inUrl, (visit) => phiInUrl(visit.url).join(', ') || 'session token')
        : 'no identifiers or token in any URL',
      inUrl.map((visit) => visit.url),
    ),
    result(
      'third-party-leak',
      leaks.length ? 'finding' : 'pass',
      leaks.length
        ? leaks
            .map(
              (hit) =>
                `${hostOf(hit.url)} got ${[...phiInUrl(hit.url), ...(hit.referer ? phiInUrl(hit.referer).map((label) => `Referer ${label}`) : [])].join(', ')}`,
            )
            .join('; ')
        : `${thirdParty.length} third-party requests carried no identifiers (none were sent: other hosts are blocked)`,
    ),
    result(
      'keyboard-path',
      unreachable.length ? 'finding' : 'pass',
      unreachable.length
        ? list(unreachable, (visit) => `no keyboard path to ${visit.unreachable.join(', ')}`)
        : 'every form control reachable by Tab',
      unreachable.map((visit) => visit.url),
    ),
    result(
      'autocomplete-sensitive',
      remembered.length ? 'finding' : 'pass',
      remembered.length
        ? list(remembered, (visit) => visit.remembered.join(', '))
        : 'sensitive fields are not remembered',
      remembered.map((visit) => visit.url),
    ),
  ];
}

function axeChecks(visits: PageVisit[]): CheckResult[] {
  const byRule = new Map<string, CheckResult>();
  for (const visit of visits) {
    for (const finding of visit.axe) {
      const row = byRule.get(finding.rule) ?? {
        id: `wcag:${finding.rule}` as const,
        title: finding.help,
        status: 'finding' as const,
        cites: finding.criteria.map((sc) => `WCAG 2.2 SC ${sc}`),
        detail: '',
        pages: [],
      };
      row.pages!.push(visit.url);
      row.detail = `${row.pages!.length} page(s); e.g. ${new URL(visit.url).pathname} ${finding.targets.slice(0, 3).join(', ')}`;
      byRule.set(finding.rule, row);
    }
  }
  return [...byRule.values()];
}

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
      ...cookieChecks(
        before,
        after,
        cookies,
        new URL(landing).pathname.split('/').slice(0, 2).join('/') || '/',
      ),
      ...pageChecks(
        visits,
        cookies.map((cookie) => cookie.value),
        thirdParty,
      ),
      ...(signedOut
        ? await afterSignOut(browser, page, { lastPage, heading, cookies, held }, contexts)
        : signOutMissing()),
      await idleCheck(browser, options, thirdParty, contexts),
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

async function idleCheck(
  browser: Browser,
  options: PortalCheckOptions,
  thirdParty: ThirdParty[],
  contexts: BrowserContext[],
): Promise<CheckResult> {
  if (options.idleWaitMs <= 0) return result('idle-timeout', 'not-checked', 'skipped (--idle-wait 0)');
  const { context, page } = await signedInContext(browser, options, thirdParty);
  contexts.push(context);
  const url = page.url();
  const minutes = options.idleWaitMs / 60_000;
  options.say(
    `idle-timeout check: leaving a session idle for ${minutes >= 1 ? `${minutes.toFixed(1)} min` : `${options.idleWaitMs / 1000} s`} (shorten with --idle-wait)`,
  );
  await options.clock.sleepUntil(options.clock.now() + options.idleWaitMs);
  await page.goto(url);
  const stillIn = page.url() === url && (await page.locator('input[type=password]').count()) === 0;
  return result(
    'idle-timeout',
    stillIn ? 'finding' : 'pass',
    stillIn
      ? `still signed in at ${new URL(url).pathname} after ${options.idleWaitMs / 1000} s idle`
      : `signed out after ${options.idleWaitMs / 1000} s idle`,
    [url],
  );
}
