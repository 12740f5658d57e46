import type { Page } from 'playwright-core';
import { elapsedMs } from '../clock/clock.ts';

/**
 * How long a page must have had no request in flight to count as settled. Playwright's
 * `networkidle` waits 500 ms, sized for the open internet; every request a drill page makes is
 * answered on loopback or by the estate in process within milliseconds, so a tenth of that still
 * leaves room for a script to start the next request after one finishes, and the drill does not
 * sit idle half a second at every step.
 */
export const QUIET_MS = 100;

/** Waits until a page's network has been quiet, counting its requests as Playwright reports them. */
export interface QuietNetwork {
  /** Resolves once no request has been in flight for `quietMs`; rejects after `timeoutMs` without that. */
  quiet(quietMs?: number, timeoutMs?: number): Promise<void>;
}

/** The browser asks for a favicon on its own and may never report it finished; Playwright's idle ignores it too. */
function isFavicon(url: string): boolean {
  return new URL(url).pathname === '/favicon.ico';
}

export function watchNetwork(page: Page): QuietNetwork {
  const open = new Set<unknown>();
  let lastChange = elapsedMs();
  let wake: (() => void) | undefined;
  const changed = () => {
    lastChange = elapsedMs();
    wake?.();
  };
  page.on('request', (request) => {
    if (isFavicon(request.url())) return;
    open.add(request);
    changed();
  });
  const done = (request: unknown) => {
    if (open.delete(request)) changed();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async quiet(quietMs = QUIET_MS, timeoutMs = 15_000) {
      const deadline = elapsedMs() + timeoutMs;
      for (;;) {
        const now = elapsedMs();
        const calm = open.size === 0 ? quietMs - (now - lastChange) : Number.POSITIVE_INFINITY;
        if (calm <= 0) return;
        if (now >= deadline)
          throw new Error(`the page still had ${open.size} request(s) in flight after ${timeoutMs} ms`);
        // Sleeps until the window would close or the network changes, whichever comes first. The
        // browser's network is real, so is this wait: an unreferenced timer that needs no clearing.
        await new Promise<void>((resolve) => {
          const signal = AbortSignal.timeout(Math.max(1, Math.ceil(Math.min(calm, deadline - now))));
          const stop = () => {
            signal.removeEventListener('abort', stop);
            wake = undefined;
            resolve();
          };
          signal.addEventListener('abort', stop);
          wake = stop;
        });
      }
    },
  };
}
