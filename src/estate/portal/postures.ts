import type { PortalOptions } from './portal.ts';

/**
 * Every documented weakness switched on at once: what `phi-drill serve --portal weak` serves so a
 * team can watch `portal-check` (or their own scanner) find each one. The default is the secure posture.
 */
export const WEAK_PORTAL: PortalOptions = {
  invalidateOnLogout: false,
  idleTimeoutMs: null,
  absoluteLifetimeMs: null,
  rotateOnSignIn: false,
  // SameSite=None is refused by browsers without Secure, so the all-weak cookie keeps Lax; a posture
  // with Secure and SameSite=None shows that finding on its own.
  cookie: { secure: false, httpOnly: false, sameSite: 'Lax', path: '/' },
  noStore: false,
  phiInUrl: true,
  referrerPolicy: 'unsafe-url',
  localStoragePhi: true,
  autocompleteSensitive: true,
  accessibilityFaults: true,
};

export const PORTAL_POSTURES = { secure: {}, weak: WEAK_PORTAL } as const satisfies Record<
  string,
  PortalOptions
>;
