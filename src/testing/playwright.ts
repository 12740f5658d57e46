import { test as base, expect as baseExpect } from '@playwright/test';
import { RealClock } from '../clock/clock.ts';
import { createEstate, type Estate } from '../estate/estate.ts';
import { type LoopbackServer, serveOnLoopback } from '../estate/loopback-server.ts';
import type { PortalOptions } from '../estate/portal/index.ts';
import { signInAsPatient } from '../estate/portal/patient-sign-in.ts';
import { TelemetryBus } from '../telemetry/bus.ts';
import { createDrillHandle, type DrillHandle } from './drill-handle.ts';
import { drillMatchers } from './matchers.ts';

/** A running estate on loopback, on the real clock, for one test. */
export interface RunningEstate {
  estate: Estate;
  server: LoopbackServer;
}

/** The synthetic patient the `patient` fixture signed in, on `page`. */
export interface SignedInPatient {
  index: number;
  patientId: string;
  username: string;
  displayName: string;
}

export interface PhiDrillFixtures {
  /** Options for the estate (override with `test.use({ estateOptions: … })`). */
  estateOptions: { seed: number; patients: number; portal: PortalOptions; patientIndex: number };
  estate: RunningEstate;
  /** The portal's sign-in page on the running estate. */
  portalUrl: string;
  /** A synthetic patient signed in through the portal's form on `page`. */
  patient: SignedInPatient;
  /** Runs drills (catalog ids or files) and removes their run folders after the test. */
  drill: DrillHandle;
}

/**
 * Playwright Test fixtures: `estate`, `portalUrl`, `patient`, `drill`. Launch options (Debian's
 * Chromium through `executablePath`) stay in the user's playwright.config; nothing here downloads.
 */
export const test = base.extend<PhiDrillFixtures>({
  estateOptions: [{ seed: 1, patients: 50, portal: {}, patientIndex: 0 }, { option: true }],
  estate: async ({ estateOptions }, use) => {
    const clock = new RealClock();
    const estate = createEstate({
      clock,
      bus: new TelemetryBus(clock),
      seed: estateOptions.seed,
      patients: estateOptions.patients,
      portal: estateOptions.portal,
    });
    const server = await serveOnLoopback(estate.fetch);
    try {
      await use({ estate, server });
    } finally {
      await server.close();
    }
  },
  portalUrl: async ({ estate }, use) => {
    await use(`${estate.server.url}/portal/login`);
  },
  patient: async ({ estate, estateOptions, page, portalUrl }, use) => {
    const index = estateOptions.patientIndex;
    const login = estate.estate.credentials.portal.loginFor(index);
    const synthetic = estate.estate.population.patient(index);
    await signInAsPatient(page, portalUrl, login, () => estate.estate.clock.now());
    await use({
      index,
      patientId: login.patientId,
      username: login.username,
      displayName: `${synthetic.given} ${synthetic.family}`,
    });
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as the first argument
  drill: async ({}, use) => {
    const handle = createDrillHandle();
    try {
      await use(handle);
    } finally {
      await handle.cleanup();
    }
  },
});

/** Playwright's `expect` with the drill matchers (`toMeetExpectation`, `toDetectWithin`, …). */
export const expect = baseExpect.extend(drillMatchers);

export { findBrowser } from '../browser/find-browser.ts';
export { CHROMIUM_ARGS } from '../browser/launch.ts';
