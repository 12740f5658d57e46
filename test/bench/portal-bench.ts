import { launchChromium } from '../../src/browser/launch.ts';
import { RealClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { serveOnLoopback } from '../../src/estate/loopback-server.ts';
import { runPortalChecks } from '../../src/portal-check/run-checks.ts';
import { recipeSignIn, SignInRecipe } from '../../src/portal-check/sign-in.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { createDrillHandle } from '../../src/testing/drill-handle.ts';

export interface PortalBench {
  browserScenarioMs: number;
  httpScenarioMs: number;
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
 * The kiosk scenario in Chromium against its HTTP-only variant (same estate, same expectations), and
 * portal-check's cost per page against loading the same pages with no audits, in one browser.
 */
export async function benchPortal(): Promise<PortalBench> {
  const drill = createDrillHandle();
  try {
    const [, httpScenarioMs] = await timed(() => drill.run('portal-session-reuse', { patients: 100 }));
    const [, browserScenarioMs] = await timed(() =>
      drill.run('portal-session-reuse-browser', { patients: 100 }),
    );

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
        browserScenarioMs,
        httpScenarioMs,
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
