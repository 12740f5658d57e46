import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const SHARED_TABLET_AGENT =
  'Mozilla/5.0 (Linux; Android 15; Clinic Tablet) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36';

/**
 * A portal release caches the signed-in patient's profile (name, MRN, date of birth) in the
 * browser's `localStorage` and never removes it. On a shared device (the waiting-room tablet) a
 * patient signs in, reads their dashboard and signs out properly; the server ends the session, but
 * the profile stays in the browser, and the next person's sign-in page greets them with it. Browser
 * only: storage left behind exists only in a real browser.
 */
export const portalStorageResidue = defineInjector({
  id: 'portal-storage-residue',
  summary:
    "Portal caches the patient's profile in localStorage and keeps it after sign-out; the next person on a shared device reads it",
  attack: ['T1005'],
  hipaa: ['164.312(a)(1)', '164.310(c)', '164.502(a)'],
  dossier: {
    dossier: 'legal-consequences',
    failure:
      'patient portals with inadequate session timeout controls allowing PHI exposure on shared devices',
  },
  detection:
    "The portal's client error beacon: a dashboard finds a profile cached for a patient other than the one signed in",
  params: z.strictObject({
    patient: z.int().min(0).default(9).describe('Population index of the patient who signs out'),
    nextPatient: z.int().min(0).default(10).describe('Population index of the next person at the device'),
    nextAfter: z
      .string()
      .refine((text) => parseDuration(text) !== undefined, 'a duration like 20m')
      .default('20m')
      .describe('How long after the sign-out the next person picks up the device'),
    profileCache: z
      .boolean()
      .default(true)
      .describe(
        'Whether the release caches the profile: true is the leak; false is a baseline that must raise nothing',
      ),
    mfa: z
      .enum(['off', 'totp'])
      .optional()
      .describe("The portal's second sign-in step during the drill (default: as the estate is configured)"),
  }),
  conditions: ['storage-cleared'],
  async apply(context, params) {
    // The portal clients load the estate's request plumbing: imported when the leak runs, so
    // loading the catalog (validate, list) does not pay for them.
    const { driveSharedDevice } = await import('./portal-storage-browser.ts');
    const { portal } = context.estate;
    const saved = structuredClone(portal.state.config);
    portal.state.config.localStoragePhi = params.profileCache;
    portal.state.config.clearSiteData = false;
    if (params.mfa) portal.state.config.mfa = params.mfa;
    const device = await driveSharedDevice(context, {
      patient: params.patient,
      nextPatient: params.nextPatient,
      nextAfterMs: parseDuration(params.nextAfter)!,
      sourceIp: workstationIp(251),
      userAgent: SHARED_TABLET_AGENT,
    }).catch((error: unknown) => {
      // No browser, no revert to call: the release is rolled back here.
      portal.state.config = saved;
      throw error;
    });
    return {
      probes: {
        'storage-cleared': () => portal.state.config.clearSiteData && !portal.state.config.localStoragePhi,
      },
      async revert() {
        portal.state.config = saved;
        await device.revert();
      },
    };
  },
});
