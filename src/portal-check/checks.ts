/** What one check tests, and the requirements it cites (ASVS 5.0.0 ids, HIPAA sections, WCAG 2.2 SCs). */
export interface CheckDefinition {
  id: string;
  title: string;
  cites: readonly string[];
}

/** Every check `portal-check` runs, in report order. Accessibility findings add one row per WCAG rule. */
export const CHECKS = [
  {
    id: 'session-rotated-on-sign-in',
    title: 'A new session id is issued on sign-in',
    cites: ['ASVS v5.0.0-7.2.4'],
  },
  {
    id: 'session-ended-on-sign-out',
    title: 'Sign-out ends the session on the server (a copied cookie stops working)',
    cites: ['ASVS v5.0.0-7.4.1', 'HIPAA 164.312(a)(1)'],
  },
  {
    id: 'back-after-sign-out',
    title: 'Back after sign-out does not show the previous page',
    cites: ['ASVS v5.0.0-7.4.1', 'ASVS v5.0.0-14.3.2'],
  },
  {
    id: 'idle-timeout',
    title: 'An idle session is ended (automatic logoff)',
    cites: ['ASVS v5.0.0-7.3.1', 'HIPAA 164.312(a)(2)(iii)'],
  },
  {
    id: 'absolute-lifetime',
    title: 'A session in continuous use still ends at an absolute lifetime',
    cites: ['ASVS v5.0.0-7.3.2', 'HIPAA 164.312(a)(2)(iii)'],
  },
  {
    id: 'cookie-secure',
    title: 'Session cookie has Secure',
    cites: ['ASVS v5.0.0-3.3.1', 'HIPAA 164.312(e)(1)'],
  },
  { id: 'cookie-httponly', title: 'Session cookie has HttpOnly', cites: ['ASVS v5.0.0-3.3.4'] },
  { id: 'cookie-samesite', title: 'Session cookie has SameSite Lax or Strict', cites: ['ASVS v5.0.0-3.3.2'] },
  {
    id: 'cookie-path',
    title: 'Session cookie is scoped to the portal, not the whole host',
    cites: ['ASVS v5.0.0-3.3.3'],
  },
  {
    id: 'no-store',
    title: 'Signed-in pages send Cache-Control: no-store',
    cites: ['ASVS v5.0.0-14.3.2', 'HIPAA 164.312(a)(1)'],
  },
  {
    id: 'no-sensitive-data-in-url',
    title: 'No session token or patient identifiers in page URLs',
    cites: ['ASVS v5.0.0-14.2.1'],
  },
  {
    id: 'third-party-leak',
    title: 'Third parties (trackers) receive no patient identifiers, by URL or Referer',
    cites: ['ASVS v5.0.0-14.2.3', 'ASVS v5.0.0-3.4.5', 'HIPAA 164.312(e)(1)'],
  },
  {
    id: 'browser-storage',
    title: 'No patient data in localStorage/sessionStorage, none left after sign-out',
    cites: ['ASVS v5.0.0-14.3.3', 'ASVS v5.0.0-14.3.1'],
  },
  {
    id: 'autocomplete-sensitive',
    title: 'Sensitive identifier fields are not remembered by the browser (autocomplete="off")',
    cites: ['ASVS v5.0.0-14.3.1'],
  },
  {
    id: 'keyboard-path',
    title: 'Every form control can be reached with the keyboard',
    cites: ['WCAG 2.2 SC 2.1.1'],
  },
] as const satisfies readonly CheckDefinition[];

export type CheckId = (typeof CHECKS)[number]['id'] | `wcag:${string}`;

export type CheckStatus = 'pass' | 'finding' | 'not-checked';

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  cites: readonly string[];
  /** What was seen: the page, cookie or header behind a finding, or why a check did not run. */
  detail: string;
  pages?: string[];
}

export function result(
  id: (typeof CHECKS)[number]['id'],
  status: CheckStatus,
  detail: string,
  pages?: string[],
): CheckResult {
  const check = CHECKS.find((one) => one.id === id)!;
  return { id, title: check.title, status, cites: check.cites, detail, ...(pages ? { pages } : {}) };
}
