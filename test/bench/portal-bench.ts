import { launchChromium } from '../../src/browser/launch.ts';
import { RealClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { runPortalChecks } from '../../src/portal-check/run-checks.ts';
import { recipeSignIn, SignInRecipe } from '../../src/portal-check/sign-in.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { createDrillHandle } from '../../src/testing/drill-handle.ts';

/** A browser-driven catalog scenario's wall time, beside its HTTP-only variant when it has one. */
export interface BrowserScenarioTiming {
  scenario: string;
  browserMs: number;
  http?: { scenario: string; ms: number };
}

/** Each browser scenario of the catalog, with the HTTP-only variant it mirrors. */
const BROWSER_SCENARIOS: ReadonlyArray<{ scenario: string; http?: string }> = [
  { scenario: 'portal-session-reuse-browser', http: 'portal-session-reuse' },
  { scenario: 'phi-in-url-browser', http: 'phi-in-url' },
  { scenario: 'portal-storage-residue' },
];

export interface PortalBench {
  scenarios: BrowserScenarioTiming[];
  checkMsPerPage: number;
  plainMsPerPage: number;
  pages: number;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const began = performance.now();
  const value = await work();
  return [value, performance.now() - began];
}

/**
 * Each browser scenario in Chromium against its HTTP-only variant (same estate, same expectations), and
 * portal-check's cost per page against loading the same pages with no audits, in one browser.
 */
export async function benchPortal(): Promise<PortalBench> {
  const drill = createDrillHandle();
  try {
    const scenarios: BrowserScenarioTiming[] = [];
    for (const { scenario, http } of BROWSER_SCENARIOS) {
      const [, browserMs] = await timed(() => drill.run(scenario, { patients: 100 }));
      if (!http) {
        scenarios.push({ scenario, browserMs });
        continue;
      }
      const [, ms] = await timed(() => drill.run(http, { patients: 100 }));
      scenarios.push({ scenario, browserMs, http: { scenario: http, ms } });
    }

    const clock = new RealClock();
    const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 1, patients: 20 });
    const server = await serveOnLoopback(estate.fetch);
    const browser = await launchChromium(process.env);
    try {
      const login = estate.credentials.portal.loginFor(0);
      const env = { PHI_DRILL_PORTAL_USER: login.username, PHI_DRILL_PORTAL_PASSWORD: login.password };
      const recipe = SignInRecipe.parse({
        username: { label: 'Username', env: 'PHI_DRILL_PORTAL_USER' },
        password: { label: 'Password', env: 'PHI_DRILL_PORTAL_PASSWORD' },
      });
      const options = {
        url: `${server.url}/portal/login`,
        signIn: recipeSignIn(recipe, env),
        maxPages: 8,
        idleWaitMs: 0,
        lifetimeWaitMs: 0,
        clock,
        say: () => {},
      };
      const [outcome, checkMs] = await timed(() => runPortalChecks(browser, options));
      const pages = outcome.visits.map((visit) => visit.url);
      const context = await browser.newContext();
      const page = await context.newPage();
      await options.signIn(page, options.url);
      const [, plainMs] = await timed(async () => {
        for (const url of pages) await page.goto(url);
      });
      await context.close();
      return {
        scenarios,
        checkMsPerPage: checkMs / pages.length,
        plainMsPerPage: plainMs / pages.length,
        pages: pages.length,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await drill.cleanup();
  }
}
