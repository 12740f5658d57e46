import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const KIOSK_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) ClinicKiosk/3.1';

/**
 * A patient checks appointments on a shared waiting-room kiosk and logs out. The portal neither ends
 * the session on logout nor enforces the idle timeout, so the next person at the kiosk reopens the
 * page with the same cookie and reads the first patient's PHI.
 */
export const portalSessionReuse = defineInjector({
  id: 'portal-session-reuse',
  summary: 'Portal session survives logout and idle timeout; the next person at a shared kiosk reuses it',
  attack: ['T1550.004', 'T1539'],
  hipaa: ['164.312(a)(2)(iii)', '164.312(d)', '164.312(b)'],
  dossier: {
    dossier: 'legal-consequences',
    failure:
      'patient portals with inadequate session timeout controls allowing PHI exposure on shared devices',
  },
  detection: 'Session used after logout or after more than the idle timeout',
  params: z
    .strictObject({
      reuseAfter: z
        .string()
        .refine((text) => parseDuration(text) !== undefined, 'a duration like 20m')
        .default('20m')
        .describe('How long after logout the second person reuses the session'),
      views: z.int().min(1).max(50).default(3).describe('Pages the second person opens'),
      patient: z.int().min(0).default(7).describe('Population index of the patient at the kiosk'),
      driver: z
        .enum(['http', 'browser'])
        .default('http')
        .describe(
          "'browser': a real Chromium at the kiosk (walk-away, Back after sign-out, screenshots and HAR kept); 'http': bare requests, fast",
        ),
      mfa: z
        .enum(['off', 'totp'])
        .optional()
        .describe(
          "The portal's second sign-in step during the drill (default: as the estate is configured); 'totp' needs driver: browser",
        ),
    })
    .refine((params) => !(params.mfa === 'totp' && params.driver !== 'browser'), {
      path: ['mfa'],
      message: 'mfa: totp needs driver: browser (the HTTP variant signs in with the password only)',
    }),
  conditions: ['session-terminated'],
  async apply(context, params) {
    // The portal clients load the estate's request plumbing: imported when the leak runs, so
    // loading the catalog (validate, list) does not pay for them.
    const [{ portalSignIn }, { driveKiosk }] = await Promise.all([
      import('../estate/portal/browser.ts'),
      import('./portal-kiosk-browser.ts'),
    ]);
    const { estate, fetch, later, exposed } = context;
    const { portal } = estate;
    const saved = structuredClone(portal.state.config);
    portal.state.config.invalidateOnLogout = false;
    portal.state.config.idleTimeoutMs = null;
    const device = { 'x-forwarded-for': workstationIp(250), 'user-agent': KIOSK_AGENT };
    const reuseAfter = parseDuration(params.reuseAfter)!;
    const probes = {
      'session-terminated': () =>
        [...portal.state.sessions.values()].some(
          (session) => session.sourceIp === device['x-forwarded-for'] && session.terminatedAt !== undefined,
        ),
    };
    if (params.driver === 'browser') {
      // A kiosk browser keeps pages in its cache and the profile in local storage unless told not to.
      portal.state.config.noStore = false;
      portal.state.config.localStoragePhi = true;
      if (params.mfa) portal.state.config.mfa = params.mfa;
      const kiosk = await driveKiosk(context, {
        patient: params.patient,
        reuseAfterMs: reuseAfter,
        views: params.views,
        sourceIp: device['x-forwarded-for'],
        userAgent: device['user-agent'],
      });
      return {
        probes,
        async revert() {
          portal.state.config = saved;
          await kiosk.revert();
        },
      };
    }
    const login = estate.credentials.portal.loginFor(params.patient);
    const cookie = await portalSignIn(fetch, device, login);
    if (!cookie) throw new Error(`kiosk login failed for ${login.username}`);
    await fetch('/portal/appointments', { headers: { ...device, cookie } });
    await fetch('/portal/logout', { method: 'POST', headers: { ...device, cookie }, redirect: 'manual' });
    for (let view = 0; view < params.views; view++) {
      later(reuseAfter + view * 60_000, 'portal-session-reuse: second person views', async () => {
        const page = await fetch('/portal/appointments', {
          headers: { ...device, cookie },
          redirect: 'manual',
        });
        if (page.status === 200) exposed([login.patientId]);
      });
    }
    return {
      probes,
      revert() {
        portal.state.config = saved;
      },
    };
  },
});
