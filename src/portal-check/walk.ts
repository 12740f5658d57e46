import type { Page } from 'playwright-core';
import { type AxeFinding, axeScan, keyboardUnreachable, rememberedSensitiveFields } from './page-audit.ts';

export interface PageVisit {
  url: string;
  status: number;
  cacheControl: string | undefined;
  axe: AxeFinding[];
  unreachable: string[];
  remembered: string[];
  /** Whether the page offers sign-out, i.e. belongs to the signed-in area (only those must be no-store). */
  signedIn: boolean;
}

const SIGN_OUT = /sign[\s-]?out|log[\s-]?out|logoff/i;

/** Links a careful crawler may follow: same origin, GET, never sign-out or anything that looks destructive. */
async function safeLinks(page: Page, origin: string): Promise<string[]> {
  const links = await page
    .locator('a[href]')
    .evaluateAll((anchors) =>
      anchors.map((anchor) => ({ href: (anchor as HTMLAnchorElement).href, text: anchor.textContent ?? '' })),
    );
  return links
    .filter((link) => {
      const url = new URL(link.href);
      return (
        url.origin === origin &&
        !SIGN_OUT.test(link.text) &&
        !SIGN_OUT.test(url.pathname) &&
        !/delete|cancel|remove/i.test(url.pathname)
      );
    })
    .map((link) => link.href.split('#')[0]!);
}

/**
 * Visits the signed-in portal breadth-first from where sign-in landed, following only safe links
 * and submitting nothing; audits each page (headers, axe, keyboard path, remembered fields).
 */
export async function walkPortal(page: Page, maxPages: number): Promise<PageVisit[]> {
  const origin = new URL(page.url()).origin;
  const queue = [page.url()];
  const seen = new Set(queue);
  const visits: PageVisit[] = [];
  while (queue.length > 0 && visits.length < maxPages) {
    const url = queue.shift()!;
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || new URL(page.url()).origin !== origin) continue;
    // A sign-in form means the session is gone (or the link left the signed-in area): nothing to audit.
    if ((await page.locator('input[type=password]').count()) > 0) continue;
    visits.push({
      url: page.url(),
      status: response.status(),
      cacheControl: (await response.headerValue('cache-control')) ?? undefined,
      axe: await axeScan(page),
      unreachable: await keyboardUnreachable(page),
      remembered: await rememberedSensitiveFields(page),
      signedIn: (await signOutControl(page).count()) > 0,
    });
    for (const link of await safeLinks(page, origin)) {
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return visits;
}

function signOutControl(page: Page) {
  return page
    .getByRole('button', { name: SIGN_OUT })
    .or(page.getByRole('link', { name: SIGN_OUT }))
    .first();
}

export async function signOut(page: Page): Promise<boolean> {
  const control = signOutControl(page);
  if ((await control.count()) === 0) return false;
  await Promise.all([page.waitForLoadState('load'), control.click()]);
  await page.waitForLoadState('load');
  return true;
}
