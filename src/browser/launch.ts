import type { Browser as PlaywrightBrowser } from 'playwright-core';
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

/** Every host name but loopback (and `reachable`) resolves to nothing: third parties are never contacted. */
function resolverRules(reachable: readonly string[]): string {
  const excluded = ['localhost', '127.0.0.1', ...reachable].map((host) => `EXCLUDE ${host}`);
  return `--host-resolver-rules=MAP * ~NOTFOUND, ${excluded.join(', ')}`;
}

export class BrowserUnavailableError extends Error {}

/**
 * Launches the system's Chromium (PHI_DRILL_CHROMIUM or the first on PATH) through Playwright; the
 * project never downloads a browser. Only loopback and the `reachable` hosts resolve, so pages can
 * try to call third parties (and be seen trying) but nothing reaches them.
 */
export async function launchChromium(
  env: Readonly<Record<string, string | undefined>>,
  options: { reachable: readonly string[] } = { reachable: [] },
): Promise<PlaywrightBrowser> {
  const found = findBrowser(env, 'the browser');
  if ('problem' in found) throw new BrowserUnavailableError(found.problem);
  // Loaded here, not at the top: the kiosk injector sits in the registry every command builds, and
  // `validate` or `list` must not pay for Playwright.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    args: [...CHROMIUM_ARGS, resolverRules(options.reachable)],
    timeout: 30_000,
  });
}
