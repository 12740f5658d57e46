import type { Cookie } from 'playwright-core';
import { type CheckResult, result } from './checks.ts';

/** Cookies sign-in set or changed, plus session-named ones it left as they were (fixation). */
export function sessionCookies(before: Cookie[], after: Cookie[]): Cookie[] {
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

export function cookieChecks(before: Cookie[], cookies: Cookie[], portalPath: string): CheckResult[] {
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
