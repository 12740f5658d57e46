import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { BrowserUnavailableError, launchChromium } from '../browser/launch.ts';
import { EXIT } from '../cli/exit-codes.ts';
import { RealClock } from '../clock/clock.ts';
import { formatDuration, parseDuration } from '../clock/duration.ts';
import { writeFileDurably } from '../evidence/durable-write.ts';
import { renderHtml, renderJson, renderJunit, renderTable } from './render.ts';
import { runPortalChecks } from './run-checks.ts';
import { loadSignIn, type SignIn, SignInProblem } from './sign-in.ts';
import { timeoutWaitMs } from './timeout-checks.ts';

export const PORTAL_CHECK_USAGE = `usage: phi-drill portal-check --url <portal> [--login <recipe.json|script.ts>] [--allow-host <name>]…
                             [--max-pages N] [--idle-wait 16m|0] [--lifetime-wait 13h]
                             [--json] [--junit FILE] [--html FILE]

Signs in to a portal in Chromium with credentials from the environment (PHI_DRILL_PORTAL_USER and
PHI_DRILL_PORTAL_PASSWORD, or the variables a recipe names), visits its pages without submitting
anything, signs out, and reports session, cookie, cache, URL, storage and WCAG 2.2 AA findings with
the ASVS 5.0 / HIPAA / WCAG requirement each tests. Loopback portals are always allowed; any other
host must be named with --allow-host. Exit 0 no findings, 1 findings, 2 bad input or sign-in failed,
3 browser or portal unreachable.

The timeout checks wait in real time, and say how long before they start: --idle-wait leaves a
session idle that long (default 16m; 0 skips); --lifetime-wait (off unless given) keeps a session
busy that long and expects the portal to have ended it by then: set it a little above the absolute
lifetime you expect.
`;

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

interface Io {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
}

function usage(io: Io, problem: string): number {
  io.stderr.write(`${problem}\n${PORTAL_CHECK_USAGE}`);
  return EXIT.usage;
}

const OPTIONS = {
  url: { type: 'string' },
  login: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'max-pages': { type: 'string' },
  'idle-wait': { type: 'string' },
  'lifetime-wait': { type: 'string' },
  json: { type: 'boolean' },
  junit: { type: 'string' },
  html: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, strict: true, options: OPTIONS }).values;
}

/** `phi-drill portal-check`: the portal checks against the user's own staging portal. */
export async function portalCheckCommand(argv: string[], io: Io): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout.write(PORTAL_CHECK_USAGE);
    return EXIT.ok;
  }
  if (!values.url) return usage(io, '--url is required');
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    return usage(io, `--url ${values.url} is not a URL`);
  }
  if (!/^https?:$/.test(url.protocol)) return usage(io, `--url must be http(s), not ${url.protocol}`);
  const allowed = values['allow-host'] ?? [];
  if (!LOOPBACK.has(url.hostname) && !allowed.includes(url.hostname)) {
    return usage(
      io,
      `${url.hostname} is not allow-listed: pass --allow-host ${url.hostname} to check a non-loopback portal`,
    );
  }
  const maxPages = Number(values['max-pages'] ?? 12);
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 200)
    return usage(io, '--max-pages takes an integer 1-200');
  const idleWaitMs = values['idle-wait'] === '0' ? 0 : parseDuration(values['idle-wait'] ?? '16m');
  if (idleWaitMs === undefined)
    return usage(io, `--idle-wait takes a duration like 16m, 30s or 0 (got ${values['idle-wait']})`);
  const lifetimeWaitMs =
    values['lifetime-wait'] === undefined || values['lifetime-wait'] === '0'
      ? 0
      : parseDuration(values['lifetime-wait']);
  if (lifetimeWaitMs === undefined)
    return usage(io, `--lifetime-wait takes a duration like 13h, 30s or 0 (got ${values['lifetime-wait']})`);

  let signIn: SignIn;
  try {
    signIn = await loadSignIn(values.login, io.env);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const say = (line: string) => void io.stderr.write(`${line}\n`);
  const waits = { idleWaitMs, lifetimeWaitMs };
  if (timeoutWaitMs(waits) > 0) say(waitWarning(values, waits));
  let browser: Browser;
  try {
    browser = await launchChromium(io.env, { reachable: LOOPBACK.has(url.hostname) ? [] : [url.hostname] });
  } catch (error) {
    io.stderr.write(
      `${error instanceof BrowserUnavailableError ? error.message : `could not start Chromium: ${(error as Error).message}`}\n`,
    );
    return EXIT.operational;
  }
  try {
    const outcome = await runPortalChecks(browser, {
      url: url.href,
      signIn,
      maxPages,
      ...waits,
      clock: new RealClock(),
      say,
    });
    const pages = outcome.visits.map((visit) => visit.url);
    io.stdout.write(
      values.json ? renderJson(url.href, outcome.results, pages) : renderTable(url.href, outcome.results),
    );
    if (values.junit) writeFileDurably(values.junit, renderJunit(url.href, outcome.results));
    if (values.html) writeFileDurably(values.html, renderHtml(url.href, outcome.results));
    return outcome.results.some((row) => row.status === 'finding') ? EXIT.missed : EXIT.ok;
  } catch (error) {
    if (error instanceof SignInProblem) return usage(io, error.message);
    io.stderr.write(`portal-check could not finish: ${(error as Error).message.split('\n')[0]}\n`);
    return EXIT.operational;
  } finally {
    await browser.close();
  }
}

/** Before anything starts: how long the timeout checks will hold the run, and how to change that. */
function waitWarning(
  values: { 'idle-wait'?: string | undefined; 'lifetime-wait'?: string | undefined },
  waits: { idleWaitMs: number; lifetimeWaitMs: number },
): string {
  const parts = [
    waits.idleWaitMs > 0
      ? `the idle-timeout check leaves a session idle for ${values['idle-wait'] ?? '16m'} (--idle-wait 0 skips it)`
      : '',
    waits.lifetimeWaitMs > 0
      ? `the absolute-lifetime check keeps a session busy for ${values['lifetime-wait']} (--lifetime-wait 0 skips it)`
      : '',
  ].filter(Boolean);
  return `this check takes at least ${formatDuration(timeoutWaitMs(waits))}: ${parts.join('; ')}`;
}
