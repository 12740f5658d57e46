import type { Page } from 'playwright-core';
import type { Clock } from '../clock/clock.ts';
import { type CheckResult, result } from './checks.ts';

export interface TimeoutWaits {
  /** How long to leave a session idle before checking it was ended; 0 skips the check. */
  idleWaitMs: number;
  /** How long to keep a session busy before checking it was ended anyway; 0 skips the check. */
  lifetimeWaitMs: number;
  clock: Clock;
  say(line: string): void;
}

/** Signs in in a fresh browser context (closed by the caller) and gives the page it landed on. */
export type FreshSession = () => Promise<Page>;

/**
 * The two session-timeout checks. They run one after the other, each in its own session: a portal
 * that allows one session per account would otherwise end the first when the second signs in, and
 * both checks would pass for the wrong reason.
 */
export async function timeoutChecks(open: FreshSession, waits: TimeoutWaits): Promise<CheckResult[]> {
  return [await idleCheck(open, waits), await lifetimeCheck(open, waits)];
}

/** Total time the timeout checks will take, for the warning printed before anything starts. */
export function timeoutWaitMs(waits: Pick<TimeoutWaits, 'idleWaitMs' | 'lifetimeWaitMs'>): number {
  return waits.idleWaitMs + waits.lifetimeWaitMs;
}

async function idleCheck(open: FreshSession, waits: TimeoutWaits): Promise<CheckResult> {
  if (waits.idleWaitMs <= 0) return result('idle-timeout', 'not-checked', 'skipped (--idle-wait 0)');
  const page = await open();
  const url = page.url();
  waits.say(
    `idle-timeout check: leaving a session idle for ${spoken(waits.idleWaitMs)} (shorten with --idle-wait)`,
  );
  await waits.clock.sleepUntil(waits.clock.now() + waits.idleWaitMs);
  const stillIn = await signedInAt(page, url);
  return result(
    'idle-timeout',
    stillIn ? 'finding' : 'pass',
    stillIn
      ? `still signed in at ${new URL(url).pathname} after ${waits.idleWaitMs / 1000} s idle`
      : `signed out after ${waits.idleWaitMs / 1000} s idle`,
    [url],
  );
}

/** At most this long between page loads, so no idle timeout ends the session before its lifetime does. */
const KEEP_BUSY_MS = 60_000;

/**
 * Keeps one session busy (a page load every minute at most, a fifth of the wait at least) for the
 * whole wait: a portal with an absolute lifetime no longer than the wait signs it out anyway.
 */
async function lifetimeCheck(open: FreshSession, waits: TimeoutWaits): Promise<CheckResult> {
  if (waits.lifetimeWaitMs <= 0)
    return result('absolute-lifetime', 'not-checked', 'skipped (opt in with --lifetime-wait)');
  const page = await open();
  const url = page.url();
  const every = Math.min(KEEP_BUSY_MS, waits.lifetimeWaitMs / 5);
  waits.say(
    `absolute-lifetime check: keeping a session busy for ${spoken(waits.lifetimeWaitMs)}, a page every ${spoken(every)} (set with --lifetime-wait)`,
  );
  const started = waits.clock.now();
  const until = started + waits.lifetimeWaitMs;
  while (waits.clock.now() < until) {
    await waits.clock.sleepUntil(Math.min(until, waits.clock.now() + every));
    if (!(await signedInAt(page, url))) {
      return result(
        'absolute-lifetime',
        'pass',
        `signed out after ${Math.round((waits.clock.now() - started) / 1000)} s of continuous use`,
        [url],
      );
    }
  }
  return result(
    'absolute-lifetime',
    'finding',
    `still signed in at ${new URL(url).pathname} after ${waits.lifetimeWaitMs / 1000} s of continuous use (a page every ${every / 1000} s)`,
    [url],
  );
}

async function signedInAt(page: Page, url: string): Promise<boolean> {
  await page.goto(url);
  return page.url() === url && (await page.locator('input[type=password]').count()) === 0;
}

function spoken(ms: number): string {
  const minutes = ms / 60_000;
  return minutes >= 1 ? `${minutes.toFixed(1)} min` : `${ms / 1000} s`;
}
