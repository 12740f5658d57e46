import { chromium, type Browser as PlaywrightBrowser } from 'playwright-core';
import { findBrowser } from './find-browser.ts';

/** Flags for a quiet, headless Chromium that phones nowhere (no updates, sync or first-run pings). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Every host name but loopback resolves to nothing: a drill's browser cannot reach the internet. */
const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1';

export class BrowserUnavailableError extends Error {}

/**
 * Launches the system's Chromium (PHI_DRILL_CHROMIUM or the first on PATH) through Playwright; the
 * project never downloads a browser. `loopbackOnly` (drills) makes every other host unresolvable.
 */
export async function launchChromium(
  env: Readonly<Record<string, string | undefined>>,
  options: { loopbackOnly: boolean },
): Promise<PlaywrightBrowser> {
  const found = findBrowser(env);
  if ('problem' in found) throw new BrowserUnavailableError(found.problem);
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    args: options.loopbackOnly ? [...CHROMIUM_ARGS, LOOPBACK_ONLY] : CHROMIUM_ARGS,
    timeout: 30_000,
  });
}
