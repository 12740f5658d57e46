import type { Page } from 'playwright-core';
import { totpCode } from './totp.ts';

export interface PatientLogin {
  username: string;
  password: string;
  /** Base32 secret of the patient's authenticator; used only when the portal asks for a code. */
  totpSecret: string;
}

/**
 * Signs a synthetic patient in through the portal's own forms in a real browser, answering the
 * verification-code step when the portal has one with the code their authenticator would show at
 * `now()` (the estate's clock, so drills on the virtual clock get codes the portal accepts).
 */
export async function signInAsPatient(
  page: Page,
  loginUrl: string,
  login: PatientLogin,
  now: () => number,
): Promise<void> {
  await page.goto(loginUrl);
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  await submit(page, 'Sign in');
  if (!page.url().endsWith('/portal/home') && (await page.getByLabel('Verification code').count()) > 0) {
    await page.getByLabel('Verification code').fill(totpCode(login.totpSecret, now()));
    await submit(page, 'Verify');
  }
  await page.waitForURL('**/portal/home');
}

/** Clicks a form's button and waits for the page its POST answers with. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState('load');
}
