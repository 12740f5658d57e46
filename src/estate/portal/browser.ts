import { ESTATE_ORIGIN, type EstateFetch } from '../dispatch.ts';
import { ANALYTICS_TAG, analyticsHitUrl } from './analytics-egress.ts';
import { FINDER_PATH } from './finder-pages.ts';

/** Where a simulated browser sits: its address (as X-Forwarded-For) and user agent. */
export interface BrowserDevice {
  'x-forwarded-for': string;
  'user-agent': string;
}

export interface FinderVisit {
  /** How the form sent the identifiers, as the page told the browser to. */
  method: 'get' | 'post';
  /** Status of the search results page. */
  status: number;
}

/**
 * Loads a page as a browser does: reads it, and when the page carries the analytics tag lets the
 * tag report the view, with the page address in the hit and (the tag's own request, loaded without
 * a stricter Referrer-Policy) in the Referer header.
 */
async function open(fetch: EstateFetch, url: string, device: BrowserDevice, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, headers: { ...device, ...init.headers } });
  const html = await response.text();
  if (html.includes(ANALYTICS_TAG)) {
    await fetch(analyticsHitUrl(url), { headers: { ...device, referer: url } });
  }
  return { status: response.status, html };
}

/**
 * A patient uses "find my appointment": opens the form, fills in name, date of birth and MRN, and
 * submits it the way the form's `method` says (HTML's default, GET, when it says nothing).
 */
export async function findAppointment(
  fetch: EstateFetch,
  device: BrowserDevice,
  identity: { name: string; dob: string; mrn: string },
): Promise<FinderVisit> {
  const formUrl = new URL(FINDER_PATH, ESTATE_ORIGIN).href;
  const form = await open(fetch, formUrl, device);
  const method = /<form[^>]*\smethod="post"/i.test(form.html) ? 'post' : 'get';
  const fields = new URLSearchParams(identity);
  const result =
    method === 'get'
      ? await open(fetch, `${formUrl}?${fields}`, device)
      : await open(fetch, formUrl, device, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: fields,
        });
  return { method, status: result.status };
}

/** Signs a patient in as the login form would; returns the session cookie (`portal_session=…`), if any. */
export async function portalSignIn(
  fetch: EstateFetch,
  device: BrowserDevice,
  login: { username: string; password: string },
): Promise<string | undefined> {
  const response = await fetch('/portal/login', {
    method: 'POST',
    headers: { ...device, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: login.username, password: login.password }),
    redirect: 'manual',
  });
  return response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('portal_session='))
    ?.split(';')[0];
}
